package dev.atrium.workflows.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.atrium.workflows.WorkflowsProperties;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads jobs, runs and datasets; every method is one query. */
@Component
public class RunStore {

	// Times are read as microseconds since the epoch (columns named <column>_us) and arrays as text:
	// the driver's timestamp and array parsing was half the CPU of reading a thousand pipelines.
	private static final String JOB_COLUMNS = "id, namespace, name, parent_id, facets::text AS facets, "
			+ micros("created_at", "updated_at") + ", latest_run_id, " + micros("latest_run_at") + ", latest_state, "
			+ micros("latest_started_at", "latest_ended_at", "last_completed_at");

	private static final String RUN_COLUMNS = "id, job_id, parent_run_id, state, "
			+ micros("run_at", "started_at", "ended_at", "nominal_start", "nominal_end")
			+ ", facets::text AS facets, error_message, inputs::text AS inputs, outputs::text AS outputs, derived, "
			+ micros("created_at", "updated_at");

	/** The latest runs' states and durations, for the jobs pages list. */
	private static final String RECENT_COLUMNS = ", array_to_string(recent_states, ',') AS recent_states, "
			+ "array_to_string(recent_durations, ',', '') AS recent_durations, array_to_string(recent_ended, ',') AS recent_ended";

	private static final RowMapper<Job> JOB = (rs, i) -> job(rs, RecentRuns.NONE);

	private static final RowMapper<Job> JOB_WITH_RECENT = (rs, i) -> job(rs,
			RecentRuns.parse(rs.getString("recent_states"), rs.getString("recent_durations"), rs.getString("recent_ended")));

	private static final RowMapper<Run> RUN = (rs, i) -> new Run(rs.getObject("id", UUID.class),
			rs.getObject("job_id", UUID.class), rs.getObject("parent_run_id", UUID.class), rs.getString("state"),
			instant(rs, "run_at"), instant(rs, "started_at"), instant(rs, "ended_at"), instant(rs, "nominal_start"),
			instant(rs, "nominal_end"), rs.getString("facets"), rs.getString("error_message"), rs.getString("inputs"),
			rs.getString("outputs"), rs.getBoolean("derived"), instant(rs, "created_at"), instant(rs, "updated_at"));

	/**
	 * Which edges are current: seen within {@code atrium.workflows.lineage-window} of the job's latest
	 * event, so a dataset a job stopped reading or writing leaves its lineage (edges are kept).
	 */
	private static final String CURRENT = "e.last_seen >= j.updated_at - ?::interval";

	private final JdbcClient jdbc;

	private final String window;

	public RunStore(JdbcClient jdbc, WorkflowsProperties properties) {
		this.jdbc = jdbc;
		// The writer refreshes an edge's last_seen once an hour at most (RunStatements.EDGES).
		this.window = Math.max(properties.lineageWindow().toSeconds(), Duration.ofHours(2).toSeconds()) + " seconds";
	}

	/**
	 * Pipelines with their recent runs, optionally of one namespace, sorted by namespace and name. A
	 * pipeline is a job without parent, or a job whose parent is itself a task (a Spark application an
	 * Airflow task started; jobs naming each other as parents): pages show a pipeline's tasks, not
	 * their tasks, so those would be listed nowhere. Tasks of pipelines are not pipelines.
	 */
	public List<Job> pipelines(String namespace) {
		String where = namespace == null ? "" : " AND namespace = :ns";
		// The index never shows facets: leave them out of the thousand rows it reads.
		String columns = JOB_COLUMNS.replace("facets::text AS facets", "'{}' AS facets") + RECENT_COLUMNS;
		var sql = jdbc.sql("SELECT " + columns + " FROM workflows_jobs WHERE parent_id IS NULL" + where
				// Tasks with children from their partial index (usually none), then their children by parent_id; OFFSET 0
				// keeps it a loop: estimating has_children and parent_id apart, PostgreSQL expects a thousand such
				// tasks and reads every job to hash-join them.
				+ " UNION ALL SELECT c.* FROM workflows_jobs t CROSS JOIN LATERAL (SELECT " + columns
				+ " FROM workflows_jobs WHERE parent_id = t.id" + where + " OFFSET 0) c WHERE t.has_children AND t.parent_id IS NOT NULL"
				+ " ORDER BY namespace, name");
		if (namespace != null) {
			sql = sql.param("ns", namespace);
		}
		return sql.query(JOB_WITH_RECENT).list();
	}

	/** Pipelines (see {@link #pipelines(String)}) with their recent runs, by namespace/name keys; others are left out. */
	public List<Job> pipelines(Collection<String> keys) {
		List<String> namespaces = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String key : keys) {
			int slash = key.indexOf('/');
			if (slash > 0) {
				namespaces.add(key.substring(0, slash));
				names.add(key.substring(slash + 1));
			}
		}
		if (names.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + JOB_COLUMNS.replace("facets::text AS facets", "'{}' AS facets") + RECENT_COLUMNS
				+ " FROM workflows_jobs j WHERE (namespace, name) IN (SELECT * FROM unnest(?::text[], ?::text[])) AND (parent_id IS NULL"
				+ " OR EXISTS (SELECT 1 FROM workflows_jobs t WHERE t.id = j.parent_id AND t.parent_id IS NOT NULL))")
			.param(namespaces.toArray(String[]::new))
			.param(names.toArray(String[]::new))
			.query(JOB_WITH_RECENT)
			.list();
	}

	/** Jobs of one namespace, with paging; tasks included, as Marquez lists them. */
	public List<Job> jobs(String namespace, int limit, int offset) {
		return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM workflows_jobs WHERE namespace = ? ORDER BY name LIMIT ? OFFSET ?")
			.params(namespace, limit, offset)
			.query(JOB)
			.list();
	}

	public int jobCount(String namespace) {
		return jdbc.sql("SELECT count(*) FROM workflows_jobs WHERE namespace = ?").param(namespace).query(Integer.class).single();
	}

	/** A job with its recent runs. */
	public Optional<Job> job(String namespace, String name) {
		return jdbc.sql("SELECT " + JOB_COLUMNS + RECENT_COLUMNS + " FROM workflows_jobs WHERE namespace = ? AND name = ?")
			.params(namespace, name)
			.query(JOB_WITH_RECENT)
			.optional();
	}

	public List<Job> jobs(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM workflows_jobs WHERE id = ANY(?::uuid[])")
			.param(array(ids))
			.query(JOB)
			.list();
	}

	/** These jobs and the pipelines (parents) of those that are tasks, in one query. */
	public List<Job> jobsWithParents(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		// Not "id = ANY(...) OR id IN (...)": that reads every job (2.9 ms a step of the pipeline page's lineage).
		return jdbc.sql("WITH ids AS (SELECT unnest(?::uuid[]) AS id) SELECT " + JOB_COLUMNS + " FROM workflows_jobs "
				+ "WHERE id IN (SELECT id FROM ids UNION SELECT j.parent_id FROM workflows_jobs j JOIN ids USING (id) "
				+ "WHERE j.parent_id IS NOT NULL)")
			.param(array(ids))
			.query(JOB)
			.list();
	}

	/** The tasks of a pipeline, by name. */
	public List<Job> children(UUID jobId) {
		return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM workflows_jobs WHERE parent_id = ? ORDER BY name")
			.param(jobId)
			.query(JOB)
			.list();
	}

	/** A job's runs, latest first. */
	public List<Run> runs(UUID jobId, int limit, int offset) {
		return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM workflows_runs WHERE job_id = ? ORDER BY run_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(jobId, limit, offset)
			.query(RUN)
			.list();
	}

	public int runCount(UUID jobId) {
		return jdbc.sql("SELECT count(*) FROM workflows_runs WHERE job_id = ?").param(jobId).query(Integer.class).single();
	}

	public Optional<Run> run(UUID id) {
		return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM workflows_runs WHERE id = ?").param(id).query(RUN).optional();
	}

	/** These runs, in no particular order. */
	public List<Run> runs(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM workflows_runs WHERE id = ANY(?::uuid[])").param(array(ids)).query(RUN).list();
	}

	/** The task runs of these runs. */
	public List<Run> childRuns(Collection<UUID> parentRunIds) {
		if (parentRunIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM workflows_runs WHERE parent_run_id = ANY(?::uuid[]) ORDER BY run_at, id")
			.param(array(parentRunIds))
			.query(RUN)
			.list();
	}

	/**
	 * The latest failed run among these jobs that carries an error message, else the latest failed
	 * one: per job the newest failed runs from the partial index (lateral), then the best of those.
	 */
	public Optional<Run> latestFailure(Collection<UUID> jobIds) {
		if (jobIds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT r.* FROM unnest(?::uuid[]) AS t(job_id) CROSS JOIN LATERAL (SELECT " + RUN_COLUMNS
				+ " FROM workflows_runs w WHERE w.job_id = t.job_id AND w.state = 'FAILED' "
				+ "ORDER BY w.run_at DESC, (w.error_message IS NULL), w.id DESC LIMIT 1) r "
				+ "ORDER BY r.run_at_us DESC, (r.error_message IS NULL), r.id DESC LIMIT 1")
			.param(array(jobIds))
			.query(RUN)
			.optional();
	}

	/** Datasets these jobs read ('in') or write ('out') now (see {@link #CURRENT}). */
	public List<Edge> edgesOfJobs(Collection<UUID> jobIds) {
		if (jobIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT e.job_id, e.direction, d.id, d.namespace, d.name FROM workflows_job_datasets e "
				+ "JOIN workflows_datasets d ON d.id = e.dataset_id JOIN workflows_jobs j ON j.id = e.job_id "
				+ "WHERE e.job_id = ANY(?::uuid[]) AND " + CURRENT + " ORDER BY d.namespace, d.name")
			.param(array(jobIds))
			.param(window)
			.query(Edge.MAPPER)
			.list();
	}

	/** Jobs that read or write these datasets now (see {@link #CURRENT}). */
	public List<Edge> edgesOfDatasets(Collection<UUID> datasetIds) {
		if (datasetIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT e.job_id, e.direction, d.id, d.namespace, d.name FROM workflows_job_datasets e "
				+ "JOIN workflows_datasets d ON d.id = e.dataset_id JOIN workflows_jobs j ON j.id = e.job_id "
				+ "WHERE e.dataset_id = ANY(?::uuid[]) AND " + CURRENT)
			.param(array(datasetIds))
			.param(window)
			.query(Edge.MAPPER)
			.list();
	}

	/** Of these job ids, those stored. */
	public List<UUID> existing(Collection<UUID> jobIds) {
		if (jobIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT id FROM workflows_jobs WHERE id = ANY(?::uuid[])").param(array(jobIds)).query(UUID.class).list();
	}

	/** Namespaces with when their first job appeared and their last event. */
	public List<Namespace> namespaces() {
		return jdbc.sql("SELECT namespace, (extract(epoch FROM min(created_at)) * 1000000)::bigint AS created_at_us, "
				+ "(extract(epoch FROM max(updated_at)) * 1000000)::bigint AS updated_at_us FROM workflows_jobs GROUP BY namespace ORDER BY namespace")
			.query((rs, i) -> new Namespace(rs.getString("namespace"), instant(rs, "created_at"), instant(rs, "updated_at")))
			.list();
	}

	public boolean empty() {
		return !jdbc.sql("SELECT EXISTS (SELECT 1 FROM workflows_jobs)").query(Boolean.class).single();
	}

	/** Ids as a PostgreSQL array literal, for {@code ?::uuid[]}. */
	public static String array(Collection<UUID> ids) {
		StringBuilder s = new StringBuilder("{");
		for (UUID id : ids) {
			if (s.length() > 1) {
				s.append(',');
			}
			s.append(id);
		}
		return s.append('}').toString();
	}

	/** Columns as microseconds since the epoch, named column_us. */
	private static String micros(String... columns) {
		List<String> list = new ArrayList<>();
		for (String c : columns) {
			list.add("(extract(epoch FROM " + c + ") * 1000000)::bigint AS " + c + "_us");
		}
		return String.join(", ", list);
	}

	/** A time read as {@link #micros}. */
	static Instant instant(ResultSet rs, String column) throws SQLException {
		long us = rs.getLong(column + "_us");
		return rs.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000);
	}

	private static Job job(ResultSet rs, RecentRuns recent) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), rs.getString("namespace"), rs.getString("name"),
				rs.getObject("parent_id", UUID.class), rs.getString("facets"), instant(rs, "created_at"),
				instant(rs, "updated_at"), rs.getObject("latest_run_id", UUID.class), instant(rs, "latest_run_at"),
				rs.getString("latest_state"), instant(rs, "latest_started_at"), instant(rs, "latest_ended_at"),
				instant(rs, "last_completed_at"), recent);
	}

	/** A run reduced to what trends and grids need. */
	public record RunPoint(UUID id, String state, Instant runAt, Instant startedAt, Instant endedAt) {

		public Long durationMs() {
			return startedAt == null || endedAt == null ? null : endedAt.toEpochMilli() - startedAt.toEpochMilli();
		}

	}

	/** A job reading ({@code in}) or writing ({@code out}) a dataset. */
	public record Edge(UUID jobId, String direction, UUID datasetId, String datasetNamespace, String datasetName) {

		static final RowMapper<Edge> MAPPER = (rs, i) -> new Edge(rs.getObject("job_id", UUID.class), rs.getString("direction"),
				rs.getObject("id", UUID.class), rs.getString("namespace"), rs.getString("name"));

	}

	/** A job namespace. */
	public record Namespace(String name, Instant createdAt, Instant updatedAt) {
	}

}
