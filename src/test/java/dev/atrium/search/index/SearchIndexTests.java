package dev.atrium.search.index;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.atrium.search.SearchApplicationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index kept current: the demo catalog searchable after start, a catalog change searchable within
 * seconds, a second source searched beside the catalog, and a rebuild that never makes search go dark
 * nor brings back what was removed while it ran.
 */
class SearchIndexTests extends SearchApplicationTest {

	@Autowired
	Indexer indexer;

	@Autowired
	IndexStore store;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void demoIndexed() {
		awaitDemoIndexed();
	}

	@Test
	void catalogChangesAreSearchableWithinSeconds() throws Exception {
		var dir = Files.createDirectories(FILE_ROOT.resolve("changes"));
		var file = Files.writeString(dir.resolve("catalog-info.yaml"), """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: quasar-ledger
				  description: Keeps the zorblat balances.
				spec:
				  type: service
				  lifecycle: experimental
				  owner: payments-team
				""");
		assertThat(locations("zorblat")).isEmpty();
		// A typo of a word nobody wrote yet: nothing to correct it to (and that answer is kept for a while).
		assertThat(locations("zorblatt")).isEmpty();

		Response registered = post("/api/catalog/locations", "{\"type\":\"file\",\"target\":\"" + file + "\"}");
		assertThat(registered.status()).isEqualTo(201);

		Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> locations("zorblat").equals(List.of("/catalog/default/component/quasar-ledger")));
		// Once the word is known, the same typo finds it: kept corrections go when the words change.
		Awaitility.await().atMost(Duration.ofSeconds(20))
			.until(() -> locations("zorblatt").equals(List.of("/catalog/default/component/quasar-ledger")));
		String id = registered.json().get("location").get("id").asString();
		assertThat(delete("/api/catalog/locations/" + id).status()).isLessThan(300);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> locations("zorblat").isEmpty());
	}

	@Test
	void aSecondSourceIsSearchedBesideTheCatalog() {
		pipelines.put("nightly-royalties", "Computes royalty statements from listening sessions.");

		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> locations("royalties").contains("/workflows/nightly-royalties"));
		var results = query("royalties", null).get("results");
		assertThat(results.findValuesAsString("type")).contains("test-pipelines", "software-catalog");
		assertThat(locations("nightly-royalties").get(0)).isEqualTo("/workflows/nightly-royalties");
		var onlyPipelines = query("royalties", "types[]=test-pipelines").get("results");
		assertThat(onlyPipelines.findValuesAsString("type")).containsOnly("test-pipelines");

		pipelines.remove("nightly-royalties");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !locations("royalties").contains("/workflows/nightly-royalties"));
	}

	@Test
	void aRebuildKeepsAnsweringAndKeepsChangesMadeWhileItRan() throws Exception {
		pipelines.put("stale-export", "Exports the weekly zeppelin report.");
		pipelines.put("kept-export", "Exports the daily zeppelin report.");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> locations("zeppelin").size() == 2);
		pipelines.holdNextRebuild();

		CompletableFuture<Boolean> rebuild = CompletableFuture.supplyAsync(
				() -> indexer.rebuild(indexer.sources().get("test-pipelines"), false));
		pipelines.awaitRebuildReading();
		// The rebuild has read its documents; meanwhile one goes, one comes, one changes.
		pipelines.remove("stale-export");
		pipelines.put("new-export", "Exports the hourly zeppelin report.");
		pipelines.put("kept-export", "Exports the daily zeppelin report, now with lyrics.");
		Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> locations("zeppelin").equals(List.of("/workflows/kept-export", "/workflows/new-export"))
					|| locations("zeppelin").equals(List.of("/workflows/new-export", "/workflows/kept-export")));
		assertThat(indexer.rebuild(indexer.sources().get("test-pipelines"), false)).as("a second build waits for the first")
			.isFalse();
		assertThat(locations("payment-gateway")).as("search answers while a rebuild runs")
			.contains("/catalog/default/component/payment-gateway");

		pipelines.release();
		assertThat(rebuild.get()).isTrue();

		assertThat(locations("zeppelin")).containsExactlyInAnyOrder("/workflows/kept-export", "/workflows/new-export");
		assertThat(query("lyrics zeppelin", null).get("results").findValuesAsString("location")).contains("/workflows/kept-export");
		assertThat(jdbc.sql("SELECT count(*) FROM search_documents WHERE removed").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(DISTINCT generation) FROM search_documents WHERE type = 'test-pipelines'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRebuildOnRequestReplacesTheGenerationAndSearchStaysUp() {
		long before = jdbc.sql("SELECT live_generation FROM search_sources WHERE type = 'software-catalog'").query(Long.class).single();

		Response refused = post("/api/search/rebuild?type=software-catalog", null);
		assertThat(refused.status()).as("only admins rebuild on request").isEqualTo(403);
		assertThat(refused.json().get("error").get("name").asString()).isEqualTo("NotAllowedError");

		assertThat(indexer.requestRebuild(List.of("software-catalog"))).containsExactly("software-catalog");
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(locations("payment-gateway")).contains("/catalog/default/component/payment-gateway");
			assertThat(jdbc.sql("SELECT live_generation FROM search_sources WHERE type = 'software-catalog'")
				.query(Long.class)
				.single()).isGreaterThan(before);
		});
		assertThat(get("/api/search/status").json().findValuesAsString("type")).contains("software-catalog", "test-pipelines");
	}

	@Test
	void changesAreClaimedOnceAcrossInstances() {
		jdbc.sql("INSERT INTO search_changes (type, id) VALUES ('claim-test', 'a'), ('claim-test', 'b')").update();
		var tx = new org.springframework.transaction.support.TransactionTemplate(
				new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
		tx.executeWithoutResult(first -> {
			var mine = store.claimChanges(List.of("claim-test"), 1_000);
			// Another instance, on its own connection, skips what this one holds and finds nothing else.
			var theirs = CompletableFuture.supplyAsync(() -> tx.execute(second -> store.claimChanges(List.of("claim-test"), 1_000))).join();
			assertThat(mine.get("claim-test")).containsExactlyInAnyOrder("a", "b");
			assertThat(theirs).doesNotContainKey("claim-test");
			first.setRollbackOnly();
		});
		assertThat(jdbc.sql("SELECT count(*) FROM search_changes WHERE type = 'claim-test'").query(Long.class).single())
			.as("work rolled back is not lost")
			.isEqualTo(2);
		jdbc.sql("DELETE FROM search_changes WHERE type = 'claim-test'").update();
	}

	@Autowired
	javax.sql.DataSource dataSource;

}
