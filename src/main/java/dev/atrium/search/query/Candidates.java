package dev.atrium.search.query;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ranked results of a query with words, reading a bounded number of documents however broad the
 * query: at most {@link #CAP} documents whose names hold every word (plus the exact name and the names
 * starting with what was typed, which are always among them), ranked; then, when the page needs more,
 * at most {@link #CAP} documents matching by their texts (those whose names hold some of the words
 * first), ranked. A common word matches thousands of documents; ranking all of them cost tens of
 * milliseconds, while nobody reads past the first pages. Each stage is one statement, and it counts
 * what it read, so the count costs nothing more.
 */
final class Candidates {

	/** Documents read per stage, at most; also the most results a query pages through. */
	static final int CAP = 100;

	private static final String COLUMNS = "d.type, d.id, d.title, d.name, d.text, d.location, d.facets::text AS facets, d.name_key, d.facet_labels";

	/**
	 * The facet values of candidates {@code %s}, counted (a value's spellings counted together, shown as the
	 * first in sort order): one row of two arrays, joined to every row of the page.
	 */
	private static final String TALLY = "SELECT array_agg(label) AS tally_labels, array_agg(n) AS tally_counts FROM (SELECT min(f.label) AS label, "
			+ "count(*) AS n FROM %s x, unnest(x.facet_labels || ('@type=' || x.type)) AS f(label) "
			+ "WHERE split_part(f.label, '=', 1) = ANY (?) GROUP BY lower(f.label)) t";

	private static final String ORDER = "rank DESC, length(name_key), name_key, id, type";

	/**
	 * A page of ranked results, how many the query has up to {@link #CAP}, and when asked for, the facet
	 * values of those (null when they could not be counted on the way: a page past the results).
	 */
	record Ranked(List<SearchResult> rows, long total, Tally tally) {
	}

	/** Facet values and how many candidates carry each, by the value's lower case. */
	static final class Tally {

		final Map<String, String> labels = new HashMap<>();

		final Map<String, Long> counts = new HashMap<>();

		void add(String label, long n) {
			String key = label.toLowerCase(Locale.ROOT);
			labels.merge(key, label, (a, b) -> a.compareTo(b) <= 0 ? a : b);
			counts.merge(key, n, Long::sum);
		}

		void addAll(Tally other) {
			other.counts.forEach((key, n) -> add(other.labels.get(key), n));
		}

	}

	private final JdbcClient jdbc;

	private final SearchRequest request;

	private final Searcher.Prepared p;

	/** The facet keys to count among the candidates, or null: no counts. */
	private final String[] tallied;

	Candidates(JdbcClient jdbc, SearchRequest request, Searcher.Prepared p) {
		this(jdbc, request, p, null);
	}

	Candidates(JdbcClient jdbc, SearchRequest request, Searcher.Prepared p, String[] tallied) {
		this.jdbc = jdbc;
		this.request = request;
		this.p = p;
		this.tallied = tallied;
	}

	/**
	 * The condition of documents whose names (or titles) hold every word. With excluded words their
	 * texts are checked too, row by row ({@code ts_match_vq} is {@code @@} that no index answers): the
	 * names index finds the few, where combining it with the texts index read every text holding a word.
	 */
	private String named() {
		return p.excludes() ? "d.names @@ q.q AND ts_match_vq(d.body, q.q)" : "d.names @@ q.q";
	}

	Ranked page(int offset, int wanted) {
		Stage named = named(offset, wanted);
		List<SearchResult> rows = new ArrayList<>(named.rows());
		long namedTotal = named.total() >= 0 ? named.total() : namedCount();
		long restCap = Math.max(0, CAP - namedTotal);
		if (restCap == 0) {
			return new Ranked(rows, CAP, named.tally());
		}
		if (rows.size() < wanted) {
			Stage rest = rest(Math.max(0, offset - namedTotal), wanted - rows.size(), restCap, namedTotal == 0);
			rows.addAll(rest.rows());
			return new Ranked(rows, namedTotal + rest.total(), both(named.tally(), rest.tally()));
		}
		Stage rest = restCount(restCap);
		return new Ranked(rows, namedTotal + rest.total(), both(named.tally(), rest.tally()));
	}

	private static Tally both(Tally a, Tally b) {
		if (a == null || b == null) {
			return null;
		}
		Tally t = new Tally();
		t.addAll(a);
		t.addAll(b);
		return t;
	}

	/** A CTE of the facet values of candidates {@code cte}, and the columns that join it, when they are counted. */
	private String tally(String cte, List<Object> params) {
		if (tallied == null) {
			return "";
		}
		params.add(tallied);
		return ", tally AS (" + TALLY.formatted(cte) + ")";
	}

	private String tallyColumns() {
		return tallied == null ? "" : ", tally.tally_labels, tally.tally_counts";
	}

	/**
	 * The end of a stage's statement: a page of the candidates {@code cte}, ranked, each row with how many
	 * there are and (when counted) their facet values.
	 */
	private String rankedPage(String cte, List<Object> params) {
		return tally(cte, params) + " SELECT " + cte + ".*, count(*) OVER () AS n" + tallyColumns() + " FROM " + cte
				+ (tallied == null ? "" : ", tally") + " ORDER BY " + ORDER + " LIMIT ? OFFSET ?";
	}

	/** The best documents whose names hold every word, ranked among at most {@link #CAP} of them: suggestions. */
	List<SearchResult> best(int limit) {
		return named(0, limit).rows();
	}

	/**
	 * Rows of a stage, how many it read (-1 when the page was past them all, so nobody counted), and the
	 * facet values of what it read (null when not counted or past them all).
	 */
	private record Stage(List<SearchResult> rows, long total, Tally tally) {
	}

	private Stage named(int offset, int wanted) {
		List<Object> params = new ArrayList<>();
		String sql = Searcher.QUERIES + ", c AS (" + namedCandidates(params) + "), u AS (SELECT DISTINCT ON (type, id) * FROM c ORDER BY type, id)"
				+ rankedPage("u", params);
		params.add(wanted);
		params.add(offset);
		return stage(sql, params);
	}

	private long namedCount() {
		List<Object> params = new ArrayList<>();
		String sql = Searcher.QUERIES + ", c AS (" + namedCandidates(params) + ") SELECT count(DISTINCT (type, id)) FROM c";
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	/** Any {@link #CAP} of the named documents, and always the exact name and the names starting with what was typed. */
	private String namedCandidates(List<Object> params) {
		params.addAll(List.of(p.tsquery(), p.anyWord(), p.exactWord()));
		StringBuilder sql = new StringBuilder();
		sql.append("(SELECT ").append(COLUMNS).append(", ").append(rank(params)).append(" AS rank FROM search_documents d, q WHERE ")
			.append(Searcher.where(request, named(), params)).append(" LIMIT ").append(CAP).append(')');
		sql.append(" UNION ALL (SELECT ").append(COLUMNS).append(", ").append(rank(params))
			.append(" AS rank FROM search_documents d, q WHERE ")
			.append(Searcher.where(request, "d.name_key = ANY (?) AND " + named(), params)).append(')');
		params.add(p.exact());
		sql.append(" UNION ALL (SELECT ").append(COLUMNS).append(", ").append(rank(params))
			.append(" AS rank FROM search_documents d, q WHERE ")
			.append(Searcher.where(request, "d.title_key = ANY (?) AND " + named(), params)).append(')');
		params.add(p.exact());
		sql.append(" UNION ALL (SELECT ").append(COLUMNS).append(", ").append(rank(params))
			.append(" AS rank FROM search_documents d, q WHERE ").append(Searcher.where(request, Searcher.STARTS_WITH + " AND " + named(), params))
			.append(" ORDER BY d.name_key LIMIT 50)");
		params.add(p.start());
		params.add(p.start());
		return sql.toString();
	}

	private String rank(List<Object> params) {
		params.add(p.exact());
		params.add(p.exact());
		params.add(p.prefix());
		return Searcher.TOP_RANK;
	}

	/**
	 * The documents matching by their texts only: those whose names hold some of the words first (any
	 * {@code cap} of them), then any others up to {@code cap} in all, ranked by cover density. Found by the
	 * texts index; whether a name holds some word through the names index too, but row by row
	 * ({@code ts_match_vq}) when the texts are few, as the names index would read every name holding any
	 * of the words. When some names held every word, they lead the results, and the texts are any
	 * {@code cap} of those matching, read once and ranked alike (their names count in the rank).
	 */
	private Stage rest(long offset, int wanted, long cap, boolean namesFirst) {
		List<Object> params = new ArrayList<>(List.of(p.tsquery(), p.anyWord(), p.exactWord()));
		String text = "d.body @@ q.q AND NOT (" + named() + ")";
		// One word: a name holding some of the words holds them all, so it was named; none are left to look for
		// (looking read every name holding the word that the filters or the texts then refused).
		if (!namesFirst || p.oneWord()) {
			String sql = Searcher.QUERIES + ", c AS (SELECT " + COLUMNS + ", " + Searcher.REST_RANK
					+ " AS rank FROM search_documents d, q WHERE " + Searcher.where(request, text, params) + " LIMIT " + cap
					+ ")" + rankedPage("c", params);
			params.add(wanted);
			params.add(offset);
			Stage stage = stage(sql, params);
			return stage.total() >= 0 ? stage : restCount(cap);
		}
		// Names holding some word: through the names index, unless the texts are few (a phrase, a number).
		String someWord = p.selective() ? "ts_match_vq(d.names, q.anyword)" : "d.names @@ q.anyword";
		String sql = Searcher.QUERIES + ", c1 AS (SELECT " + COLUMNS + ", " + Searcher.REST_RANK + " AS rank FROM search_documents d, q WHERE "
				+ Searcher.where(request, text + " AND " + someWord, params) + " LIMIT " + cap + "), c2 AS (SELECT "
				+ COLUMNS + ", " + Searcher.REST_RANK + " AS rank FROM search_documents d, q WHERE "
				+ Searcher.where(request, text + " AND NOT ts_match_vq(d.names, q.anyword)", params)
				+ " LIMIT (SELECT " + cap + " - count(*) FROM c1)), c AS (SELECT * FROM c1 UNION ALL SELECT * FROM c2)" + rankedPage("c", params);
		params.add(wanted);
		params.add(offset);
		Stage stage = stage(sql, params);
		return stage.total() >= 0 ? stage : restCount(cap);
	}

	/** How many documents match by their texts only, up to {@code cap}, and their facet values when counted. */
	private Stage restCount(long cap) {
		List<Object> params = new ArrayList<>(List.of(p.tsquery(), p.anyWord(), p.exactWord()));
		String sql = Searcher.QUERIES + ", c AS (SELECT d.type, d.facet_labels FROM search_documents d, q WHERE "
				+ Searcher.where(request, "d.body @@ q.q AND NOT (" + named() + ")", params) + " LIMIT " + cap + ")" + tally("c", params)
				+ " SELECT (SELECT count(*) FROM c) AS n" + tallyColumns() + (tallied == null ? "" : " FROM tally");
		return jdbc.sql(sql).params(params).query((rs, n) -> new Stage(List.of(), rs.getLong("n"), tally(rs))).single();
	}

	private Stage stage(String sql, List<Object> params) {
		long[] total = { -1 };
		Tally[] tally = { null };
		List<SearchResult> rows = jdbc.sql(sql).params(params).query((rs, n) -> {
			total[0] = rs.getLong("n");
			if (n == 0) {
				tally[0] = tally(rs);
			}
			return Searcher.row(rs, p);
		}).list();
		return new Stage(rows, total[0], tally[0]);
	}

	/** The facet values counted in a row, or null when none were asked for. */
	private Tally tally(ResultSet rs) throws SQLException {
		if (tallied == null) {
			return null;
		}
		Tally tally = new Tally();
		Array labels = rs.getArray("tally_labels");
		Array counts = rs.getArray("tally_counts");
		if (labels != null && counts != null) {
			String[] l = (String[]) labels.getArray();
			Long[] c = (Long[]) counts.getArray();
			for (int i = 0; i < l.length; i++) {
				tally.add(l[i], c[i]);
			}
		}
		return tally;
	}

}
