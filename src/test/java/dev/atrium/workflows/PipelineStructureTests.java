package dev.atrium.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.atrium.support.TestSignIn;
import dev.atrium.workflows.run.RunStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How events become pipelines: a task's retries, parent facets that name the job itself or a task,
 * names with slashes, and the datasets a pipeline reads and writes now rather than ever.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.max-payload-size=64KB" })
@AutoConfigureMockMvc
class PipelineStructureTests {

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.HOURS);

	private static final String NS = "structure-" + Long.toString(System.nanoTime(), 36);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RunStore store;

	private void post(String json) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(json))
			.hasStatus(201);
	}

	private String get(String uri) throws Exception {
		var result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	@Test
	void aTaskThatSucceedsOnRetryLeavesItsDagRunCompleted() throws Exception {
		// Airflow gives each try of a task a run id of its own; both name the DAG run as parent.
		String dag = NS + "/retried";
		UUID dagRun = UUID.randomUUID();
		UUID firstTry = UUID.randomUUID();
		UUID secondTry = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		post(event("START", other, dag + ".extract", T0).parent(dagRun, dag).json());
		post(event("COMPLETE", other, dag + ".extract", T0.plusSeconds(10)).parent(dagRun, dag).json());
		post(event("START", firstTry, dag + ".load", T0.plusSeconds(11)).parent(dagRun, dag).json());
		post(event("FAIL", firstTry, dag + ".load", T0.plusSeconds(20)).parent(dagRun, dag).error("timeout").json());
		assertThat(store.run(dagRun).orElseThrow().state()).isEqualTo("FAILED");
		post(event("START", secondTry, dag + ".load", T0.plusSeconds(320)).parent(dagRun, dag).json());
		post(event("COMPLETE", secondTry, dag + ".load", T0.plusSeconds(330)).parent(dagRun, dag).json());

		assertThat(store.run(dagRun).orElseThrow().state()).isEqualTo("COMPLETED");
		assertThat(store.run(dagRun).orElseThrow().startedAt()).isEqualTo(T0);
		assertThat(store.run(dagRun).orElseThrow().endedAt()).isEqualTo(T0.plusSeconds(330));
		assertThat(get("/workflows?namespace=" + NS)).contains("data-pipeline=\"" + dag + "\" data-state=\"COMPLETED\"");
	}

	@Test
	void aParentFacetNamingTheJobItselfIsIgnored() throws Exception {
		String job = NS + "/self_parent";
		post(event("START", UUID.randomUUID(), job, T0).parent(UUID.randomUUID(), job).json());

		assertThat(store.job(NS, "self_parent").orElseThrow().parentId()).isNull();
		assertThat(get("/workflows?namespace=" + NS)).contains("data-pipeline=\"" + job + "\"");
	}

	@Test
	void jobsBelowATaskOrInACycleOfParentsAreListedAsPipelines() throws Exception {
		// An Airflow DAG, its task, and a Spark application the task started (its parent is the task).
		String ns = NS + "-nested";
		UUID dagRun = UUID.randomUUID();
		UUID taskRun = UUID.randomUUID();
		post(event("COMPLETE", taskRun, ns + "/dag.submit", T0).parent(dagRun, ns + "/dag").json());
		post(event("COMPLETE", UUID.randomUUID(), ns + "/spark_app", T0).parent(taskRun, ns + "/dag.submit").json());
		// Two jobs naming each other as parent.
		post(event("COMPLETE", UUID.randomUUID(), ns + "/ping", T0).parent(UUID.randomUUID(), ns + "/pong").json());
		post(event("COMPLETE", UUID.randomUUID(), ns + "/pong", T0).parent(UUID.randomUUID(), ns + "/ping").json());

		String index = get("/workflows?namespace=" + ns);
		assertThat(index).contains("data-pipeline=\"" + ns + "/dag\"").contains("data-pipeline=\"" + ns + "/spark_app\"")
			.contains("data-pipeline=\"" + ns + "/ping\"").contains("data-pipeline=\"" + ns + "/pong\"")
			.doesNotContain("data-pipeline=\"" + ns + "/dag.submit\"");
		assertThat(get("/workflows/pipelines/" + ns + "/dag.submit")).contains(">spark_app<");
	}

	@Test
	void aPipelineNamedWithSlashesHasAPageReachableFromItsLinks() throws Exception {
		String ns = NS + "-slash";
		UUID dagRun = UUID.randomUUID();
		post(event("START", dagRun, ns + "/team/dag", T0).json());
		post(event("COMPLETE", UUID.randomUUID(), ns + "/team/dag/task", T0).parent(dagRun, ns + "/team/dag").json());

		String index = get("/workflows?namespace=" + ns);
		String href = index.replaceAll("(?s).*data-pipeline=\"" + ns + "/team/dag\".*?href=\"([^\"]+)\".*", "$1");
		assertThat(href).startsWith("/workflows/").doesNotContain("%2F");
		String page = get(href);
		assertThat(page).contains("<code>" + ns + "/team/dag</code>");
		String task = page.replaceAll("(?s).*<a href=\"([^\"]+)\">team/dag/task</a>.*", "$1");
		assertThat(get(task)).contains("<code>" + ns + "/team/dag/task</code>");
		// A name typed in: redirected to its page.
		assertThat(mvc.get().uri("/workflows/pipeline?namespace={ns}&name={name}", ns, "team/dag")).hasStatus3xxRedirection()
			.hasRedirectedUrl(href);
	}

	@Test
	void aPipelineShowsTheDatasetsOfItsRecentRunsNotThoseItStoppedUsing() throws Exception {
		String job = NS + "/moved_source";
		post(event("COMPLETE", UUID.randomUUID(), job, T0.minus(30, ChronoUnit.DAYS)).reads("postgres://old", "legacy.orders")
			.writes("s3://lake", "orders").json());
		post(event("COMPLETE", UUID.randomUUID(), job, T0).reads("postgres://new", "shop.orders").writes("s3://lake", "orders").json());

		String page = get("/workflows/pipelines/" + job);
		assertThat(page).contains("shop.orders").doesNotContain("legacy.orders");
		var lineage = mvc.get().uri("/api/v1/lineage?nodeId=job:{ns}:moved_source", NS).exchange();
		assertThat(lineage).hasStatusOk();
		assertThat(lineage.getResponse().getContentAsString()).contains("dataset:postgres://new:shop.orders")
			.doesNotContain("legacy.orders");
	}

}
