package dev.atrium.search.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.search.index.FacetValues;
import dev.atrium.search.query.ParsedQuery.Item;
import dev.atrium.search.query.SearchResults.FacetCount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs queries against the live generation of every source. Ranking, best first: documents whose name
 * or title holds every word (the exact name or title typed first, then names starting with it, then
 * those naming most words), then the rest (names holding some words first, then PostgreSQL's cover
 * density over the weighted fields: names A, text B, keywords C); ties by name, then id, so pages
 * never repeat nor skip a result. Every word also matches as a prefix; typos match their corrections
 * as well. A query that only excludes ({@code -api}) lists everything else by name.
 */
@Component
public class Searcher {

	/** Matches are counted (and facets computed) up to this many. */
	public static final int COUNT_LIMIT = Candidates.CAP;

	/** Results a search pages through, at most: a page beyond them is empty and has no next page. */
	public static final int MAX_RESULTS = COUNT_LIMIT;

	/** Facet keys counted for the results page, besides the result type. */
	public static final List<String> FACETS = List.of("kind", "owner", "lifecycle", "tag");

	/** The result type's key in facet counts. */
	public static final String TYPE_FACET = "@type";

	/**
	 * The query's three forms, parsed once per statement: a CTE used once is inlined by PostgreSQL, and a
	 * stable function inlined is evaluated again for every row it filters or ranks (four parses of the
	 * query per candidate), hence {@code MATERIALIZED}. The texts index is still used: the one row of
	 * {@code q} drives a nested loop whose inner bitmap scan takes the query as its key.
	 */
	static final String QUERIES = "WITH q AS MATERIALIZED (SELECT to_tsquery('simple', ?) AS q, to_tsquery('simple', ?) AS anyword, "
			+ "to_tsquery('simple', ?) AS exactword) ";

	/** Documents whose name or title holds every word: exact first, then names starting so, then most words named. */
	static final String TOP_RANK = """
			(CASE WHEN d.name_key = ANY (?) OR d.title_key = ANY (?) THEN 16 ELSE 0 END + 8
			 + CASE WHEN d.name_key LIKE ? THEN 4 ELSE 0 END
			 + CASE WHEN d.names @@ q.exactword THEN 2 ELSE 0 END + ts_rank(d.names, q.anyword, 1))""";

	/** The rest: names holding some of the words first, then PostgreSQL's cover density over the weighted fields. */
	static final String REST_RANK = "(CASE WHEN d.names @@ q.exactword THEN 2 ELSE 0 END + ts_rank(d.names, q.anyword, 1)"
			+ " + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.body, q.q, 32))";


	private static final String BY_NAME = "d.name_key, d.id, d.type";

	private final JdbcClient jdbc;

	private final Spelling spelling;

	private final Lexicon lexicon;

	private final SearchConnections connections;

	Searcher(SearchConnections connections, Spelling spelling, Lexicon lexicon) {
		this.connections = connections;
		this.jdbc = connections.jdbc();
		this.spelling = spelling;
		this.lexicon = lexicon;
	}

	/** A page of results, with facet counts when {@code facets} is set (the page), else only a count (the API). */
	public SearchResults search(SearchRequest request, boolean withFacets) {
		if (!request.types().isEmpty() || !request.filters().isEmpty()) {
			return connections.readPlannedForValues(() -> searchNow(request, withFacets));
		}
		return connections.read(() -> searchNow(request, withFacets));
	}

	private SearchResults searchNow(SearchRequest request, boolean withFacets) {
		Prepared p = prepare(request.term(), false);
		if (p.wordless) {
			// Only punctuation or emoji: nothing to look for (an empty term lists everything instead).
			return new SearchResults(List.of(), request.page(), false, 0, Map.of(), null);
		}
		int offset = (int) Math.min((long) request.page() * request.limit(), MAX_RESULTS);
		int shown = Math.min(request.limit(), MAX_RESULTS - offset);
		long counted = -1;
		Candidates.Tally tally = null;
		List<SearchResult> rows;
		if (shown == 0) {
			rows = new ArrayList<>();
		}
		else if (p.tsquery == null || !p.positive) {
			rows = new ArrayList<>(page(request, p, p.tsquery == null ? null : "d.body @@ q.q", "0", BY_NAME, shown + 1, offset));
		}
		else {
			// The page's facet values are counted among the candidates the page is ranked from, on the way.
			Candidates.Ranked ranked = new Candidates(jdbc, request, p, withFacets ? FacetCounts.KEYS : null).page(offset, shown + 1);
			tally = ranked.tally();
			rows = new ArrayList<>(ranked.rows());
			counted = ranked.total();
		}
		boolean more = rows.size() > shown;
		if (more) {
			rows.remove(rows.size() - 1);
		}
		more &= offset + shown < MAX_RESULTS;
		Map<String, List<FacetCount>> facets = !withFacets ? Map.of() : tally != null ? FacetCounts.of(tally) : FacetCounts.read(jdbc, request, p);
		long total = withFacets ? facets.getOrDefault(TYPE_FACET, List.of()).stream().mapToLong(FacetCount::count).sum()
				: counted >= 0 ? counted : count(request, p, p.tsquery == null ? null : "d.body @@ q.q", COUNT_LIMIT);
		return new SearchResults(rows, request.page(), more, total, facets, p.didYouMean);
	}

	private List<SearchResult> page(SearchRequest request, Prepared p, String match, String rank, String order, int limit,
			int offset) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		if (p.tsquery != null) {
			sql.append(QUERIES);
			params.add(p.tsquery);
			params.add(p.anyWord);
			params.add(p.exactWord);
		}
		sql.append("SELECT d.type, d.id, d.title, d.name, d.text, d.location, d.facets::text AS facets, ").append(rank).append(" AS rank");
		for (int i = 0; i < placeholders(rank); i += 3) {
			params.add(p.exact);
			params.add(p.exact);
			params.add(p.prefix);
		}
		sql.append(" FROM search_documents d").append(p.tsquery != null ? ", q" : "").append(" WHERE ");
		sql.append(where(request, match, params));
		sql.append(" ORDER BY ").append(order).append(" LIMIT ? OFFSET ?");
		params.add(limit);
		params.add(offset);
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> row(rs, p)).list();
	}

	/** How many documents match, counted up to {@code limit}. */
	private long count(SearchRequest request, Prepared p, String match, long limit) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT count(*) FROM (");
		if (p.tsquery != null) {
			sql.append(QUERIES);
			params.add(p.tsquery);
			params.add(p.anyWord);
			params.add(p.exactWord);
		}
		sql.append("SELECT 1 FROM search_documents d").append(p.tsquery != null ? ", q" : "").append(" WHERE ");
		sql.append(where(request, match, params));
		if (limit < Long.MAX_VALUE) {
			sql.append(" LIMIT ").append(limit);
		}
		return jdbc.sql(sql.append(") c").toString()).params(params).query(Long.class).single();
	}

	private static int placeholders(String sql) {
		return (int) sql.chars().filter(c -> c == '?').count();
	}

	/**
	 * The best few documents whose name or title matches what was typed so far: for suggestions as you
	 * type. Most of what the header box sends is the start of a name, answered by one walk of the name
	 * index; only what is not (words from the middle of names, typos in names without separators) is
	 * matched word by word and ranked.
	 */
	public List<SearchResult> suggest(String term, List<String> types, int limit, Identity caller) {
		// Planned once too: planning even the walk of the name index costs more than the walk.
		return connections.read(() -> suggestNow(term, types, limit, caller));
	}

	private List<SearchResult> suggestNow(String term, List<String> types, int limit, Identity caller) {
		Prepared p = prepare(term, true);
		if (p.tsquery == null) {
			return List.of();
		}
		SearchRequest request = new SearchRequest(term, types, Map.of(), 0, limit, caller);
		// Names starting so come first anyway, and the name index walks them in order and stops at the limit.
		List<SearchResult> found = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		String typed = QueryParser.clean(term).strip().toLowerCase(Locale.ROOT);
		boolean nameStart = NAME_START.matcher(typed).matches();
		if (nameStart) {
			add(found, seen, namesStarting(request, p, typed, limit), limit);
			// A typo in a name typed from its start (paymnet-gat): the names starting with its correction.
			for (String corrected : p.exact) {
				if (found.isEmpty() && !corrected.equals(typed) && NAME_START.matcher(corrected).matches()) {
					add(found, seen, namesStarting(request, p, corrected, limit), limit);
				}
			}
		}
		// A name typed from its start with its separators (payment-gat) is what was meant: the names
		// starting so are the suggestions. Otherwise names holding the words elsewhere fill up the list.
		boolean typingAName = !found.isEmpty() && typed.chars().anyMatch(c -> c == '-' || c == '_' || c == '.');
		if (found.size() < limit && !typingAName) {
			add(found, seen, new Candidates(jdbc, request, p).best(limit), limit);
		}
		return found;
	}

	private static void add(List<SearchResult> found, java.util.Set<String> seen, List<SearchResult> more, int limit) {
		for (SearchResult r : more) {
			if (found.size() < limit && seen.add(r.type() + "\n" + r.id())) {
				found.add(r);
			}
		}
	}

	/**
	 * A name starting with a parameter, as a range of the name index ({@code name_key} sorts by bytes):
	 * unlike {@code LIKE 'p%'}, a plan made once for every value still walks the index.
	 */
	static final String STARTS_WITH = "d.name_key >= ? AND d.name_key < ? || chr(1114111)";

	/** Typed text that can only be the start of a name: letters, digits and the separators names use. */
	private static final Pattern NAME_START = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{1,99}");

	private List<SearchResult> namesStarting(SearchRequest request, Prepared p, String start, int limit) {
		List<Object> params = new ArrayList<>();
		String where = where(request, STARTS_WITH, params);
		// where() appended the parameters of its other conditions; the prefix belongs to the match, last.
		params.add(start);
		params.add(start);
		params.add(limit);
		return jdbc.sql("SELECT d.type, d.id, d.title, d.name, d.text, d.location, d.facets::text AS facets, 0 AS rank "
				+ "FROM search_documents d WHERE " + where + " ORDER BY d.name_key LIMIT ?").params(params).query((rs, n) -> row(rs, p)).list();
	}

	/**
	 * The conditions every query shares: the types asked for, the filters, what the caller may see, and
	 * last the query's match (which may hold a parameter of its caller's). {@code search_documents}
	 * holds only live generations (a rebuild's table is attached in the switch that drops the old one),
	 * so no generation is named: a query never reads one that a switch just dropped. The type is a facet
	 * term, so the conditions are answered by indexes.
	 */
	static String where(SearchRequest request, String match, List<Object> params) {
		StringBuilder where = new StringBuilder("true");
		if (!request.types().isEmpty()) {
			where.append(" AND d.facet_terms && ?::text[]");
			params.add(request.types().stream().map(t -> "@type=" + t.toLowerCase(Locale.ROOT)).toArray(String[]::new));
		}
		request.filters().forEach((key, values) -> {
			where.append(" AND d.facet_terms && ?::text[]");
			params.add(values.stream()
				.map(v -> key.toLowerCase(Locale.ROOT) + "=" + FacetValues.canonical(key, v).toLowerCase(Locale.ROOT))
				.toArray(String[]::new));
		});
		if (!request.caller().admin()) {
			where.append(" AND (d.visible_to IS NULL OR d.visible_to && ?::text[])");
			params.add(request.caller().ownershipRefs().stream().map(EntityRef::toString).toArray(String[]::new));
		}
		if (match != null) {
			where.append(" AND ").append(match);
		}
		return where.toString();
	}

	/**
	 * A query ready for SQL: {@code tsquery} null when nothing was typed; {@code positive} when some word
	 * must match (not only excluded ones); {@code wordless} when something was typed but no word in it.
	 */
	record Prepared(String tsquery, String anyWord, String exactWord, String[] exact, String prefix, String start, List<String> highlight,
			String didYouMean, boolean excludes, boolean positive, boolean wordless, boolean selective, boolean oneWord) {
	}

	private Prepared prepare(String term, boolean namesOnly) {
		ParsedQuery parsed = QueryParser.parse(term);
		if (parsed.isEmpty() || (namesOnly && parsed.groups().isEmpty())) {
			boolean wordless = parsed.isEmpty() && !QueryParser.clean(term).isBlank();
			return new Prepared(null, null, null, new String[0], "", "", List.of(), null, false, false, wordless, false, false);
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
		String didYouMean = corrections.isEmpty() ? null : corrected(QueryParser.clean(term).strip(), corrections);
		Map<String, List<String>> prefixes = new java.util.HashMap<>();
		for (String word : parsed.correctable()) {
			List<String> words = lexicon.expansions(word);
			if (words != null) {
				prefixes.put(word, words);
			}
		}
		String tsquery = used.toTsQuery(corrections, prefixes);
		boolean positive = !parsed.groups().isEmpty();
		// Only excluded words: nothing to rank by, the results are listed by name.
		String anyWord = positive ? parsed.toAnyWordTsQuery(corrections, prefixes, false) : tsquery;
		String exactWord = positive ? parsed.toAnyWordTsQuery(corrections, prefixes, true) : tsquery;
		return new Prepared(tsquery, anyWord, exactWord, exact.toArray(String[]::new), likePrefix(parsed.exact()), parsed.exact(),
				List.copyOf(highlight), didYouMean, !used.excluded().isEmpty(), positive, false, selective(parsed), oneWord(used));
	}

	/**
	 * Whether the query is one word typed as is (no phrase, no alternatives, no exclusion, no plural whose
	 * singular would be asked for too): then "some of its words" and "all of its words" are the same words,
	 * and no name can hold some without all.
	 */
	private static boolean oneWord(ParsedQuery parsed) {
		if (parsed.groups().size() != 1 || parsed.groups().get(0).size() != 1 || !parsed.excluded().isEmpty()) {
			return false;
		}
		Item item = parsed.groups().get(0).get(0);
		if (item.quoted() || item.parts().size() != 1) {
			return false;
		}
		String word = item.parts().get(0);
		return !(word.length() > 3 && word.endsWith("s"));
	}

	/**
	 * Whether the query's texts are few: a phrase (quoted, or a name typed whole) or a word with digits
	 * matches few texts, while any word of it may be in many names.
	 */
	private static boolean selective(ParsedQuery parsed) {
		return parsed.groups().stream().flatMap(List::stream).anyMatch(item -> item.quoted() || item.parts().size() > 1
				|| item.parts().stream().anyMatch(part -> part.chars().anyMatch(Character::isDigit)));
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

	static SearchResult row(ResultSet rs, Prepared p) throws SQLException {
		String title = rs.getString("title");
		String text = rs.getString("text");
		Map<String, List<String>> facets = FacetsText.read(rs.getString("facets"));
		return new SearchResult(rs.getString("type"), rs.getString("id"), title, rs.getString("name"), text,
				rs.getString("location"), facets, rs.getDouble("rank"), Highlight.of(title, p.highlight, false),
				Highlight.of(text, p.highlight, true));
	}

}
