package dev.atrium.catalog.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atrium.platform.InputException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The counting queries behind facets and filter counts ({@link TotalCounts} keeps their answers). */
final class EntityFacets {

	/** Every relation of one type, in both stored directions, as (ref, target) rows; two parameters: the type twice. */
	static final String RELATIONS = "SELECT source_ref AS ref, target_ref AS target FROM catalog_relations WHERE lower(type) = ?"
			+ " UNION ALL SELECT target_ref, source_ref FROM catalog_relations WHERE lower(reverse_type) = ?";

	private EntityFacets() {
	}

	/** Counts of the values of one field among matching entities, in their original case. */
	static List<Map.Entry<String, Long>> facet(JdbcClient jdbc, Criteria criteria, String facet) {
		FieldExpressions.require(facet, "facet");
		String lower = facet.toLowerCase(Locale.ROOT);
		List<Object> params = new ArrayList<>();
		String sql;
		if (lower.startsWith("relations.")) {
			String type = lower.substring("relations.".length());
			params.add(type);
			params.add(type);
			params.addAll(criteria.params());
			sql = "SELECT r.target AS value, count(DISTINCT r.ref) AS n FROM (" + RELATIONS
					+ ") r JOIN catalog_entities e ON e.ref = r.ref WHERE " + criteria.where()
					+ " GROUP BY r.target ORDER BY n DESC, value";
		}
		else {
			sql = "SELECT x.value, count(*) AS n FROM catalog_entities e CROSS JOIN LATERAL (SELECT "
					+ FieldExpressions.jsonExpression(facet) + " AS v) j CROSS JOIN LATERAL ("
					+ " SELECT json_array_elements_text(j.v) AS value WHERE json_typeof(j.v) = 'array'"
					+ " UNION ALL SELECT j.v #>> '{}' WHERE json_typeof(j.v) IN ('string', 'number', 'boolean')) x WHERE "
					+ criteria.where()
					+ " GROUP BY x.value ORDER BY n DESC, x.value";
			params.addAll(criteria.params());
		}
		return jdbc.sql(sql).params(params).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
	}

	/** Counts per value of an indexed column among matching entities. */
	static List<Map.Entry<String, Long>> countBy(JdbcClient jdbc, Criteria criteria, String column, int limit) {
		String col = switch (column) {
			case "kind", "namespace", "spec_type", "lifecycle", "owner" -> column;
			default -> throw new IllegalArgumentException(column);
		};
		return jdbc.sql("SELECT e." + col + ", count(*) AS n FROM catalog_entities e WHERE " + criteria.where() + " AND e."
				+ col + " IS NOT NULL GROUP BY e." + col + " ORDER BY n DESC, 1 LIMIT " + limit)
			.params(criteria.params())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list();
	}

	/** Counts per tag among matching entities. */
	static List<Map.Entry<String, Long>> tagCounts(JdbcClient jdbc, Criteria criteria, int limit) {
		return jdbc.sql("SELECT substr(f, 15) AS tag, count(*) AS n FROM catalog_entities e, unnest(e.facts) f WHERE "
				+ criteria.where() + " AND f LIKE 'metadata.tags=%' GROUP BY 1 ORDER BY n DESC, 1 LIMIT " + limit)
			.params(criteria.params())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list();
	}

}
