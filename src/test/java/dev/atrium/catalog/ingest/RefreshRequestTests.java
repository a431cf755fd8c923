package dev.atrium.catalog.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.catalog.store.EntityWriter;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refreshes as users ask for them and as they run: asking only marks a location due (the refresh
 * runs in the background), an entity's refresh reads its own file again and no other, a location over
 * the file limit keeps what it could not read, and a refresh keeps its lease however long it runs.
 */
class RefreshRequestTests extends CatalogApplicationTest {

	@Autowired
	LocationReader reader;

	@Autowired
	EntityPipeline pipeline;

	@Autowired
	EntityWriter writer;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	CatalogProperties properties;

	private final ExecutorService background = Executors.newSingleThreadExecutor();

	private final List<Runnable> cleanups = new java.util.ArrayList<>();

	@AfterEach
	void stop() {
		background.shutdownNow();
		cleanups.forEach(Runnable::run);
	}

	@Test
	void askingForARefreshReturnsAtOnceWhileALongRefreshRuns() throws Exception {
		files.serve(path("slow.yaml"), component("slow-" + token, "team-a"));
		UUID slow = register("url", files.url(path("slow.yaml")));
		Path file = write("catalog-info.yaml", component("quick-" + token, "team-a"));
		UUID quick = registerFile(file);
		OffsetDateTime quickRefreshed = location(quick).lastRefreshAt();
		files.stall(path("slow.yaml"), component("slow-" + token, "team-b"), Duration.ofSeconds(6));
		int requests = files.requests(path("slow.yaml"));
		locations.requestRefresh(slow, true);
		Future<?> running = background.submit(ingestion::refreshDue);
		await().atMost(Duration.ofSeconds(10)).until(() -> files.requests(path("slow.yaml")) > requests);

		long started = System.nanoTime();
		Response entity = api("POST", "/api/catalog/refresh", "{\"entityRef\": \"component:default/quick-" + token + "\"}");
		var page = mvc.post().uri("/catalog/locations/" + quick + "/refresh").with(TestSignIn.token()).exchange();
		Response conflict = api("POST", "/api/catalog/locations?onConflict=refresh", locationBody("file", file.toString()));
		long ms = (System.nanoTime() - started) / 1_000_000;

		assertThat(entity.status()).isEqualTo(200);
		assertThat(page).hasStatus3xxRedirection().hasRedirectedUrl("/catalog/locations/" + quick);
		assertThat(page).flash().containsKey("notice");
		assertThat(conflict.status()).isEqualTo(201);
		assertThat(conflict.json().at("/exists").asBoolean()).isTrue();
		assertThat(ms).as("three requests while a 6 s refresh runs").isLessThan(3000);
		assertThat(running.isDone()).as("the long refresh is still running").isFalse();
		running.get(30, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> location(quick).lastRefreshAt() != null && location(quick).lastRefreshAt().isAfter(quickRefreshed));
	}

	@Test
	void anEntitysRefreshReadsItsOwnFileAgainAndNoOther() throws Exception {
		Path a = write("a.yaml", component("in-a-" + token, "team-a"));
		Path b = write("b.yaml", component("in-b-" + token, "team-a"));
		Path root = write("catalog-info.yaml", locationOf("./a.yaml", "./b.yaml"));
		for (Path p : List.of(a, b, root)) {
			// older than the file system's clock resolution: size and time say whether a file changed
			Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
		}
		UUID id = registerFile(root);
		OffsetDateTime aRead = readAt(id, "file:" + a);
		OffsetDateTime bRead = readAt(id, "file:" + b);

		Response response = api("POST", "/api/catalog/refresh", "{\"entityRef\": \"component:default/in-a-" + token + "\"}");
		ingestion.refreshDue();

		assertThat(response.status()).isEqualTo(200);
		assertThat(readAt(id, "file:" + a)).as("its file, read whole again").isAfter(aRead);
		assertThat(readAt(id, "file:" + b)).as("the location's other file, unchanged: not read again").isEqualTo(bRead);
	}

	@Test
	void aLocationOverTheFileLimitKeepsTheEntitiesOfTheFilesItDidNotRead() {
		for (String name : List.of("a", "b", "c", "d")) {
			write(name + ".yaml", component(name + "-" + token, "team-a"));
		}
		UUID id = registerFile(write("catalog-info.yaml", locationOf("./a.yaml", "./b.yaml", "./c.yaml", "./d.yaml")));
		assertThat(refsOf(id)).hasSize(6);

		onlyThisIsDue(id);
		limited(3, properties.refreshLease()).refreshDue();

		assertThat(refsOf(id)).hasSize(6)
			.contains("component:default/c-" + token, "component:default/d-" + token);
		assertThat(location(id).status()).isEqualTo("error");
		assertThat(location(id).message()).contains("more than 3 files");
	}

	@Test
	void aRefreshLongerThanItsLeaseKeepsTheLocationUntilItEnds() throws Exception {
		files.serve(path("long.yaml"), component("long-" + token, "team-a"));
		UUID id = register("url", files.url(path("long.yaml")));
		files.stall(path("long.yaml"), component("long-" + token, "team-b"), Duration.ofSeconds(5));
		int requests = files.requests(path("long.yaml"));
		onlyThisIsDue(id);
		locations.requestRefresh(id, true);
		Ingestion shortLeases = limited(properties.maxSourcesPerLocation(), Duration.ofSeconds(2));

		Future<?> running = background.submit(shortLeases::refreshDue);
		await().atMost(Duration.ofSeconds(10)).until(() -> files.requests(path("long.yaml")) > requests);
		Thread.sleep(3_500); // longer than the lease

		assertThat(locations.claim(id, "another-instance-" + token, Duration.ofMinutes(1))).as("held while it runs").isEmpty();
		running.get(30, TimeUnit.SECONDS);
		assertThat(locations.claim(id, "another-instance-" + token, Duration.ofMinutes(1))).as("released when it ends")
			.isPresent();
		locations.release(id, "another-instance-" + token);
	}

	/** Another ingestion, as a second instance with other limits would be. */
	private Ingestion limited(int maxSources, Duration lease) {
		CatalogProperties limits = new CatalogProperties(false, properties.fileRoots(), properties.readingAllow(),
				properties.refreshInterval(), properties.maxFileSize(), properties.readTimeout(), properties.maxDepth(), maxSources,
				properties.refreshWorkers(), lease);
		LocationRefresher refresher = new LocationRefresher(reader, pipeline, writer, locations, tx, events, limits);
		Ingestion ingestion = new Ingestion(locations, refresher, reader, pipeline, writer, tx, events, limits);
		cleanups.add(refresher::stop);
		cleanups.add(ingestion::stop);
		return ingestion;
	}

	/** Other tests' locations share the database: only this one may be refreshed with other limits. */
	private void onlyThisIsDue(UUID id) {
		jdbc.sql("UPDATE catalog_locations SET next_refresh_at = now() + interval '1 day' WHERE id <> ?").param(id).update();
		locations.requestRefresh(id, false);
	}

}
