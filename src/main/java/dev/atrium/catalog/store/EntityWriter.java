package dev.atrium.catalog.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.atrium.catalog.descriptor.BuiltinKinds;
import dev.atrium.catalog.descriptor.EntityPipeline.Processed;
import dev.atrium.catalog.descriptor.Facts;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Relation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes entities set by set: one query finds what exists, unchanged entities are skipped by hash,
 * the rest are inserted or updated in JDBC batches, and their relations replaced. Callers hold the
 * transaction.
 */
@Component
public class EntityWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	public EntityWriter(JdbcTemplate jdbc, JdbcClient client) {
		this.jdbc = jdbc;
		this.client = client;
	}

	/** What a write did: refs written, refs skipped as unchanged, and refs another location owns. */
	public record Outcome(List<String> written, List<String> unchanged, Map<String, String> conflicts) {
	}

	private record Existing(UUID id, String ref, UUID locationId, String source, String hash, String originTarget) {
	}

	/**
	 * Writes the entities a source emitted. An entity owned by another location is not touched and is
	 * reported as a conflict; one owned by another source of the same location moves to this source.
	 */
	public Outcome write(UUID locationId, String source, List<Processed> entities) {
		List<String> written = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		Map<String, String> conflicts = new LinkedHashMap<>();
		if (entities.isEmpty()) {
			return new Outcome(written, unchanged, conflicts);
		}
		Map<String, Existing> existing = existing(entities.stream().map(p -> p.ref().toString()).toList());
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		List<Processed> changed = new ArrayList<>();
		for (Processed p : entities) {
			String ref = p.ref().toString();
			Existing current = existing.get(ref);
			if (current != null && !current.locationId().equals(locationId)) {
				conflicts.put(ref, current.originTarget());
				continue;
			}
			if (current != null && current.hash().equals(p.hash()) && current.source().equals(source)) {
				unchanged.add(ref);
				continue;
			}
			UUID id = current == null ? UUID.randomUUID() : current.id();
			Row row = row(id, p);
			if (current == null) {
				inserts.add(new Object[] { id, ref, row.kind, row.namespace, row.name, row.sortName, row.specType,
						row.lifecycle, row.owner, locationId, source, row.json, row.facts, row.searchText, p.hash() });
			}
			else {
				updates.add(new Object[] { row.name, row.sortName, row.specType, row.lifecycle, row.owner, source, row.json,
						row.facts, row.searchText, p.hash(), id, locationId });
			}
			changed.add(p);
			written.add(ref);
		}
		if (!inserts.isEmpty()) {
			int[][] counts = jdbc.batchUpdate("""
					INSERT INTO catalog_entities (id, ref, kind, namespace, name, sort_name, spec_type, lifecycle, owner,
					  location_id, source, body, facts, search_text, hash)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?)
					ON CONFLICT (ref) DO NOTHING""", inserts, 500, (ps, args) -> bind(ps, args));
			// Another instance may have inserted the same ref a moment ago for another location.
			List<String> lost = new ArrayList<>();
			int i = 0;
			for (int[] batch : counts) {
				for (int count : batch) {
					if (count == 0) {
						lost.add((String) inserts.get(i)[1]);
					}
					i++;
				}
			}
			for (String ref : lost) {
				conflicts.put(ref, "another location");
				written.remove(ref);
				changed.removeIf(p -> p.ref().toString().equals(ref));
			}
		}
		if (!updates.isEmpty()) {
			jdbc.batchUpdate("""
					UPDATE catalog_entities SET name = ?, sort_name = ?, spec_type = ?, lifecycle = ?, owner = ?, source = ?,
					  body = ?::json, facts = ?, search_text = ?, hash = ?, updated_at = now()
					WHERE id = ? AND location_id = ?""", updates, 500, (ps, args) -> bind(ps, args));
		}
		replaceRelations(changed);
		return new Outcome(written, unchanged, conflicts);
	}

	/** Lets the current transaction commit without waiting for its WAL flush. */
	public void asyncCommit() {
		jdbc.execute("SET LOCAL synchronous_commit = off");
	}

	/** Removes a source's entities that it no longer emits; returns their refs. */
	public List<String> removeStale(UUID locationId, String source, Collection<String> keep) {
		List<String> removed = client.sql("""
				DELETE FROM catalog_entities WHERE location_id = ? AND source = ? AND NOT (ref = ANY (?))
				RETURNING ref""")
			.params(locationId, source, keep.toArray(String[]::new))
			.query(String.class)
			.list();
		removeRelations(removed);
		return removed;
	}

	/** Removes every entity of a location's sources that are not in {@code keep}; returns their refs. */
	public List<String> removeSourcesExcept(UUID locationId, Collection<String> keepSources) {
		List<String> removed = client.sql("""
				DELETE FROM catalog_entities WHERE location_id = ? AND NOT (source = ANY (?)) RETURNING ref""")
			.params(locationId, keepSources.toArray(String[]::new))
			.query(String.class)
			.list();
		removeRelations(removed);
		return removed;
	}

	/**
	 * Removes one entity by uid; returns its ref, or null when there was none. Its source is read whole
	 * at the next refresh, so an entity its file still holds comes back (as in Backstage), with a new uid.
	 */
	public String removeByUid(UUID uid) {
		List<String> removed = client.sql("""
				WITH gone AS (DELETE FROM catalog_entities WHERE id = ? RETURNING ref, location_id, source),
				  forgotten AS (UPDATE catalog_sources s SET content_hash = NULL, etag = NULL, last_modified = NULL,
				    file_stamp = NULL FROM gone WHERE s.location_id = gone.location_id AND s.target = gone.source)
				SELECT ref FROM gone""")
			.param(uid)
			.query(String.class)
			.list();
		removeRelations(removed);
		return removed.isEmpty() ? null : removed.get(0);
	}

	/** Removes every entity of a location; returns their refs. */
	public List<String> removeLocation(UUID locationId) {
		List<String> removed = client.sql("DELETE FROM catalog_entities WHERE location_id = ? RETURNING ref")
			.param(locationId)
			.query(String.class)
			.list();
		removeRelations(removed);
		return removed;
	}

	private void removeRelations(List<String> refs) {
		if (!refs.isEmpty()) {
			client.sql("DELETE FROM catalog_relations WHERE origin_ref = ANY (?)")
				.param(refs.toArray(String[]::new))
				.update();
		}
	}

	private void replaceRelations(List<Processed> changed) {
		if (changed.isEmpty()) {
			return;
		}
		removeRelations(changed.stream().map(p -> p.ref().toString()).toList());
		List<String> sources = new ArrayList<>();
		List<String> types = new ArrayList<>();
		List<String> targets = new ArrayList<>();
		List<String> reverses = new ArrayList<>();
		List<String> origins = new ArrayList<>();
		for (Processed p : changed) {
			String origin = p.ref().toString();
			for (StoredRelation r : pairUp(p.ref(), p.relations())) {
				sources.add(r.source());
				types.add(r.type());
				targets.add(r.target());
				reverses.add(r.reverse());
				origins.add(origin);
			}
		}
		if (sources.isEmpty()) {
			return;
		}
		// One statement with one array per column: a file's thousands of relation rows are parsed and
		// planned once, not once per row (or per batch of rows) as with INSERT ... VALUES.
		client.sql("""
				INSERT INTO catalog_relations (source_ref, type, target_ref, reverse_type, origin_ref)
				SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])""")
			.params(sources.toArray(String[]::new), types.toArray(String[]::new), targets.toArray(String[]::new),
					reverses.toArray(String[]::new), origins.toArray(String[]::new))
			.update();
	}

	/** A relation row: a relation and, when the processor gave it too, the name of its reverse. */
	record StoredRelation(String source, String type, String target, String reverse) {
	}

	/**
	 * Pairs each relation from the entity with the reverse relation its processor emitted
	 * ({@code A ownedBy B} with {@code B ownerOf A}), so the pair is stored as one row.
	 */
	static List<StoredRelation> pairUp(EntityRef self, List<Relation> relations) {
		// One pass per list: a team with hundreds of members has thousands of relations, and looking for
		// each one's reverse among all of them made writing such an entity quadratic.
		String selfRef = self.toString();
		Map<EntityRef, java.util.ArrayDeque<Relation>> reversesBySource = new HashMap<>();
		for (Relation r : relations) {
			if (r.target().equals(self) && !r.source().equals(self)) {
				reversesBySource.computeIfAbsent(r.source(), k -> new java.util.ArrayDeque<>()).add(r);
			}
		}
		List<StoredRelation> rows = new ArrayList<>();
		java.util.Set<Relation> used = new java.util.HashSet<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (Relation r : relations) {
			if (!r.source().equals(self)) {
				continue;
			}
			String target = r.target().toString();
			Relation reverse = null;
			java.util.ArrayDeque<Relation> candidates = reversesBySource.get(r.target());
			while (candidates != null && !candidates.isEmpty()) {
				Relation candidate = candidates.pollFirst();
				if (!used.contains(candidate)) {
					reverse = candidate;
					break;
				}
			}
			if (reverse != null) {
				used.add(reverse);
			}
			String key = target + " " + r.type() + " " + (reverse == null ? "" : reverse.type());
			if (seen.add(key)) {
				rows.add(new StoredRelation(selfRef, r.type(), target, reverse == null ? null : reverse.type()));
			}
		}
		for (Relation r : relations) {
			if (!r.source().equals(self) && !used.contains(r)) {
				rows.add(new StoredRelation(r.source().toString(), r.type(), r.target().toString(), null));
			}
		}
		return rows;
	}

	private Map<String, Existing> existing(List<String> refs) {
		Map<String, Existing> existing = new HashMap<>();
		client.sql("""
				SELECT e.id, e.ref, e.location_id, e.source, e.hash, l.type || ':' || l.target AS origin
				FROM catalog_entities e JOIN catalog_locations l ON l.id = e.location_id
				WHERE e.ref = ANY (?)""")
			.param(refs.toArray(String[]::new))
			.query((rs, n) -> new Existing(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.list()
			.forEach(e -> existing.put(e.ref(), e));
		return existing;
	}

	private record Row(String kind, String namespace, String name, String sortName, String specType, String lifecycle,
			String owner, String json, String[] facts, String searchText) {
	}

	@SuppressWarnings("unchecked")
	private static Row row(UUID id, Processed p) {
		Map<String, Object> body = new LinkedHashMap<>(p.body());
		Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
		metadata.put("uid", id.toString());
		metadata.put("etag", p.hash());
		body.put("metadata", metadata);
		Entity entity = new Entity(body);
		EntityRef owner = BuiltinKinds.ownerOf(entity);
		Set<String> facts = Facts.of(body);
		// Name and title only: descriptions are for the search module's full-text index, and trigrams of
		// every description would double the cost of writing the catalog.
		String title = entity.title();
		StringBuilder text = new StringBuilder(entity.name());
		if (!title.equals(entity.name())) {
			text.append(' ').append(title);
		}
		return new Row(entity.kind().toLowerCase(Locale.ROOT), entity.namespace().toLowerCase(Locale.ROOT), entity.name(),
				entity.name().toLowerCase(Locale.ROOT), lower(entity.type()), lower(Entity.string(entity.spec().get("lifecycle"))),
				owner == null ? null : owner.toString(), JSON.writeValueAsString(body), facts.toArray(String[]::new),
				text.toString().toLowerCase(Locale.ROOT));
	}

	private static String lower(String s) {
		return s == null ? null : s.toLowerCase(Locale.ROOT);
	}

	private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
		for (int i = 0; i < args.length; i++) {
			if (args[i] instanceof String[] strings) {
				Array array = ps.getConnection().createArrayOf("text", strings);
				ps.setArray(i + 1, array);
			}
			else {
				ps.setObject(i + 1, args[i]);
			}
		}
	}

}
