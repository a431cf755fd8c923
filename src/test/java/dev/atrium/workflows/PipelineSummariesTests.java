package dev.atrium.workflows;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.atrium.support.TestSignIn;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Lineage;
import dev.atrium.workflows.run.RecentRuns;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the index reads instead of runs: each job row's latest runs, kept at ingestion whatever order
 * events arrive in; the index's reuse of what it read; DAG runs derived in bulk; and the lineage
 * walk, whose queries serve both directions at once.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.max-payload-size=64KB" })
@AutoConfigureMockMvc
class PipelineSummariesTests {

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.DAYS);

	/** Namespaces of this run of the tests: the test database may hold earlier runs' events. */
	private static final String NS = "summaries-" + Long.toString(System.nanoTime(), 36);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RunStore store;

	@Autowired
	Lineage lineage;

	@Autowired
	JdbcClient jdbc;

	private void post(String json) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(json))
			.hasStatus(201);
	}

	private String get(String uri) {
		var result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the row should say: the job's 20 latest runs as stored, newest first. */
	private RecentRuns expected(Job job) {
		List<RecentRuns.Point> points = new ArrayList<>();
		for (Run r : store.runs(job.id(), 20, 0)) {
			points.add(new RecentRuns.Point(r.state(), r.durationMs(), r.endedAt() != null));
		}
		return new RecentRuns(points);
	}

	@Test
	void theJobRowKeepsItsLatestRunsWhateverOrderEventsArriveIn() {
		String job = NS + "/shuffled";
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 26; i++) {
			UUID run = UUID.randomUUID();
			Instant start = T0.plus(i, ChronoUnit.HOURS);
			if (i == 7) {
				events.add(event("COMPLETE", run, job, start.plusSeconds(30)).json()); // never started
				continue;
			}
			events.add(event("START", run, job, start).json());
			if (i == 25) {
				continue; // still running
			}
			events.add(i % 6 == 0 ? event("FAIL", run, job, start.plusSeconds(100 + i)).error("boom").json()
					: event("COMPLETE", run, job, start.plusSeconds(60 + i * 7)).json());
		}
		Collections.shuffle(events, new Random(11));
		for (int i = 0; i < events.size(); i += 5) {
			List<String> chunk = events.subList(i, Math.min(i + 5, events.size()));
			post(chunk.size() == 1 ? chunk.get(0) : "[" + String.join(",", chunk) + "]");
		}

		Job stored = store.job(NS, "shuffled").orElseThrow();
		assertThat(stored.recent().size()).isEqualTo(20);
		assertThat(stored.recent()).isEqualTo(expected(stored));
		assertThat(stored.recent().points().get(0)).isEqualTo(new RecentRuns.Point("RUNNING", null, false));
		// Runs 6 to 24 ended (run 7 without a start); 6, 12, 18 and 24 failed: 15 of 19 completed.
		assertThat(stored.recent().successRate()).isEqualTo(79);
		String index = get("/workflows?namespace=" + NS);
		assertThat(index).contains("data-pipeline=\"" + NS + "/shuffled\"").contains("79 %")
			.contains("aria-label=\"Duration trend of the last 20 runs\"");
	}

	@Test
	void dagRunsOfManyTasksInOneBatchAreDerivedEachFromItsOwn() {
		String dag = NS + "/wide_dag";
		List<String> events = new ArrayList<>();
		List<UUID> dagRuns = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			UUID dagRun = UUID.randomUUID();
			dagRuns.add(dagRun);
			Instant start = T0.plus(i, ChronoUnit.MINUTES);
			UUID task = UUID.randomUUID();
			events.add(event("START", task, dag + ".extract", start).parent(dagRun, dag).json());
			events.add(event(i % 4 == 0 ? "FAIL" : "COMPLETE", task, dag + ".extract", start.plusSeconds(20)).parent(dagRun, dag).json());
		}
		post("[" + String.join(",", events) + "]");

		for (int i = 0; i < dagRuns.size(); i++) {
			Run run = store.run(dagRuns.get(i)).orElseThrow();
			assertThat(run.derived()).isTrue();
			assertThat(run.state()).isEqualTo(i % 4 == 0 ? "FAILED" : "COMPLETED");
			assertThat(run.durationMs()).isEqualTo(20_000);
		}
		Job pipeline = store.job(NS, "wide_dag").orElseThrow();
		assertThat(pipeline.recent()).isEqualTo(expected(pipeline));
		assertThat(pipeline.recent().successRate()).isEqualTo(75);
	}

	@Test
	void theIndexSeesItsOwnWritesAtOnceAndOtherInstancesWithinTheCacheTime() {
		String ns = NS + "-cache";
		assertThat(get("/workflows?namespace=" + ns)).contains("No pipeline");
		post(event("START", UUID.randomUUID(), ns + "/first", T0).json());
		assertThat(get("/workflows?namespace=" + ns)).contains("data-pipeline=\"" + ns + "/first\"");

		// Another instance's writer: the row appears in the database only.
		jdbc.sql("INSERT INTO workflows_jobs (id, namespace, name, created_at, updated_at) VALUES (?, ?, 'second', now(), now())")
			.param(UUID.randomUUID())
			.param(ns)
			.update();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(get("/workflows?namespace=" + ns)).contains("data-pipeline=\"" + ns + "/second\""));
	}

	@Test
	void lineageLayersAreThoseOfWalkingDownstreamFirstThenUpstream() {
		// u -> d0 -> a -> d1 -> {b, x}; b -> d2 -> c; c -> d0 closes a cycle.
		String ns = NS + "-lin";
		String lake = "s3://" + ns;
		post(event("COMPLETE", UUID.randomUUID(), ns + "/u", T0).writes(lake, "d0").json());
		post(event("COMPLETE", UUID.randomUUID(), ns + "/a", T0).reads(lake, "d0").writes(lake, "d1").json());
		post(event("COMPLETE", UUID.randomUUID(), ns + "/b", T0).reads(lake, "d1").writes(lake, "d2").json());
		post(event("COMPLETE", UUID.randomUUID(), ns + "/x", T0).reads(lake, "d1").json());
		post(event("FAIL", UUID.randomUUID(), ns + "/c", T0).reads(lake, "d2").writes(lake, "d0").json());
		java.util.function.UnaryOperator<String> job = name -> Lineage.jobNode(ns, name);
		java.util.function.UnaryOperator<String> ds = name -> Lineage.datasetNode(lake, name);

		Lineage.Graph graph = lineage.around(store.job(ns, "a").orElseThrow(), 2, false);
		Map<String, Integer> layers = graph.nodes().values().stream()
			.collect(Collectors.toMap(Lineage.Node::id, Lineage.Node::layer));
		assertThat(layers).containsExactlyInAnyOrderEntriesOf(Map.of(job.apply("a"), 0, ds.apply("d1"), 1, job.apply("b"), 2,
				job.apply("x"), 2, ds.apply("d2"), 3, job.apply("c"), 4, ds.apply("d0"), -1, job.apply("u"), -2));
		assertThat(graph.nodes().get(job.apply("c")).out()).containsExactly(ds.apply("d0"));
		assertThat(graph.nodes().get(job.apply("c")).in()).containsExactly(ds.apply("d2"));
		assertThat(graph.nodes().get(ds.apply("d0")).out()).containsExactly(job.apply("a"));
		assertThat(graph.nodes().get(ds.apply("d0")).in()).containsExactlyInAnyOrder(job.apply("u"), job.apply("c"));
		assertThat(graph.nodes().get(job.apply("c")).failed()).isTrue();

		Lineage.Graph shallow = lineage.around(store.job(ns, "a").orElseThrow(), 1, false);
		assertThat(shallow.nodes().keySet()).containsExactlyInAnyOrder(job.apply("a"), ds.apply("d1"), job.apply("b"),
				job.apply("x"), ds.apply("d0"), job.apply("u"), job.apply("c"));
		assertThat(shallow.nodes().get(job.apply("c")).layer()).isEqualTo(-2);
	}

}
