package dev.atrium.security;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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
 */
@Component
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	static final int MAX_PATH = 2048;

	/** One entry. */
	public record Event(long id, OffsetDateTime occurredAt, String actor, String actorType, String method, String path,
			int status, String remoteAddress) {
	}

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records what a request did; a failure to write is logged, never thrown at the one who asked. */
	void record(Identity actor, String method, HttpServletRequest request, int status) {
		String path = request.getRequestURI();
		if (path.length() > MAX_PATH) {
			path = path.substring(0, MAX_PATH);
		}
		try {
			jdbc.sql("""
					INSERT INTO security_audit_events (actor, actor_type, method, path, status, remote_address)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(actor.name(), actor.type().name(), method, path, status, String.valueOf(request.getRemoteAddr()))
				.update();
		}
		catch (RuntimeException ex) {
			log.error("Could not write the audit event {} {} by {} ({}): {}", method, path, actor.name(), status,
					ex.getMessage());
		}
	}

	/**
	 * The newest events first, older than {@code before} (an id; null for the newest), optionally of
	 * one actor and under one path prefix; at most {@code limit}.
	 */
	public List<Event> events(String actor, String pathPrefix, Long before, int limit) {
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
