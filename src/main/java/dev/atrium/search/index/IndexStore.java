package dev.atrium.search.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.SearchDocument;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index's tables: documents by generation, the sources' generations and build leases, and the
 * changes waiting to be indexed ({@link Vocabulary} keeps the words typos are corrected to). Writes are batched; the text search
 * vectors are computed by PostgreSQL ('simple' configuration: no stemming, names stay names).
 * Each generation is a table of its own ({@link #table}): a live one is a partition of
 * {@code search_documents}; a rebuild loads its table with only a primary key, builds the text indexes
 * once ({@link #buildIndexes}) and attaches it in the switch, dropping the old one in the same transaction.
 */
@Component
public class IndexStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Longest text indexed per field; the rest is stored but not searched. */
	private static final int MAX_TEXT = 8_000;

	private static final String COLUMNS = """
			(type, generation, id, title, name, name_key, title_key, text, location, facets, facet_terms, facet_labels, visible_to,
			  names, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::text[], ?::text[], ?::text[], ?::tsvector, ?::tsvector)""";

	private static final String UPSERT = "INSERT INTO %s " + COLUMNS + """
			 ON CONFLICT (generation, id) DO UPDATE SET title = excluded.title, name = excluded.name,
			  name_key = excluded.name_key, title_key = excluded.title_key, text = excluded.text, location = excluded.location,
			  facets = excluded.facets, facet_terms = excluded.facet_terms, facet_labels = excluded.facet_labels,
			  visible_to = excluded.visible_to, names = excluded.names, body = excluded.body, removed = false""";

	/** A rebuild never overwrites what an increment wrote meanwhile, removals included. */
	private static final String INSERT_NEW = "INSERT INTO %s " + COLUMNS + " ON CONFLICT (generation, id) DO NOTHING";

	/** Memory for building a generation's indexes at once (GIN builds sort in memory: more is faster). */
	private static final String INDEX_MEMORY = "256MB";

	/**
	 * The indexes of a generation's table, built once it is loaded. They match the partitioned indexes
	 * of {@code search_documents} (V2 migration), so attaching the table reuses them instead of building new ones.
	 */
	private static final List<String> INDEXES = List.of("USING gin (body)", "USING gin (names)", "USING gin (facet_terms)",
			"(name_key)", "(title_key)");

	/** A source's generations: the one queries read and the one a rebuild is writing, if any. */
	public record Generations(long live, Long building) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	IndexStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Makes sure a source has a row and a live generation (empty until its first rebuild). */
	void register(String type) {
		jdbc.sql("INSERT INTO search_sources (type, live_generation) VALUES (?, nextval('search_generation_seq')) "
				+ "ON CONFLICT (type) DO NOTHING").param(type).update();
		long live = jdbc.sql("SELECT live_generation FROM search_sources WHERE type = ?").param(type).query(Long.class).single();
		try {
			jdbc.sql("CREATE TABLE IF NOT EXISTS " + table(live) + " PARTITION OF search_documents FOR VALUES IN (" + live + ")")
				.update();
		}
		catch (org.springframework.dao.DataAccessException ex) {
			// Another instance created it at the same moment.
			if (!exists(live)) {
				throw ex;
			}
		}
	}

	/** The table holding a generation's documents: a partition of search_documents once it is live. */
	static String table(long generation) {
		return "search_documents_g" + generation;
	}

	private boolean exists(long generation) {
		return jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(table(generation)).query(Boolean.class).single();
	}

	/**
	 * Creates the table a rebuild loads its generation into: no text indexes while it fills (only the
	 * primary key, so increments can replace rows), and the partition's constraint, so attaching it
	 * needs no scan.
	 */
	void createBuildTable(long generation) {
		String table = table(generation);
		jdbc.sql("CREATE TABLE " + table + " (LIKE search_documents INCLUDING DEFAULTS, PRIMARY KEY (generation, id), "
				+ "CHECK (generation = " + generation + "))").update();
	}

	/** Builds a loaded generation's indexes, each in one pass over the table. */
	void buildIndexes(long generation) {
		template.execute((java.sql.Connection connection) -> {
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL maintenance_work_mem = '" + INDEX_MEMORY + "'");
				for (String index : INDEXES) {
					statement.execute("CREATE INDEX ON " + table(generation) + " " + index);
				}
			}
			return null;
		});
	}

	/** The generations of a source, locked against a switch until the caller's transaction ends. */
	Generations lockGenerations(String type) {
		return jdbc.sql("SELECT live_generation, build_generation FROM search_sources WHERE type = ? FOR SHARE")
			.param(type)
			.query((rs, n) -> new Generations(rs.getLong(1), (Long) rs.getObject(2)))
			.optional()
			.orElse(null);
	}

	/**
	 * Writes documents into a generation: replacing what is there, or (for a rebuild) only what is not.
	 * Owners are stored as full refs ({@link FacetValues}), so every source's owners are one facet.
	 */
	void write(long generation, String type, List<SearchDocument> documents, boolean replace) {
		if (documents.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(documents.size());
		for (SearchDocument d : documents) {
			String name = d.name() == null || d.name().isBlank() ? d.title() : d.name();
			List<String> terms = new ArrayList<>();
			terms.add("@type=" + type.toLowerCase(Locale.ROOT)); // filters by type through the index
			List<String> labels = new ArrayList<>();
			Map<String, List<String>> facets = new LinkedHashMap<>();
			StringBuilder facetWords = new StringBuilder();
			d.facets().forEach((key, values) -> values.forEach(written -> {
				if (written != null && !written.isBlank()) {
					String value = FacetValues.canonical(key, written);
					facets.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
					terms.add(key.toLowerCase(Locale.ROOT) + "=" + value.toLowerCase(Locale.ROOT));
					labels.add(key.toLowerCase(Locale.ROOT) + "=" + value);
					facetWords.append(Words.expand(FacetValues.label(key, value))).append(' ');
				}
			}));
			String names = Words.expand(d.title()) + " " + Words.expand(name);
			String text = d.text() == null ? "" : d.text();
			String visibleTo = d.visibleTo() == null ? null : array(d.visibleTo().stream().map(Object::toString).sorted().toList());
			rows.add(new Object[] { type, generation, d.id(), d.title(), name, Words.key(name), Words.key(d.title()), text,
					d.location(), JSON.writeValueAsString(facets), array(terms), array(labels), visibleTo,
					TsVectors.of(new TsVectors.Part(names, 'A')),
					TsVectors.of(new TsVectors.Part(names, 'A'), new TsVectors.Part(cut(Words.expand(text)), 'B'),
							new TsVectors.Part(cut(Words.expand(d.keywords()) + " " + facetWords), 'C')) });
		}
		template.batchUpdate((replace ? UPSERT : INSERT_NEW).formatted(table(generation)), rows);
	}

	/** Removes documents from a live generation. */
	void delete(long generation, Collection<String> ids) {
		if (!ids.isEmpty()) {
			jdbc.sql("DELETE FROM search_documents WHERE generation = ? AND id = ANY (?)")
				.params(generation, ids.toArray(String[]::new))
				.update();
		}
	}

	/** Marks documents removed in a generation being built, so the rebuild does not bring them back. */
	void markRemoved(long generation, String type, Collection<String> ids) {
		for (String id : ids) {
			jdbc.sql("""
					INSERT INTO %s (type, generation, id, title, name, name_key, title_key, text, facets,
					  facet_terms, facet_labels, names, body, removed)
					VALUES (?, ?, ?, '', '', '', '', '', '{}', '{}', '{}', '', '', true)
					ON CONFLICT (generation, id) DO UPDATE SET removed = true""".formatted(table(generation)))
				.params(type, generation, id)
				.update();
		}
	}

	/** Claims the work of a rebuild: a new generation to write, unless another instance holds a live lease. */
	Long claimBuild(String type, String owner, long leaseSeconds, boolean onlyIfDue) {
		return jdbc.sql("""
				UPDATE search_sources SET build_generation = nextval('search_generation_seq'), build_owner = ?,
				  build_lease_until = now() + make_interval(secs => ?)
				WHERE type = ? AND (build_generation IS NULL OR build_lease_until < now()) AND (NOT ? OR next_rebuild_at <= now())
				RETURNING build_generation""")
			.params(owner, leaseSeconds, type, onlyIfDue)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** Removes what dead builds left behind: tables of generations neither live nor being built. */
	int deleteAbandoned() {
		List<String> tables = jdbc.sql("""
				SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
				  AND c.relkind = 'r' AND c.relname ~ '^search_documents_g[0-9]+$'""").query(String.class).list();
		Set<Long> used = new java.util.HashSet<>(jdbc.sql("""
				SELECT live_generation FROM search_sources UNION SELECT build_generation FROM search_sources
				WHERE build_generation IS NOT NULL""").query(Long.class).list());
		int dropped = 0;
		for (String table : tables) {
			long generation = Long.parseLong(table.substring("search_documents_g".length()));
			if (!used.contains(generation)) {
				deleteGeneration(generation);
				dropped++;
			}
		}
		return dropped;
	}

	/** Extends a build's lease; false when another instance took the build over. */
	boolean renew(String type, long generation, String owner, long leaseSeconds) {
		return jdbc.sql("""
				UPDATE search_sources SET build_lease_until = now() + make_interval(secs => ?)
				WHERE type = ? AND build_generation = ? AND build_owner = ?""")
			.params(leaseSeconds, type, generation, owner)
			.update() == 1;
	}

	/**
	 * Makes a finished build the live generation and removes the old one, in the caller's transaction;
	 * returns the generation replaced, or null if the claim was lost.
	 */
	Long switchTo(String type, long generation, String owner, long rebuildSeconds) {
		Long old = jdbc.sql("SELECT live_generation FROM search_sources WHERE type = ? AND build_generation = ? AND build_owner = ? FOR UPDATE")
			.params(type, generation, owner)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (old == null) {
			return null;
		}
		String table = table(generation);
		jdbc.sql("DELETE FROM " + table + " WHERE removed").update();
		jdbc.sql("ALTER TABLE search_documents ATTACH PARTITION " + table + " FOR VALUES IN (" + generation + ")").update();
		jdbc.sql("""
				UPDATE search_sources SET live_generation = ?, build_generation = NULL, build_owner = NULL, build_lease_until = NULL,
				  built_at = now(), next_rebuild_at = now() + make_interval(secs => ?),
				  documents = (SELECT count(*) FROM %s)
				WHERE type = ?""".formatted(table))
			.params(generation, rebuildSeconds, type)
			.update();
		// In the same transaction: a query sees the old generation or the new one, never both.
		deleteGeneration(old);
		return old;
	}

	/** Gives up a build: its rows go, the live generation stays, and another build is tried in a minute. */
	void abandon(String type, long generation, String owner) {
		jdbc.sql("UPDATE search_sources SET build_generation = NULL, build_owner = NULL, build_lease_until = NULL, "
				+ "next_rebuild_at = now() + interval '1 minute' WHERE type = ? AND build_generation = ? AND build_owner = ?")
			.params(type, generation, owner)
			.update();
	}

	/**
	 * After a generation changed wholesale: the old one's dead rows go, statistics fit the new data, and
	 * pages are marked all-visible, so counting matches can skip the table.
	 */
	void analyze(long generation) {
		jdbc.sql("VACUUM (ANALYZE) " + table(generation)).update();
		jdbc.sql("ANALYZE search_documents").update();
	}

	/** Drops a generation's table (a partition or a build never attached). */
	void deleteGeneration(long generation) {
		jdbc.sql("DROP TABLE IF EXISTS " + table(generation)).update();
	}

	/** Asks for a rebuild of these types at the next chance. */
	void requestRebuild(Collection<String> types) {
		jdbc.sql("UPDATE search_sources SET next_rebuild_at = now() WHERE type = ANY (?)")
			.param(types.toArray(String[]::new))
			.update();
	}

	/** Asks for a rebuild of a type unless one is already due or under way; whether this asked. */
	boolean requestRebuildUnlessUnderWay(String type) {
		return jdbc.sql("UPDATE search_sources SET next_rebuild_at = now() "
				+ "WHERE type = ? AND next_rebuild_at > now() AND build_generation IS NULL").param(type).update() == 1;
	}

	/** Queues changed documents; a document changed twice before it is indexed is indexed once. */
	void queue(String type, Collection<String> ids) {
		jdbc.sql("""
				INSERT INTO search_changes (type, id) SELECT ?, unnest(?::text[])
				ON CONFLICT (type, id) DO UPDATE SET changed_at = excluded.changed_at""")
			.params(type, ids.toArray(String[]::new))
			.update();
	}

	/** Takes up to {@code limit} waiting changes of these types, grouped by type; they are gone once the caller's transaction commits. */
	Map<String, List<String>> claimChanges(Collection<String> types, int limit) {
		Map<String, List<String>> byType = new LinkedHashMap<>();
		jdbc.sql("""
				DELETE FROM search_changes WHERE ctid = ANY (ARRAY (SELECT ctid FROM search_changes WHERE type = ANY (?)
				  ORDER BY changed_at LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING type, id""")
			.params(types.toArray(String[]::new), limit)
			.query((rs, n) -> byType.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
			.list();
		return byType;
	}

	/** How many changes of a type wait, counted up to {@code limit}. */
	int waiting(String type, int limit) {
		return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM search_changes WHERE type = ? LIMIT ?) w")
			.params(type, limit)
			.query(Integer.class)
			.single();
	}

	/**
	 * Forgets the changes of a type waiting now: called by a rebuild before it reads its source, which
	 * then reads them all (they were committed before it started). Later changes wait for the increments.
	 */
	void clearChanges(String type) {
		jdbc.sql("DELETE FROM search_changes WHERE type = ?").param(type).update();
	}

	/** The state of every source: for the status API. */
	public List<Map<String, Object>> status() {
		return jdbc.sql("""
				SELECT s.type, s.documents, s.built_at, s.next_rebuild_at, s.build_generation IS NOT NULL AS rebuilding,
				  (SELECT count(*) FROM search_changes c WHERE c.type = s.type) AS waiting
				FROM search_sources s ORDER BY s.type""").query().listOfRows();
	}

	private static String array(List<String> values) {
		StringBuilder out = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return out.append('}').toString();
	}

	private static String cut(String text) {
		return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
	}

}
