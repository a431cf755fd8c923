package dev.atrium.catalog.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.catalog.store.EntityReader.Relation;
import dev.atrium.catalog.store.EntityReader.Stored;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an entity gains on read, for a whole page in one query each: its relations (both stored
 * directions), and its processing errors as Backstage sends them in {@code status.items} (the problems
 * stored for the file it comes from and those that name it, found through a partial index that holds
 * only the files with problems).
 */
final class EntityDetails {

	/** Backstage's status item type for errors found while processing an entity. */
	static final String TYPE = "backstage.io/catalog-processing";

	/** A column of an entity query over {@code catalog_entities e}: the entity's error messages. */
	static final String COLUMN = """
			ARRAY(SELECT p->>'message' FROM catalog_sources s, jsonb_array_elements(s.errors) p
			  WHERE s.location_id = e.location_id AND s.errors <> '[]'::jsonb
			  AND ((s.target = e.source AND p->>'ref' IS NULL) OR p->>'ref' = e.ref)) AS errors""";

	private EntityDetails() {
	}

	/** The entities with their relations and errors. */
	static List<Stored> attach(JdbcClient jdbc, List<Stored> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Map<String, List<Relation>> relations = new HashMap<>();
		String[] refs = rows.stream().map(Stored::ref).toArray(String[]::new);
		jdbc.sql("""
				SELECT source_ref, type, target_ref FROM catalog_relations WHERE source_ref = ANY (?)
				UNION
				SELECT target_ref, reverse_type, source_ref FROM catalog_relations
				WHERE target_ref = ANY (?) AND reverse_type IS NOT NULL
				ORDER BY 1, 2, 3""")
			.params(refs, refs)
			.query((rs, n) -> {
				relations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Relation(rs.getString(2), rs.getString(3)));
				return null;
			})
			.list();
		Map<String, List<String>> errors = errors(jdbc, rows);
		List<Stored> result = new ArrayList<>(rows.size());
		for (Stored s : rows) {
			result.add(new Stored(s.id(), s.ref(), s.json(), relations.getOrDefault(s.ref(), List.of()), s.locationId(),
					s.source(), s.updatedAt(), errors.getOrDefault(s.ref(), List.of())));
		}
		return result;
	}

	/** The error messages of each entity of a page, by ref; one query. */
	private static Map<String, List<String>> errors(JdbcClient jdbc, List<Stored> entities) {
		Map<UUID, Boolean> locations = new LinkedHashMap<>();
		List<String> sources = new ArrayList<>();
		List<String> refs = new ArrayList<>();
		for (Stored s : entities) {
			if (s.locationId() != null) {
				locations.put(s.locationId(), true);
				sources.add(s.source());
				refs.add(s.ref());
			}
		}
		Map<String, List<String>> errors = new HashMap<>();
		if (locations.isEmpty()) {
			return errors;
		}
		record Row(UUID location, String source, String ref, String message) {
		}
		List<Row> rows = jdbc.sql("""
				SELECT s.location_id, s.target, p->>'ref', p->>'message' FROM catalog_sources s, jsonb_array_elements(s.errors) p
				WHERE s.location_id = ANY (?) AND s.errors <> '[]'::jsonb
				AND ((s.target = ANY (?) AND p->>'ref' IS NULL) OR p->>'ref' = ANY (?))""")
			.params(locations.keySet().toArray(UUID[]::new), sources.toArray(String[]::new), refs.toArray(String[]::new))
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		if (rows.isEmpty()) {
			return errors;
		}
		for (Stored s : entities) {
			for (Row row : rows) {
				boolean ofItsFile = row.ref() == null && row.source().equals(s.source());
				if (row.location().equals(s.locationId()) && (ofItsFile || s.ref().equals(row.ref()))) {
					errors.computeIfAbsent(s.ref(), k -> new ArrayList<>()).add(row.message());
				}
			}
		}
		return errors;
	}

	/** Backstage's {@code status}: {@code {items: [{type, level, message, error: {name, message}}]}}. */
	static Map<String, Object> status(List<String> messages) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (String message : messages) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("type", TYPE);
			item.put("level", "error");
			item.put("message", "InputError: " + message);
			item.put("error", Map.of("name", "InputError", "message", message));
			items.add(item);
		}
		return Map.of("items", items);
	}

}
