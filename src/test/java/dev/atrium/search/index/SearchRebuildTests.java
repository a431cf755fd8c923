package dev.atrium.search.index;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchSource;
import dev.atrium.search.SearchApplicationTest;
import dev.atrium.search.SearchProperties;
import dev.atrium.search.query.SearchRequest;
import dev.atrium.search.query.Searcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilds as users feel them: search answers while a new generation goes live, a failure after the
 * switch never takes the live generation away, a long backlog of changes asks for a rebuild without
 * holding up the changes, and a rebuild forgets words no document holds any more.
 */
class SearchRebuildTests extends SearchApplicationTest {

	@Autowired
	Indexer indexer;

	@Autowired
	Searcher searcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	Vocabulary vocabulary;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	SearchProperties properties;

	@Autowired
	ApplicationContext context;

	@BeforeEach
	void demoIndexed() {
		awaitDemoIndexed();
	}

	@Test
	void queriesNeverNameAGenerationTheyReadBeforeASwitch() {
		pipelines.put("steady-osprey", "Watches the osprey nests.");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> found("osprey"));
		long live = liveGeneration();
		// What a query saw just before a switch dropped its generation: a build under way, the old one live.
		jdbc.sql("UPDATE search_sources SET live_generation = ?, build_generation = ? WHERE type = 'test-pipelines'")
			.params(live + 1_000_000, live + 1_000_001)
			.update();
		try {
			assertThat(found("osprey")).isTrue();
		}
		finally {
			jdbc.sql("UPDATE search_sources SET live_generation = ?, build_generation = NULL WHERE type = 'test-pipelines'")
				.param(live)
				.update();
		}
	}

	@Test
	void searchAnswersWhileGenerationsGoLive() throws Exception {
		pipelines.put("steady-osprey", "Watches the osprey nests.");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> found("osprey"));
		AtomicBoolean rebuilding = new AtomicBoolean(true);
		AtomicInteger asked = new AtomicInteger();
		AtomicInteger missed = new AtomicInteger();
		CompletableFuture<Void> asking = CompletableFuture.runAsync(() -> {
			while (rebuilding.get() || asked.get() == 0) {
				asked.incrementAndGet();
				if (!found("osprey")) {
					missed.incrementAndGet();
				}
			}
		});
		for (int i = 0; i < 4; i++) {
			assertThat(indexer.rebuild(indexer.sources().get("test-pipelines"), false)).isTrue();
		}
		rebuilding.set(false);
		asking.get(30, TimeUnit.SECONDS);
		assertThat(missed.get()).as("of %d queries during 4 switches", asked.get()).isZero();
		pipelines.remove("steady-osprey");
	}

	@Test
	void aFailureAfterTheSwitchKeepsTheNewGenerationLive() {
		pipelines.put("tidy-heron", "Counts the herons.");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> found("herons"));
		IndexStore failing = new IndexStore(jdbc, template) {
			@Override
			void analyze(long generation) {
				throw new IllegalStateException("analyze failed");
			}
		};
		Indexer rebuilding = new Indexer(context.getBeanProvider(SearchSource.class), failing, vocabulary, tx, properties);

		assertThat(rebuilding.rebuild(indexer.sources().get("test-pipelines"), false)).isTrue();

		assertThat(found("herons")).isTrue();
		assertThat(jdbc.sql("SELECT to_regclass('search_documents_g' || ?) IS NOT NULL").param(liveGeneration())
			.query(Boolean.class).single()).isTrue();
		pipelines.remove("tidy-heron");
	}

	@Test
	void aLongBacklogIsRebuiltOnceItHasArrivedInsteadOfIndexedOneByOne() throws Exception {
		HeldSource held = new HeldSource();
		Indexer small = new Indexer(new StaticListableBeanFactory(Map.of("held", held)).getBeanProvider(SearchSource.class),
				new IndexStore(jdbc, template), vocabulary, tx, new SearchProperties(properties.rebuildInterval(), properties.indexInterval(),
						properties.batchSize(), properties.buildLease(), 5));
		small.sources();
		jdbc.sql("UPDATE search_sources SET next_rebuild_at = now() + interval '1 hour' WHERE type = 'backlog-test'").update();
		jdbc.sql("INSERT INTO search_changes (type, id) SELECT 'backlog-test', 'a' || i FROM generate_series(1, 3) i").update();
		try {
			small.rebuildDue(); // not due: only sees the backlog
			jdbc.sql("INSERT INTO search_changes (type, id) SELECT 'backlog-test', 'b' || i FROM generate_series(1, 7) i").update();
			assertThat(CompletableFuture.supplyAsync(small::indexChanges).get(10, TimeUnit.SECONDS))
				.as("a registration's worth of changes is not indexed one by one").isZero();
			assertThat(waiting("backlog-test")).isEqualTo(10);
			assertThat(jdbc.sql("SELECT next_rebuild_at <= now() FROM search_sources WHERE type = 'backlog-test'")
				.query(Boolean.class).single()).as("a rebuild asked for").isTrue();

			CompletableFuture<Void> whileArriving = CompletableFuture.runAsync(small::rebuildDue);
			assertThat(held.reading.await(300, TimeUnit.MILLISECONDS)).as("no rebuild while the changes still arrive").isFalse();
			whileArriving.get(10, TimeUnit.SECONDS);

			CompletableFuture.runAsync(small::rebuildDue);
			assertThat(held.reading.await(10, TimeUnit.SECONDS)).as("the rebuild, once they stopped arriving").isTrue();
			assertThat(waiting("backlog-test")).as("the rebuild reads them all: they need no indexing").isZero();
		}
		finally {
			held.release.countDown();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
				.sql("SELECT build_generation IS NULL FROM search_sources WHERE type = 'backlog-test'").query(Boolean.class).single());
			long live = jdbc.sql("SELECT live_generation FROM search_sources WHERE type = 'backlog-test'").query(Long.class).single();
			jdbc.sql("DROP TABLE IF EXISTS search_documents_g" + live).update();
			jdbc.sql("DELETE FROM search_sources WHERE type = 'backlog-test'").update();
			jdbc.sql("DELETE FROM search_changes WHERE type = 'backlog-test'").update();
		}
	}

	private int waiting(String type) {
		return jdbc.sql("SELECT count(*) FROM search_changes WHERE type = ?").param(type).query(Integer.class).single();
	}

	@Test
	void aRebuildForgetsWordsNoDocumentHolds() {
		pipelines.put("gone-wombat", "Feeds the quixotical wombats.");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> found("quixotical"));
		assertThat(words("quixotical", "payment")).containsExactly("payment", "quixotical");
		pipelines.remove("gone-wombat");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !found("quixotical"));

		indexer.sources().values().forEach(source -> assertThat(indexer.rebuild(source, false)).as(source.type()).isTrue());

		assertThat(words("quixotical", "payment")).containsExactly("payment");
		assertThat(locations("paymnet")).as("typos are still corrected").contains("/catalog/default/component/payment-gateway");
	}

	private boolean found(String term) {
		return !searcher.search(new SearchRequest(term, List.of(), Map.of(), 0, 10), false).results().isEmpty();
	}

	private long liveGeneration() {
		return jdbc.sql("SELECT live_generation FROM search_sources WHERE type = 'test-pipelines'").query(Long.class).single();
	}

	private List<String> words(String... words) {
		return jdbc.sql("SELECT word FROM search_words WHERE word = ANY (?) ORDER BY word").param(words).query(String.class).list();
	}

	/** A source whose rebuild waits until released; it holds no documents. */
	static final class HeldSource implements SearchSource {

		final CountDownLatch reading = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public String type() {
			return "backlog-test";
		}

		@Override
		public String title() {
			return "Backlog";
		}

		@Override
		public void documents(Consumer<SearchDocument> sink) {
			reading.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public List<SearchDocument> documents(Collection<String> ids) {
			return List.of();
		}

	}

}
