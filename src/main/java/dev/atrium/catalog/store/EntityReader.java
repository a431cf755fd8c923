package dev.atrium.catalog.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads entities: one query for a page of entities and one for all their relations, never one per
 * entity. Entities come back as the JSON text stored, with their relations spliced in, so the API
 * can answer without building objects.
 */
@Component
public class EntityReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** An entity as stored, with its relations. */
	public record Stored(UUID id, String ref, String json, List<Relation> relations, UUID locationId, String source,
			OffsetDateTime updatedAt, List<String> errors) {

		/** An entity without processing errors. */
		public Stored(UUID id, String ref, String json, List<Relation> relations, UUID locationId, String source,
				OffsetDateTime updatedAt) {
			this(id, ref, json, relations, locationId, source, updatedAt, List.of());
		}

		/**
		 * The entity as Backstage sends it: the descriptor with metadata.uid, etag and relations, and
		 * {@code status.items} when it has processing errors.
		 */
		public String fullJson() {
			if (!errors.isEmpty()) {
				return JSON.writeValueAsString(entity().body());
			}
			StringBuilder out = new StringBuilder(json.length() + 64 * relations.size() + 32);
			int end = json.lastIndexOf('}');
			out.append(json, 0, end);
			out.append(",\"relations\":[");
			for (int i = 0; i < relations.size(); i++) {
				Relation r = relations.get(i);
				if (i > 0) {
					out.append(',');
				}
				out.append("{\"type\":");
				JsonText.append(out, r.type());
				out.append(",\"targetRef\":");
				JsonText.append(out, r.targetRef());
				out.append('}');
			}
			out.append("]}");
			return out.toString();
		}

		/** The entity as plugins and pages see it. */
		@SuppressWarnings("unchecked")
		public Entity entity() {
			Map<String, Object> body = JSON.readValue(json, LinkedHashMap.class);
			List<Map<String, Object>> rels = new ArrayList<>();
			for (Relation r : relations) {
				rels.add(Map.of("type", r.type(), "targetRef", r.targetRef()));
			}
			body.put("relations", rels);
			if (!errors.isEmpty()) {
				body.put("status", EntityDetails.status(errors));
			}
			return new Entity(body);
		}

	}

	/** A relation of an entity: its type and target. */
	public record Relation(String type, String targetRef) {
	}

	/** An ordering: a dotted field and its direction. */
	public record Order(String field, boolean ascending) {

		public Order {
			FieldExpressions.require(field, "order field");
		}

	}

	/** A page of a keyset-paginated query, with the sort keys of its first and last rows. */
	public record Page(List<Stored> items, boolean more, List<String> firstKey, List<String> lastKey) {
	}

	private static final String SELECT = "SELECT e.id, e.ref, e.body::text AS body, e.location_id, e.source, e.updated_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate tx;

	public EntityReader(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.template = template;
		this.tx = tx;
	}

	/**
	 * One entity with its relations, in one statement: the lookup behind {@code by-name} and entity
	 * pages, where a second round trip for the relations was a third of the cost.
	 */
	private static final String DETAILS = """
			, ARRAY(SELECT ARRAY[r.type, r.target] FROM (
			    SELECT type, target_ref AS target FROM catalog_relations WHERE source_ref = e.ref
			    UNION
			    SELECT reverse_type, source_ref FROM catalog_relations WHERE target_ref = e.ref AND reverse_type IS NOT NULL
			  ) r ORDER BY r.type, r.target) AS relations,
			""" + EntityDetails.COLUMN;

	private static final String SELECT_ONE = SELECT + DETAILS + " FROM catalog_entities e";

	public Optional<Stored> byRef(String ref) {
		return jdbc.sql(SELECT_ONE + " WHERE e.ref = ?")
			.param(ref.toLowerCase(Locale.ROOT))
			.query(EntityReader::rowWithRelations)
			.optional();
	}

	public Optional<Stored> byUid(UUID uid) {
		return jdbc.sql(SELECT_ONE + " WHERE e.id = ?").param(uid).query(EntityReader::rowWithRelations).optional();
	}

	private static Stored rowWithRelations(ResultSet rs, int n) throws SQLException {
		Stored stored = row(rs, n);
		java.sql.Array array = rs.getArray("relations");
		Object pairs = array == null ? null : array.getArray();
		List<Relation> relations = new ArrayList<>();
		if (pairs instanceof Object[] rows) {
			for (Object pair : rows) {
				if (pair instanceof Object[] p && p.length == 2) {
					relations.add(new Relation((String) p[0], (String) p[1]));
				}
			}
		}
		java.sql.Array errors = rs.getArray("errors");
		List<String> messages = errors == null ? List.of() : List.of((String[]) errors.getArray());
		return new Stored(stored.id(), stored.ref(), stored.json(), relations, stored.locationId(), stored.source(),
				stored.updatedAt(), messages);
	}

	/** The entities among these refs that exist, keyed by ref. */
	public Map<String, Stored> byRefs(Collection<String> refs) {
		if (refs.isEmpty()) {
			return Map.of();
		}
		List<Stored> rows = jdbc.sql(SELECT + " FROM catalog_entities e WHERE e.ref = ANY (?)")
			.param(refs.stream().map(r -> r.toLowerCase(Locale.ROOT)).toArray(String[]::new))
			.query(EntityReader::row)
			.list();
		Map<String, Stored> byRef = new HashMap<>();
		withRelations(rows).forEach(s -> byRef.put(s.ref(), s));
		return byRef;
	}

	public long count(Criteria criteria) {
		return jdbc.sql("SELECT count(*) FROM catalog_entities e WHERE " + criteria.where())
			.params(criteria.params())
			.query(Long.class)
			.single();
	}

	/**
	 * A page in keyset order: the rows after (or, backwards, before) {@code key}. Every order must
	 * go the same way; the entity ref breaks ties.
	 */
	public Page page(Criteria criteria, List<Order> order, List<String> key, boolean backwards, int limit) {
		boolean ascending = order.isEmpty() || order.get(0).ascending();
		for (Order o : order) {
			if (o.ascending() != ascending) {
				throw new IllegalArgumentException("Keyset pages need one direction");
			}
		}
		List<String> expressions = new ArrayList<>();
		for (Order o : order) {
			expressions.add(FieldExpressions.sortExpression(o.field()));
		}
		expressions.add("e.ref");
		boolean forward = ascending != backwards; // the direction the SQL walks the index
		// Relations and errors as columns: computed for the rows the limit lets through, in one round trip.
		StringBuilder sql = new StringBuilder(SELECT).append(DETAILS);
		for (int i = 0; i < expressions.size(); i++) {
			sql.append(", ").append(expressions.get(i)).append(" AS k").append(i);
		}
		sql.append(" FROM catalog_entities e WHERE ").append(criteria.where());
		List<Object> params = new ArrayList<>(criteria.params());
		if (key != null && !key.isEmpty()) {
			if (key.size() != expressions.size()) {
				throw new InputException("Invalid cursor");
			}
			sql.append(" AND (").append(String.join(", ", expressions)).append(") ").append(forward ? ">" : "<").append(" (");
			sql.append(String.join(", ", java.util.Collections.nCopies(key.size(), "?"))).append(")");
			params.addAll(key);
		}
		sql.append(" ORDER BY ");
		for (int i = 0; i < expressions.size(); i++) {
			sql.append(i == 0 ? "" : ", ").append(expressions.get(i)).append(forward ? " ASC" : " DESC");
		}
		sql.append(" LIMIT ").append(limit + 1);
		List<List<String>> keys = new ArrayList<>();
		int keyCount = expressions.size();
		List<Stored> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
			List<String> k = new ArrayList<>(keyCount);
			for (int i = 0; i < keyCount; i++) {
				k.add(rs.getString("k" + i));
			}
			keys.add(k);
			return rowWithRelations(rs, n);
		}).list();
		boolean more = rows.size() > limit;
		if (more) {
			rows = rows.subList(0, limit);
			keys.remove(keys.size() - 1);
		}
		if (backwards) {
			rows = new ArrayList<>(rows);
			java.util.Collections.reverse(rows);
			java.util.Collections.reverse(keys);
		}
		return new Page(rows, more, keys.isEmpty() ? List.of() : keys.get(0),
				keys.isEmpty() ? List.of() : keys.get(keys.size() - 1));
	}

	/** Entities by offset, for callers that ask by offset (and for mixed sort directions). */
	public List<Stored> list(Criteria criteria, List<Order> order, int offset, int limit) {
		return list(criteria, order, offset, limit, true);
	}

	/** Like {@link #list}, without the relations: for tables that do not show them. */
	public List<Stored> listWithoutRelations(Criteria criteria, List<Order> order, int offset, int limit) {
		return list(criteria, order, offset, limit, false);
	}

	private List<Stored> list(Criteria criteria, List<Order> order, int offset, int limit, boolean details) {
		if (offset < 0 || limit < 0) {
			throw new InputException("Offset and limit must not be negative");
		}
		StringBuilder sql = new StringBuilder(SELECT).append(details ? DETAILS : "")
			.append(" FROM catalog_entities e WHERE ").append(criteria.where());
		sql.append(" ORDER BY ");
		for (Order o : order) {
			sql.append(FieldExpressions.sortExpression(o.field())).append(o.ascending() ? " ASC, " : " DESC, ");
		}
		sql.append("e.ref ASC LIMIT ").append(limit).append(" OFFSET ").append(offset);
		return jdbc.sql(sql.toString()).params(criteria.params())
			.query(details ? EntityReader::rowWithRelations : EntityReader::row).list();
	}

	/** Streams every matching entity in batches, for unpaginated listings of any size. */
	public void stream(Criteria criteria, List<Order> order, int batchSize, Consumer<List<Stored>> batches) {
		listing(criteria, order).read(batchSize, batches);
	}

	/**
	 * Every matching entity, for a listing streamed as it is read: the query is built (and a bad order
	 * refused) now, before an answer starts; {@link Listing#read} runs it.
	 */
	public Listing listing(Criteria criteria, List<Order> order) {
		StringBuilder sql = new StringBuilder(SELECT).append(" FROM catalog_entities e WHERE ").append(criteria.where());
		sql.append(" ORDER BY ");
		for (Order o : order) {
			sql.append(FieldExpressions.sortExpression(o.field())).append(o.ascending() ? " ASC, " : " DESC, ");
		}
		sql.append("e.ref ASC");
		return new Listing(sql.toString(), List.copyOf(criteria.params()));
	}

	/** A query of {@link #listing}, ready to run. */
	public final class Listing {

		private final String sql;

		private final List<Object> params;

		private Listing(String sql, List<Object> params) {
			this.sql = sql;
			this.params = params;
		}

		/** Runs the query and hands the entities over in batches of {@code batchSize}, with their relations. */
		public void read(int batchSize, Consumer<List<Stored>> batches) {
			tx.executeWithoutResult(status -> {
				List<Stored> batch = new ArrayList<>(batchSize);
				template.query(connection -> {
					var ps = connection.prepareStatement(sql);
					ps.setFetchSize(batchSize);
					int i = 1;
					for (Object p : params) {
						if (p instanceof String[] array) {
							ps.setArray(i++, connection.createArrayOf("text", array));
						}
						else {
							ps.setObject(i++, p);
						}
					}
					return ps;
				}, rs -> {
					batch.add(row(rs, 0));
					if (batch.size() == batchSize) {
						batches.accept(withRelations(new ArrayList<>(batch)));
						batch.clear();
					}
				});
				if (!batch.isEmpty()) {
					batches.accept(withRelations(batch));
				}
			});
		}

	}

	/** Counts of the values of one field among matching entities, in their original case. */
	public List<Map.Entry<String, Long>> facet(Criteria criteria, String facet) {
		return EntityFacets.facet(jdbc, criteria, facet);
	}

	/** Counts per value of an indexed column among matching entities. */
	public List<Map.Entry<String, Long>> countBy(Criteria criteria, String column, int limit) {
		return EntityFacets.countBy(jdbc, criteria, column, limit);
	}

	/** Counts per tag among matching entities. */
	public List<Map.Entry<String, Long>> tagCounts(Criteria criteria, int limit) {
		return EntityFacets.tagCounts(jdbc, criteria, limit);
	}

	/** Relations pointing at an entity from others, as (source, type), in both stored directions. */
	public List<Map.Entry<String, String>> incoming(String ref) {
		return jdbc.sql("""
				SELECT source_ref, type FROM catalog_relations WHERE target_ref = ?
				UNION
				SELECT target_ref, reverse_type FROM catalog_relations WHERE source_ref = ? AND reverse_type IS NOT NULL
				ORDER BY 2, 1""")
			.params(ref, ref)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list();
	}


	private List<Stored> withRelations(List<Stored> rows) {
		return EntityDetails.attach(jdbc, rows);
	}

	private static Stored row(ResultSet rs, int n) throws SQLException {
		return new Stored(rs.getObject("id", UUID.class), rs.getString("ref"), rs.getString("body"), List.of(),
				rs.getObject("location_id", UUID.class), rs.getString("source"),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
