package dev.atrium.workflows;

import java.time.Instant;
import java.util.UUID;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.atrium.support.TestSignIn;
import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchDocumentsChanged;
import dev.atrium.platform.SearchSource;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/lineage} as schedulers use it: events in any order, repeated, in batches,
 * malformed or too large, and Airflow's DAG runs with their task runs.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.max-payload-size=64KB" })
@AutoConfigureMockMvc
@Import(LineageIngestionTests.SearchEvents.class)
class LineageIngestionTests {

	/** Records what search would hear. */
	@TestConfiguration
	static class SearchEvents {

		final List<SearchDocumentsChanged> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(SearchDocumentsChanged event) {
			received.add(event);
		}

	}

	@Autowired
	SearchEvents searchEvents;

	@Autowired
	List<SearchSource> searchSources;

	private static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RunStore store;

	private void post(String json) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(json)).hasStatus(201);
	}

	private Run run(UUID id) {
		return store.run(id).orElseThrow();
	}

	@Test
	void startThenCompleteIsACompletedRunWithItsDuration() {
		UUID id = UUID.randomUUID();
		post(event("START", id, "ingest/start_complete", T0).json());
		assertThat(run(id).state()).isEqualTo("RUNNING");
		post(event("COMPLETE", id, "ingest/start_complete", T0.plusSeconds(90)).json());

		Run run = run(id);
		assertThat(run.state()).isEqualTo("COMPLETED");
		assertThat(run.startedAt()).isEqualTo(T0);
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(90));
		assertThat(run.durationMs()).isEqualTo(90_000);
		Job job = store.job("ingest", "start_complete").orElseThrow();
		assertThat(job.latestRunId()).isEqualTo(id);
		assertThat(job.latestState()).isEqualTo("COMPLETED");
		assertThat(job.lastCompletedAt()).isEqualTo(T0.plusSeconds(90));
	}

	@Test
	void completeBeforeStartStillYieldsACompleteRunWithBothTimes() {
		UUID id = UUID.randomUUID();
		post(event("COMPLETE", id, "ingest/out_of_order", T0.plusSeconds(60)).json());
		assertThat(run(id).state()).isEqualTo("COMPLETED");
		post(event("START", id, "ingest/out_of_order", T0).json());

		Run run = run(id);
		assertThat(run.state()).isEqualTo("COMPLETED");
		assertThat(run.startedAt()).isEqualTo(T0);
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(60));
	}

	@Test
	void aLateRunningEventDoesNotReopenAFinishedRun() {
		UUID id = UUID.randomUUID();
		post(event("START", id, "ingest/late_running", T0).json());
		post(event("FAIL", id, "ingest/late_running", T0.plusSeconds(30)).error("boom").json());
		post(event("RUNNING", id, "ingest/late_running", T0.plusSeconds(10)).json());
		post(event("RUNNING", id, "ingest/late_running", T0.plusSeconds(40)).json());

		Run run = run(id);
		assertThat(run.state()).isEqualTo("FAILED");
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(30));
		assertThat(run.errorMessage()).isEqualTo("boom");
	}

	@Test
	void theSameEventTwiceChangesNothing() {
		UUID id = UUID.randomUUID();
		String start = event("START", id, "ingest/twice", T0).reads("postgres://db", "public.orders").json();
		String complete = event("COMPLETE", id, "ingest/twice", T0.plusSeconds(5))
			.writes("s3://lake", "daily_sales")
			.facet("processing_engine", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"version\":\"2.10\"}")
			.json();
		post(start);
		post(complete);
		Run once = run(id);
		Job jobOnce = store.job("ingest", "twice").orElseThrow();

		post(complete);
		post(start);
		assertThat(run(id)).isEqualTo(once);
		assertThat(store.job("ingest", "twice").orElseThrow()).isEqualTo(jobOnce);
		assertThat(store.edgesOfJobs(java.util.List.of(jobOnce.id()))).hasSize(2);
	}

	@Test
	void eventsOfOneRunInOneArrayCombineAsIfSentApart() {
		UUID id = UUID.randomUUID();
		post(Events.array(event("COMPLETE", id, "ingest/array", T0.plusSeconds(20)),
				event("RUNNING", id, "ingest/array", T0.plusSeconds(25)), event("START", id, "ingest/array", T0)));

		Run run = run(id);
		assertThat(run.state()).isEqualTo("COMPLETED");
		assertThat(run.startedAt()).isEqualTo(T0);
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(20));
	}

	@Test
	void facetsAreKeptAsJsonAndTheNewestWins() {
		UUID id = UUID.randomUUID();
		post(event("START", id, "ingest/facets", T0)
			.facet("nominalTime", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"nominalStartTime\":\"2026-11-30T02:00:00Z\"}")
			.facet("airflow", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"try\":1}")
			.json());
		post(event("OTHER", id, "ingest/facets", T0.plusSeconds(9))
			.facet("airflow", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"try\":2}")
			.json());
		post(event("RUNNING", id, "ingest/facets", T0.plusSeconds(3))
			.facet("airflow", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"try\":0}")
			.json());

		Run run = run(id);
		assertThat(run.facets()).contains("\"try\": 2").contains("nominalStartTime");
		assertThat(run.nominalStart()).isEqualTo(T0);
	}

	@Test
	void theParentRunFacetMakesADagRunOfItsTaskRuns() {
		UUID dagRun = UUID.randomUUID();
		UUID extract = UUID.randomUUID();
		UUID load = UUID.randomUUID();
		String dag = "airflow/orders_daily";
		post(event("START", extract, "airflow/orders_daily.extract", T0).parent(dagRun, dag).json());
		post(event("COMPLETE", extract, "airflow/orders_daily.extract", T0.plusSeconds(60)).parent(dagRun, dag).json());
		post(event("START", load, "airflow/orders_daily.load", T0.plusSeconds(61)).parent(dagRun, dag).json());

		Job pipeline = store.job("airflow", "orders_daily").orElseThrow();
		assertThat(pipeline.parentId()).isNull();
		assertThat(store.children(pipeline.id())).extracting(Job::name)
			.containsExactly("orders_daily.extract", "orders_daily.load");
		assertThat(run(dagRun).state()).as("derived from its tasks").isEqualTo("RUNNING");
		assertThat(run(dagRun).startedAt()).isEqualTo(T0);

		post(event("FAIL", load, "airflow/orders_daily.load", T0.plusSeconds(100)).parent(dagRun, dag).error("no space").json());
		assertThat(run(dagRun).state()).isEqualTo("FAILED");
		assertThat(store.job("airflow", "orders_daily").orElseThrow().latestState()).isEqualTo("FAILED");
		assertThat(store.childRuns(java.util.List.of(dagRun))).extracting(Run::id).containsExactly(extract, load);

		post(event("COMPLETE", dagRun, dag, T0.plusSeconds(120)).json());
		assertThat(run(dagRun).state()).as("the DAG run's own event decides").isEqualTo("COMPLETED");
		assertThat(run(dagRun).derived()).isFalse();
	}

	@Test
	void malformedEventsAreRefusedWithWhatIsWrongAndNothingIsStored() {
		UUID good = UUID.randomUUID();
		String bad = event("START", UUID.randomUUID(), "ingest/malformed", T0).json().replaceFirst("\"runId\":\"[^\"]+\"",
				"\"runId\":\"not-a-uuid\"");
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON)
			.content("[" + event("START", good, "ingest/malformed", T0).json() + "," + bad + "]")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.error.message")
			.isEqualTo("events[1].run.runId: \"not-a-uuid\" is not a UUID");
		assertThat(store.run(good)).as("no partial write").isEmpty();
		assertThat(store.job("ingest", "malformed")).isEmpty();

		assertError("{\"eventType\":\"START\"", "The body is not valid JSON");
		assertError(event("FINISH", good, "ingest/malformed", T0).json(),
				"event.eventType: \"FINISH\" is not one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER");
		assertError(event("START", good, "ingest/malformed", T0).json().replace("\"namespace\":\"ingest\",", ""),
				"event.job.namespace: is required");
		assertError(event("START", good, "ingest/malformed", T0).json().replace(T0.toString(), "yesterday"),
				"event.eventTime: \"yesterday\" is not a date-time");
		assertError(event("START", good, "ingest/malformed", T0).json().replace("\"producer\":\"" + Events.PRODUCER + "\",", ""),
				"event.producer: is required");
		assertError(event("START", good, "ingest/malformed", T0).json().replace("\"inputs\":[]", "\"inputs\":{}"),
				"event.inputs: must be an array");
		assertError("[]", "The array holds no events");
		assertThat(store.run(good)).isEmpty();
	}

	private void assertError(String body, String message) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.error.message")
			.asString()
			.startsWith(message);
	}

	@Test
	void eventsWithoutAnApiTokenAreRefused() {
		UUID id = UUID.randomUUID();
		assertThat(mvc.post().uri("/api/v1/lineage").contentType(MediaType.APPLICATION_JSON)
			.content(event("START", id, "ingest/no_token", T0).json())).hasStatus(401);
		assertThat(mvc.post().uri("/api/v1/lineage").header("Authorization", "Bearer wrong").contentType(MediaType.APPLICATION_JSON)
			.content(event("START", id, "ingest/no_token", T0).json())).hasStatus(401);
		assertThat(store.run(id)).isEmpty();
	}

	@Test
	void aPayloadOverTheLimitIsRefusedWith413() {
		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i < 200; i++) {
			many.append(i == 0 ? "" : ",").append(event("START", UUID.randomUUID(), "ingest/too_large", T0).json());
		}
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(many + "]"))
			.hasStatus(413)
			.bodyJson()
			.extractingPath("$.error.name")
			.isEqualTo("PayloadTooLargeError");
		assertThat(store.job("ingest", "too_large")).isEmpty();
	}

	@Test
	void searchHearsOfChangedPipelinesOnceCommittedAndReadsTheirDocuments() {
		UUID task = UUID.randomUUID();
		post(event("START", task, "search/nightly_export.copy", T0).parent(UUID.randomUUID(), "search/nightly_export").json());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(searchEvents.received)
			.anySatisfy(e -> {
				assertThat(e.type()).isEqualTo("pipelines");
				assertThat(e.ids()).contains("search/nightly_export").doesNotContain("search/nightly_export.copy");
			}));
		SearchSource pipelines = searchSources.stream().filter(s -> s.type().equals("pipelines")).findFirst().orElseThrow();
		List<SearchDocument> docs = pipelines.documents(List.of("search/nightly_export", "search/missing"));
		assertThat(docs).singleElement().satisfies(d -> {
			assertThat(d.title()).isEqualTo("nightly_export");
			assertThat(d.location()).isEqualTo("/workflows/pipelines/search/nightly_export");
			assertThat(d.facets().get("state")).containsExactly("running");
		});
		List<SearchDocument> all = new java.util.ArrayList<>();
		pipelines.documents(all::add);
		assertThat(all).extracting(SearchDocument::id).contains("search/nightly_export");
	}

}
