package dev.atrium.scaffolder.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tasks and their events in PostgreSQL. Claims take the oldest open task with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never take the same one; a claim is a lease that the
 * holder renews, and a task whose lease ran out is failed by whichever instance sees it first.
 */
@Repository
class TaskStore {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, template_ref, spec, status, created_by, created_at, started_at, finished_at, "
			+ "last_heartbeat_at, state, error";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	TaskStore(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/** A claimed task with what only its runner may read. */
	record Claim(Task task, byte[] secrets, byte[] workspace, int attempts) {
	}

	void insert(UUID id, String templateRef, Map<String, Object> spec, String createdBy, byte[] secrets) {
		jdbc.sql("INSERT INTO scaffolder_tasks (id, template_ref, spec, status, created_by, secrets) VALUES (?, ?, ?::jsonb, 'open', ?, ?)")
			.params(id, templateRef, JSON.writeValueAsString(spec), createdBy, secrets)
			.update();
	}

	Optional<Task> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM scaffolder_tasks WHERE id = ?").param(id).query(this::task).optional();
	}

	/** Tasks newest first, optionally of one creator and some statuses. */
	List<Task> list(String createdBy, List<String> statuses, int limit, int offset) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM scaffolder_tasks WHERE true");
		List<Object> params = new ArrayList<>();
		where(createdBy, statuses, sql, params);
		sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
		params.add(limit);
		params.add(offset);
		return jdbc.sql(sql.toString()).params(params).query(this::task).list();
	}

	long count(String createdBy, List<String> statuses) {
		StringBuilder sql = new StringBuilder("SELECT count(*) FROM scaffolder_tasks WHERE true");
		List<Object> params = new ArrayList<>();
		where(createdBy, statuses, sql, params);
		return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
	}

	private static void where(String createdBy, List<String> statuses, StringBuilder sql, List<Object> params) {
		if (createdBy != null) {
			// Backstage's clients ask for a creator by user entity ref (user:default/ada), Atrium's by name
			sql.append(" AND (created_by = ? OR spec->'user'->>'ref' = ?)");
			params.add(createdBy);
			params.add(createdBy);
		}
		if (statuses != null && !statuses.isEmpty()) {
			sql.append(" AND status IN (").append(String.join(",", statuses.stream().map(s -> "?").toList())).append(")");
			params.addAll(statuses);
		}
	}

	/** Takes the oldest open task for this instance. */
	Optional<Claim> claim(String instance, Duration lease) {
		return jdbc.sql("""
				UPDATE scaffolder_tasks SET status = 'processing', claimed_by = ?, lease_until = now() + make_interval(secs => ?::double precision),
				  last_heartbeat_at = now(), started_at = coalesce(started_at, now()), attempts = attempts + 1
				WHERE id = (SELECT id FROM scaffolder_tasks WHERE status = 'open' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING """ + " " + COLUMNS + ", secrets, workspace, attempts")
			.params(instance, lease.toMillis() / 1000.0)
			.query((rs, n) -> new Claim(task(rs, n), rs.getBytes("secrets"), rs.getBytes("workspace"), rs.getInt("attempts")))
			.optional();
	}

	/**
	 * Renews the lease of a task this instance holds.
	 * @return whether cancellation was asked for; empty when the instance no longer holds the task
	 */
	Optional<Boolean> renew(UUID id, String instance, Duration lease) {
		return jdbc.sql("""
				UPDATE scaffolder_tasks SET lease_until = now() + make_interval(secs => ?::double precision), last_heartbeat_at = now()
				WHERE id = ? AND claimed_by = ? AND status = 'processing' RETURNING cancel_requested""")
			.params(lease.toMillis() / 1000.0, id, instance)
			.query(Boolean.class)
			.optional();
	}

	void saveState(UUID id, Map<String, Object> state) {
		jdbc.sql("UPDATE scaffolder_tasks SET state = ?::jsonb WHERE id = ?").params(JSON.writeValueAsString(state), id).update();
	}

	/**
	 * Ends a run this instance holds. Secrets are dropped unless the run failed (a retry needs them);
	 * the workspace is kept only for a failed run.
	 * @return false when the instance no longer held the task (its lease had expired)
	 */
	boolean finish(UUID id, String instance, String status, String error, Map<String, Object> state, byte[] workspace) {
		boolean failed = status.equals(Task.FAILED);
		return jdbc.sql("""
				UPDATE scaffolder_tasks SET status = ?, error = ?, state = ?::jsonb, finished_at = now(), claimed_by = NULL,
				  lease_until = NULL, secrets = CASE WHEN ? THEN secrets END, workspace = ?
				WHERE id = ? AND claimed_by = ? AND status = 'processing'""")
			.params(status, error, JSON.writeValueAsString(state), failed, failed ? workspace : null, id, instance)
			.update() == 1;
	}

	/** Fails every task whose lease ran out; returns them (as they were) so their events can be written. */
	List<Task> expire() {
		return tx.execute(s -> {
			List<Task> expired = jdbc.sql("SELECT " + COLUMNS + ", claimed_by FROM scaffolder_tasks WHERE status = 'processing' "
					+ "AND lease_until < now() FOR UPDATE SKIP LOCKED LIMIT 100").query(this::task).list();
			for (Task t : expired) {
				jdbc.sql("UPDATE scaffolder_tasks SET status = 'failed', finished_at = now(), claimed_by = NULL, lease_until = NULL, "
						+ "error = ? WHERE id = ?")
					.params("The instance running this task stopped responding (no heartbeat since "
							+ t.lastHeartbeatAt() + "); it was marked failed and can be retried", t.id())
					.update();
			}
			return expired;
		});
	}

	/** Asks a task to stop: an open one is cancelled at once, a running one at its next check. */
	Optional<String> requestCancel(UUID id) {
		return jdbc.sql("""
				UPDATE scaffolder_tasks SET cancel_requested = true,
				  status = CASE WHEN status = 'open' THEN 'cancelled' ELSE status END,
				  finished_at = CASE WHEN status = 'open' THEN now() ELSE finished_at END,
				  secrets = CASE WHEN status = 'open' THEN NULL ELSE secrets END
				WHERE id = ? AND status IN ('open', 'processing') RETURNING status""")
			.param(id)
			.query(String.class)
			.optional();
	}

	/** Opens a failed task again for a retry; new secrets replace the stored ones when given. */
	boolean reopen(UUID id, byte[] secrets) {
		return jdbc.sql("""
				UPDATE scaffolder_tasks SET status = 'open', error = NULL, finished_at = NULL, cancel_requested = false,
				  secrets = coalesce(?, secrets)
				WHERE id = ? AND status = 'failed'""")
			.params(secrets, id)
			.update() == 1;
	}

	long appendEvent(UUID taskId, String type, Map<String, Object> body) {
		return jdbc.sql("INSERT INTO scaffolder_task_events (task_id, event_type, body) VALUES (?, ?, ?::jsonb) RETURNING id")
			.params(taskId, type, JSON.writeValueAsString(body))
			.query(Long.class)
			.single();
	}

	List<TaskEvent> events(UUID taskId, long after, int limit) {
		return jdbc.sql("SELECT id, task_id, event_type, body, created_at FROM scaffolder_task_events WHERE task_id = ? AND id > ? "
				+ "ORDER BY id LIMIT ?")
			.params(taskId, after, limit)
			.query((rs, n) -> new TaskEvent(rs.getLong("id"), rs.getObject("task_id", UUID.class), rs.getString("event_type"),
					JSON.readValue(rs.getString("body"), MAP), instant(rs.getTimestamp("created_at"))))
			.list();
	}

	private Task task(ResultSet rs, int row) throws SQLException {
		return new Task(rs.getObject("id", UUID.class), rs.getString("template_ref"), JSON.readValue(rs.getString("spec"), MAP),
				rs.getString("status"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
				instant(rs.getTimestamp("last_heartbeat_at")), JSON.readValue(rs.getString("state"), MAP), rs.getString("error"));
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
