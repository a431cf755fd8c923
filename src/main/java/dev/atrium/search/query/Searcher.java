package dev.atrium.search.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.atrium.search.query.ParsedQuery.Item;
import dev.atrium.search.query.SearchResults.FacetCount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs queries against the live generation of every source. Ranking, best first: the exact name or
 * title typed, then documents whose name or title holds every word, names starting with what was
 * typed, then PostgreSQL's cover density rank over the weighted fields (names A, text B, keywords C).
 * Every word also matches as a prefix; typos match their corrections as well.
 */
@Component
public class Searcher {

	/** Matches are counted (and facets computed) up to this many. */
	public static final int COUNT_LIMIT = 10_000;

	/** Facet keys counted for the results page, besides the result type. */
	public static final List<String> FACETS = List.of("kind", "owner", "lifecycle", "tag");

	/** The result type's key in facet counts. */
	public static final String TYPE_FACET = "@type";

	private static final int FACET_VALUES = 12;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, List<String>>> FACETS_JSON = new TypeReference<>() {
	};

	private static final String QUERIES = "WITH q AS (SELECT to_tsquery('simple', ?) AS q, to_tsquery('simple', ?) AS anyword) ";

	private static final String RANK = """
			(CASE WHEN d.name_key = ANY (?) OR d.title_key = ANY (?) THEN 16 ELSE 0 END
			 + CASE WHEN d.names @@ q.q THEN 8 ELSE 0 END
			 + CASE WHEN d.name_key LIKE ? THEN 4 ELSE 0 END
			 + 2 * ts_rank(d.names, q.anyword, 1)
			 + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', %s, q.q, 32))""";

	private final JdbcClient jdbc;

	private final Spelling spelling;

	Searcher(JdbcClient jdbc, Spelling spelling) {
		this.jdbc = jdbc;
		this.spelling = spelling;
	}

	/** A page of results with facet counts. */
	public SearchResults search(SearchRequest request) {
		Prepared p = prepare(request.term(), false);
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		if (p.tsquery != null) {
			sql.append(QUERIES);
			params.add(p.tsquery);
			params.add(p.anyWord);
		}
		sql.append("SELECT d.type, d.id, d.title, d.name, d.text, d.location, d.facets::text AS facets, ");
		if (p.tsquery != null) {
			sql.append(RANK.formatted("d.body")).append(" AS rank");
			params.add(p.exact);
			params.add(p.exact);
			params.add(p.prefix);
		}
		else {
			sql.append("0 AS rank");
		}
		List<Object> whereParams = new ArrayList<>();
		String where = where(request, p.tsquery != null, "d.body", whereParams);
		sql.append(" FROM search_documents d").append(p.tsquery != null ? ", q" : "").append(" WHERE ").append(where);
		params.addAll(whereParams);
		sql.append(" ORDER BY rank DESC, length(d.name_key), d.name_key, d.id LIMIT ? OFFSET ?");
		params.add(request.limit() + 1);
		params.add((long) request.page() * request.limit());
		List<SearchResult> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query((rs, n) -> row(rs, p)).list());
		boolean more = rows.size() > request.limit();
		if (more) {
			rows.remove(rows.size() - 1);
		}
		Map<String, List<FacetCount>> facets = facets(request, p);
		long total = facets.getOrDefault(TYPE_FACET, List.of()).stream().mapToLong(FacetCount::count).sum();
		return new SearchResults(rows, request.page(), more, total, facets, p.didYouMean);
	}

	/** The best few documents whose name or title matches what was typed so far: for suggestions as you type. */
	public List<SearchResult> suggest(String term, List<String> types, int limit) {
		Prepared p = prepare(term, true);
		if (p.tsquery == null) {
			return List.of();
		}
		List<Object> params = new ArrayList<>(List.of(p.tsquery, p.anyWord, p.exact, p.exact, p.prefix));
		String where = where(new SearchRequest(term, types, Map.of(), 0, limit), true, "d.names", params);
		params.add(limit);
		return jdbc.sql(QUERIES + "SELECT d.type, d.id, d.title, d.name, d.text, "
				+ "d.location, d.facets::text AS facets, " + RANK.formatted("d.names") + " AS rank FROM search_documents d, q WHERE "
				+ where + " ORDER BY rank DESC, length(d.name_key), d.name_key, d.id LIMIT ?")
			.params(params)
			.query((rs, n) -> row(rs, p))
			.list();
	}

	private Map<String, List<FacetCount>> facets(SearchRequest request, Prepared p) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		if (p.tsquery != null) {
			sql.append("WITH q AS (SELECT to_tsquery('simple', ?) AS q) ");
			params.add(p.tsquery);
		}
		String where = where(request, p.tsquery != null, "d.body", params);
		sql.append("SELECT min(f.label) AS label, count(*) AS n FROM (SELECT d.type, d.facet_labels FROM search_documents d")
			.append(p.tsquery != null ? ", q" : "")
			.append(" WHERE ")
			.append(where)
			.append(" LIMIT ").append(COUNT_LIMIT)
			.append(") m, unnest(m.facet_labels || ('@type=' || m.type)) AS f(label)")
			.append(" WHERE split_part(f.label, '=', 1) = ANY (?) GROUP BY lower(f.label) ORDER BY n DESC, label");
		List<String> keys = new ArrayList<>(FACETS);
		keys.add(TYPE_FACET);
		params.add(keys.toArray(String[]::new));
		Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
		keys.forEach(k -> facets.put(k, new ArrayList<>()));
		jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
			String label = rs.getString(1);
			int eq = label.indexOf('=');
			List<FacetCount> counts = facets.get(label.substring(0, eq));
			if (counts != null && (counts.size() < FACET_VALUES || label.startsWith(TYPE_FACET))) {
				counts.add(new FacetCount(label.substring(eq + 1), rs.getLong(2)));
			}
			return null;
		}).list();
		return facets;
	}

	/** The conditions every query shares: live generations, the types asked for, the query, the filters. */
	private static String where(SearchRequest request, boolean matching, String vector, List<Object> params) {
		StringBuilder where = new StringBuilder("d.generation IN (SELECT live_generation FROM search_sources");
		if (!request.types().isEmpty()) {
			where.append(" WHERE type = ANY (?)");
			params.add(request.types().toArray(String[]::new));
		}
		where.append(")");
		if (matching) {
			where.append(" AND ").append(vector).append(" @@ q.q");
		}
		request.filters().forEach((key, values) -> {
			where.append(" AND d.facet_terms && ?::text[]");
			params.add(values.stream()
				.map(v -> key.toLowerCase(Locale.ROOT) + "=" + v.toLowerCase(Locale.ROOT))
				.toArray(String[]::new));
		});
		return where.toString();
	}

	private record Prepared(String tsquery, String anyWord, String[] exact, String prefix, List<String> highlight,
			String didYouMean) {
	}

	private Prepared prepare(String term, boolean namesOnly) {
		ParsedQuery parsed = QueryParser.parse(term);
		if (parsed.isEmpty() || (namesOnly && parsed.groups().isEmpty())) {
			return new Prepared(null, null, new String[0], "", List.of(), null);
		}
		Map<String, List<String>> corrections = spelling.corrections(parsed.correctable());
		ParsedQuery used = namesOnly ? new ParsedQuery(parsed.groups(), List.of(), parsed.exact()) : parsed;
		String corrected = corrected(parsed.exact(), corrections);
		List<String> exact = new ArrayList<>(List.of(parsed.exact()));
		if (!corrected.equals(parsed.exact())) {
			exact.add(corrected);
		}
		List<String> highlight = new ArrayList<>();
		for (List<Item> group : parsed.groups()) {
			for (Item item : group) {
				highlight.addAll(item.parts());
				item.parts().forEach(part -> highlight.addAll(corrections.getOrDefault(part, List.of())));
			}
		}
		String didYouMean = corrections.isEmpty() ? null : corrected(term.strip(), corrections);
		String anyWord = parsed.groups().isEmpty() ? "''" : parsed.toAnyWordTsQuery(corrections);
		return new Prepared(used.toTsQuery(corrections), anyWord, exact.toArray(String[]::new), likePrefix(parsed.exact()),
				List.copyOf(highlight), didYouMean);
	}

	/** The text with each corrected word replaced by its best correction. */
	private static String corrected(String text, Map<String, List<String>> corrections) {
		String out = text;
		for (Map.Entry<String, List<String>> c : corrections.entrySet()) {
			Matcher m = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + Pattern.quote(c.getKey()) + "(?![\\p{L}\\p{N}])").matcher(out);
			out = m.replaceAll(Matcher.quoteReplacement(c.getValue().get(0)));
		}
		return out;
	}

	private static String likePrefix(String exact) {
		return exact.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static SearchResult row(ResultSet rs, Prepared p) throws SQLException {
		String title = rs.getString("title");
		String text = rs.getString("text");
		Map<String, List<String>> facets = JSON.readValue(rs.getString("facets"), FACETS_JSON);
		return new SearchResult(rs.getString("type"), rs.getString("id"), title, rs.getString("name"), text,
				rs.getString("location"), facets, rs.getDouble("rank"), Highlight.of(title, p.highlight, false),
				Highlight.of(text, p.highlight, true));
	}

}
