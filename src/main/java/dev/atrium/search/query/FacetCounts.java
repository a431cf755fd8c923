package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.atrium.search.query.SearchResults.FacetCount;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The facet counts of the results page: the values of {@link Searcher#FACETS} and the result type among a
 * search's results (up to {@link Searcher#COUNT_LIMIT}), most frequent first, a few per key.
 */
final class FacetCounts {

	/** The facet keys counted, the result type's last. */
	static final String[] KEYS = Stream.concat(Searcher.FACETS.stream(), Stream.of(Searcher.TYPE_FACET)).toArray(String[]::new);

	/** Values shown per key, at most (all result types are). */
	private static final int VALUES = 12;

	private FacetCounts() {
	}

	/** The facet values of any {@link Searcher#COUNT_LIMIT} documents matching: when the candidates were not counted on the way. */
	static Map<String, List<FacetCount>> read(JdbcClient jdbc, SearchRequest request, Searcher.Prepared p) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		if (p.tsquery() != null) {
			sql.append("WITH q AS MATERIALIZED (SELECT to_tsquery('simple', ?) AS q) ");
			params.add(p.tsquery());
		}
		String where = Searcher.where(request, p.tsquery() != null ? "d.body @@ q.q" : null, params);
		sql.append("SELECT min(f.label) AS label, count(*) AS n FROM (SELECT d.type, d.facet_labels FROM search_documents d")
			.append(p.tsquery() != null ? ", q" : "")
			.append(" WHERE ")
			.append(where)
			.append(" LIMIT ").append(Searcher.COUNT_LIMIT)
			.append(") m, unnest(m.facet_labels || ('@type=' || m.type)) AS f(label)")
			.append(" WHERE split_part(f.label, '=', 1) = ANY (?) GROUP BY lower(f.label) ORDER BY n DESC, label");
		params.add(KEYS);
		List<Map.Entry<String, Long>> counted = jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list();
		return shown(counted);
	}

	/** The facet values the candidates of a page carry, most frequent first, as {@link #read} counts them. */
	static Map<String, List<FacetCount>> of(Candidates.Tally tally) {
		List<Map.Entry<String, Long>> counted = new ArrayList<>();
		tally.counts.forEach((key, n) -> counted.add(Map.entry(tally.labels.get(key), n)));
		counted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		return shown(counted);
	}

	/** Counted facet labels ({@code key=value}), most frequent first, as the page shows them: a few values per key. */
	private static Map<String, List<FacetCount>> shown(List<Map.Entry<String, Long>> counted) {
		Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
		for (String key : KEYS) {
			facets.put(key, new ArrayList<>());
		}
		for (Map.Entry<String, Long> c : counted) {
			String label = c.getKey();
			int eq = label.indexOf('=');
			List<FacetCount> counts = eq < 0 ? null : facets.get(label.substring(0, eq));
			if (counts != null && (counts.size() < VALUES || label.startsWith(Searcher.TYPE_FACET))) {
				counts.add(new FacetCount(label.substring(eq + 1), c.getValue()));
			}
		}
		return facets;
	}

}
