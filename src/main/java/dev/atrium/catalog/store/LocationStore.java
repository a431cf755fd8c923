package dev.atrium.catalog.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.atrium.platform.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Registered locations, their refresh schedule and leases, and the sources each one read. */
@Component
public class LocationStore {

	/** A registered location with its refresh state. */
	public record Location(UUID id, String type, String target, String origin, String createdBy, String status,
			String message, int entityCount, int errorCount, OffsetDateTime createdAt, OffsetDateTime lastRefreshAt,
			OffsetDateTime lastSuccessAt, OffsetDateTime nextRefreshAt) {

		/** Backstage's form, {@code type:target}. */
		public String ref() {
			return type + ":" + target;
		}

	}

	/** What a source yielded at its last read. */
	public record Source(String target, String parentRef, String contentHash, String etag, String lastModified,
			String fileStamp, List<String> refs, List<String> children, String errors, OffsetDateTime readAt) {
	}

	private static final String COLUMNS = """
			id, type, target, origin, created_by, status, message, entity_count, error_count, created_at,
			last_refresh_at, last_success_at, next_refresh_at""";

	private final JdbcClient jdbc;

	public LocationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new location, due for refresh at once.
	 * @throws ConflictException when it is registered already
	 */
	public Location create(String type, String target, String origin, String createdBy) {
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("""
					INSERT INTO catalog_locations (id, type, target, origin, created_by, next_refresh_at)
					VALUES (?, ?, ?, ?, ?, now())""")
				.params(id, type, target, origin, createdBy)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("Location " + type + ":" + target + " already exists");
		}
		return find(id).orElseThrow();
	}

	/**
	 * Changes a location's target.
	 * @throws ConflictException when another location has that target
	 */
	public void move(UUID id, String type, String target) {
		try {
			jdbc.sql("UPDATE catalog_locations SET type = ?, target = ? WHERE id = ?").params(type, target, id).update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("Location " + type + ":" + target + " already exists");
		}
	}

	public Optional<Location> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM catalog_locations WHERE id = ?").param(id).query(this::location).optional();
	}

	public Optional<Location> find(String type, String target) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM catalog_locations WHERE type = ? AND target = ?")
			.params(type, target)
			.query(this::location)
			.optional();
	}

	public List<Location> all() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM catalog_locations ORDER BY created_at, target")
			.query(this::location)
			.list();
	}

	public long count() {
		return jdbc.sql("SELECT count(*) FROM catalog_locations").query(Long.class).single();
	}

	/** How many locations of one type there are. */
	public long countOfType(String type) {
		return jdbc.sql("SELECT count(*) FROM catalog_locations WHERE type = ?").param(type).query(Long.class).single();
	}

	public int entityCount(UUID locationId) {
		return jdbc.sql("SELECT count(*) FROM catalog_entities WHERE location_id = ?").param(locationId).query(Integer.class).single();
	}

	/** Refreshes the planner's statistics of the catalog's tables. */
	public void analyze() {
		jdbc.sql("ANALYZE catalog_entities").update();
		jdbc.sql("ANALYZE catalog_relations").update();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM catalog_locations WHERE id = ?").param(id).update();
	}

	/**
	 * Claims a location that is due, for {@code lease}: two instances never claim the same one, and a
	 * lease that ran out (its instance died) can be claimed again.
	 */
	public Optional<Location> claimDue(String owner, Duration lease) {
		return jdbc.sql("""
				UPDATE catalog_locations SET lease_owner = ?, lease_until = now() + make_interval(secs => ?)
				WHERE id = (SELECT id FROM catalog_locations
				            WHERE next_refresh_at <= now() AND (lease_until IS NULL OR lease_until < now())
				            ORDER BY next_refresh_at LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING """ + " " + COLUMNS)
			.params(owner, (double) lease.toSeconds())
			.query(this::location)
			.optional();
	}

	/** Claims one particular location now, unless another instance holds it. */
	public Optional<Location> claim(UUID id, String owner, Duration lease) {
		return jdbc.sql("""
				UPDATE catalog_locations SET lease_owner = ?, lease_until = now() + make_interval(secs => ?)
				WHERE id = ? AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ?)
				RETURNING """ + " " + COLUMNS)
			.params(owner, (double) lease.toSeconds(), id, owner)
			.query(this::location)
			.optional();
	}

	/** Records a refresh and releases the lease; the next refresh is due after {@code interval}. */
	public void finish(UUID id, String owner, String status, String message, int entities, int errors,
			Duration interval, boolean success) {
		jdbc.sql("""
				UPDATE catalog_locations SET status = ?, message = ?, entity_count = ?, error_count = ?,
				  last_refresh_at = now(), last_success_at = CASE WHEN ? THEN now() ELSE last_success_at END,
				  next_refresh_at = now() + make_interval(secs => ?), lease_owner = NULL, lease_until = NULL
				WHERE id = ? AND (lease_owner = ? OR lease_owner IS NULL)""")
			.params(status, message, entities, errors, success, (double) interval.toMillis() / 1000.0, id, owner)
			.update();
	}

	/**
	 * Extends a lease its holder still has, for a refresh that is taking long.
	 * @return false when another instance holds the location now
	 */
	public boolean renew(UUID id, String owner, Duration lease) {
		return jdbc.sql("""
				UPDATE catalog_locations SET lease_until = now() + make_interval(secs => ?)
				WHERE id = ? AND lease_owner = ?""")
			.params((double) lease.toSeconds(), id, owner)
			.update() == 1;
	}

	/** Releases a lease without recording anything, after a partial refresh. */
	public void release(UUID id, String owner) {
		jdbc.sql("UPDATE catalog_locations SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")
			.params(id, owner)
			.update();
	}

	/** Makes a location due now, forgetting what its sources looked like so that all are read again. */
	public void requestRefresh(UUID id, boolean force) {
		jdbc.sql("UPDATE catalog_locations SET next_refresh_at = now() WHERE id = ?").param(id).update();
		if (force) {
			jdbc.sql("""
					UPDATE catalog_sources SET etag = NULL, last_modified = NULL, file_stamp = NULL, content_hash = NULL
					WHERE location_id = ?""").param(id).update();
		}
	}

	/** Makes a location due now, forgetting what one of its sources ({@code type:target}) looked like. */
	public void requestRefresh(UUID id, String source) {
		jdbc.sql("UPDATE catalog_locations SET next_refresh_at = now() WHERE id = ?").param(id).update();
		jdbc.sql("""
				UPDATE catalog_sources SET etag = NULL, last_modified = NULL, file_stamp = NULL, content_hash = NULL
				WHERE location_id = ? AND target = ?""").params(id, source).update();
	}

	public List<Source> sources(UUID locationId) {
		return jdbc.sql("""
				SELECT target, parent_ref, content_hash, etag, last_modified, file_stamp, refs, children, errors::text, read_at
				FROM catalog_sources WHERE location_id = ? ORDER BY target""")
			.param(locationId)
			.query((rs, n) -> new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), strings(rs, 7), strings(rs, 8), rs.getString(9),
					rs.getObject(10, OffsetDateTime.class)))
			.list();
	}

	/** Problems of an entity: those naming it, and those of the file it comes from. */
	public List<String> problemsFor(UUID locationId, String source, String ref) {
		return jdbc.sql("""
				SELECT p->>'message' FROM catalog_sources s, jsonb_array_elements(s.errors) p
				WHERE s.location_id = ? AND ((s.target = ? AND p->>'ref' IS NULL) OR p->>'ref' = ?)""")
			.params(locationId, source, ref)
			.query(String.class)
			.list();
	}

	/** The Location entity that listed a source: an entity's parent in Backstage's ancestry. */
	public String parentOf(UUID locationId, String source) {
		return jdbc.sql("SELECT parent_ref FROM catalog_sources WHERE location_id = ? AND target = ?")
			.params(locationId, source)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	public void saveSource(UUID locationId, Source source) {
		jdbc.sql("""
				INSERT INTO catalog_sources (location_id, target, parent_ref, content_hash, etag, last_modified, file_stamp,
				  refs, children, errors, read_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
				ON CONFLICT (location_id, target) DO UPDATE SET parent_ref = EXCLUDED.parent_ref,
				  content_hash = EXCLUDED.content_hash, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
				  file_stamp = EXCLUDED.file_stamp, refs = EXCLUDED.refs, children = EXCLUDED.children,
				  errors = EXCLUDED.errors, read_at = now()""")
			.params(locationId, source.target(), source.parentRef(), source.contentHash(), source.etag(),
					source.lastModified(), source.fileStamp(), source.refs().toArray(String[]::new),
					source.children().toArray(String[]::new), source.errors())
			.update();
	}

	/** Records a failed read, keeping what the source yielded before. */
	public void saveSourceError(UUID locationId, String target, String parentRef, String errors) {
		jdbc.sql("""
				INSERT INTO catalog_sources (location_id, target, parent_ref, errors, read_at) VALUES (?, ?, ?, ?::jsonb, now())
				ON CONFLICT (location_id, target) DO UPDATE SET errors = EXCLUDED.errors, read_at = now()""")
			.params(locationId, target, parentRef, errors)
			.update();
	}

	public void removeSourcesExcept(UUID locationId, List<String> keep) {
		jdbc.sql("DELETE FROM catalog_sources WHERE location_id = ? AND NOT (target = ANY (?))")
			.params(locationId, keep.toArray(String[]::new))
			.update();
	}

	private Location location(ResultSet rs, int row) throws SQLException {
		return new Location(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("target"),
				rs.getString("origin"), rs.getString("created_by"), rs.getString("status"), rs.getString("message"),
				rs.getInt("entity_count"), rs.getInt("error_count"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("last_refresh_at", OffsetDateTime.class), rs.getObject("last_success_at", OffsetDateTime.class),
				rs.getObject("next_refresh_at", OffsetDateTime.class));
	}

	private static List<String> strings(ResultSet rs, int column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
