package dev.atrium.security;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

import dev.atrium.platform.Identity;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log, {@code security_audit_events}: who changed what, when and from where. Written by
 * {@link AuditTrail} for every change request and by the sign-in and sign-out handlers; read by the
 * audit page and API.
 * <p>
 * Events are written in batches by a writer thread a moment after they happen (at most
 * {@link #FLUSH_EVERY_MS} ms), so a change request does not pay for a transaction of its own: at
 * thousands of OpenLineage posts a second, one commit per request was most of their cost. Reading the
 * log writes what is pending first, and so does shutting down; a full queue makes requests write
 * themselves rather than lose events.
 */
@Component
public class AuditLog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	static final int MAX_PATH = 2048;

	/** One entry. */
	public record Event(long id, OffsetDateTime occurredAt, String actor, String actorType, String method, String path,
			int status, String remoteAddress) {
	}

	static final long FLUSH_EVERY_MS = 200;

	private static final int MAX_PENDING = 10_000;

	private static final int MAX_BATCH = 1_000;

	/** An event not written yet, with its time of occurrence. */
	private record Pending(OffsetDateTime at, String actor, String actorType, String method, String path, int status,
			String remoteAddress) {
	}

	private final JdbcClient jdbc;

	private final BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(MAX_PENDING);

	private final ReentrantLock writing = new ReentrantLock();

	private final Thread writer;

	private volatile boolean running = true;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.writer = new Thread(this::loop, "security-audit-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/** Records what a request did; a failure to write is logged, never thrown at the one who asked. */
	void record(Identity actor, String method, HttpServletRequest request, int status) {
		String path = request.getRequestURI();
		if (path.length() > MAX_PATH) {
			path = path.substring(0, MAX_PATH);
		}
		Pending event = new Pending(OffsetDateTime.now(), actor.name(), actor.type().name(), method, path, status,
				String.valueOf(request.getRemoteAddr()));
		if (!pending.offer(event)) {
			flush();
			write(List.of(event));
		}
	}

	/** Writes every pending event now. */
	void flush() {
		writing.lock();
		try {
			List<Pending> batch = new ArrayList<>();
			while (pending.drainTo(batch, MAX_BATCH) > 0) {
				write(batch);
				batch.clear();
			}
		}
		finally {
			writing.unlock();
		}
	}

	private void loop() {
		while (running) {
			try {
				Thread.sleep(FLUSH_EVERY_MS);
				flush();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Audit writer: {}", ex.getMessage());
			}
		}
	}

	private void write(List<Pending> batch) {
		if (batch.isEmpty()) {
			return;
		}
		int n = batch.size();
		String[] at = new String[n];
		String[][] text = new String[5][n];
		Integer[] status = new Integer[n];
		for (int i = 0; i < n; i++) {
			Pending p = batch.get(i);
			at[i] = p.at().toString();
			text[0][i] = p.actor();
			text[1][i] = p.actorType();
			text[2][i] = p.method();
			text[3][i] = p.path();
			text[4][i] = p.remoteAddress();
			status[i] = p.status();
		}
		try {
			jdbc.sql("""
					INSERT INTO security_audit_events (occurred_at, actor, actor_type, method, path, status, remote_address)
					SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[])""")
				.params(at, text[0], text[1], text[2], text[3], status, text[4])
				.update();
		}
		catch (RuntimeException ex) {
			Pending first = batch.get(0);
			log.error("Could not write {} audit event(s), the first {} {} by {} ({}): {}", n, first.method(), first.path(),
					first.actor(), first.status(), ex.getMessage());
		}
	}

	@Override
	public void close() {
		running = false;
		writer.interrupt();
		flush();
	}

	/**
	 * The newest events first, older than {@code before} (an id; null for the newest), optionally of
	 * one actor and under one path prefix; at most {@code limit}.
	 */
	public List<Event> events(String actor, String pathPrefix, Long before, int limit) {
		flush();
		StringBuilder sql = new StringBuilder("SELECT * FROM security_audit_events WHERE true");
		List<Object> params = new ArrayList<>();
		if (actor != null && !actor.isBlank()) {
			sql.append(" AND actor = ?");
			params.add(actor.trim());
		}
		if (pathPrefix != null && !pathPrefix.isBlank()) {
			sql.append(" AND starts_with(path, ?)");
			params.add(pathPrefix.trim());
		}
		if (before != null) {
			sql.append(" AND id < ?");
			params.add(before);
		}
		sql.append(" ORDER BY id DESC LIMIT ?");
		params.add(Math.max(1, Math.min(limit, 1000)));
		return jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new Event(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"),
					rs.getString("actor_type"), rs.getString("method"), rs.getString("path"), rs.getInt("status"),
					rs.getString("remote_address")))
			.list();
	}

}
