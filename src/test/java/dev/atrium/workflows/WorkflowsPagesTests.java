package dev.atrium.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages as a data engineer reads them: the index with failing pipelines first and filters in
 * the URL, a pipeline's grid, latest failure, datasets and lineage, and a run's task runs.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.max-payload-size=64KB" })
@AutoConfigureMockMvc
class WorkflowsPagesTests {

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.HOURS);

	@Autowired
	MockMvcTester mvc;

	UUID dagRun;

	UUID failedTask;

	@BeforeEach
	void aDagWhoseLoadFailedAndADownstreamReport() {
		dagRun = UUID.randomUUID();
		failedTask = UUID.randomUUID();
		UUID extract = UUID.randomUUID();
		String dag = "pages/orders_daily";
		post(event("START", dagRun, dag, T0).json());
		post(event("START", extract, "pages/orders_daily.extract", T0).parent(dagRun, dag).reads("postgres://db", "shop.orders").json());
		post(event("COMPLETE", extract, "pages/orders_daily.extract", T0.plusSeconds(40)).parent(dagRun, dag).json());
		post(event("START", failedTask, "pages/orders_daily.load", T0.plusSeconds(41)).parent(dagRun, dag).json());
		post(event("FAIL", failedTask, "pages/orders_daily.load", T0.plusSeconds(70)).parent(dagRun, dag)
			.writes("s3://lake", "orders_daily")
			.error("psycopg2.errors.DiskFull: could not extend file").json());
		post(event("FAIL", dagRun, dag, T0.plusSeconds(71)).json());
		UUID report = UUID.randomUUID();
		post(event("START", report, "pages/revenue_report", T0.minusSeconds(3600)).reads("s3://lake", "orders_daily").json());
		post(event("COMPLETE", report, "pages/revenue_report", T0.minusSeconds(3500)).json());
	}

	private void post(String json) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(json)).hasStatus(201);
	}

	private String get(String uri) throws Exception {
		var result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	@Test
	void theIndexListsFailingPipelinesFirstWithTheirTrend() throws Exception {
		String html = get("/workflows?namespace=pages");
		assertThat(html).contains("data-pipeline=\"pages/orders_daily\" data-state=\"FAILED\"");
		assertThat(html.indexOf("pages/orders_daily")).isLessThan(html.indexOf("pages/revenue_report"));
		assertThat(html).contains("class=\"sparkline\"").contains("id=\"failing-count\"");
		assertThat(html).doesNotContain("orders_daily.extract\" data-state").as("tasks are not pipelines");
		assertThat(html).as("a list with pipelines shows no empty state").doesNotContain("class=\"empty-state\"");
	}

	@Test
	void filtersLiveInTheUrl() throws Exception {
		String failed = get("/workflows?namespace=pages&state=failed");
		assertThat(failed).contains("pages/orders_daily").doesNotContain("data-pipeline=\"pages/revenue_report\"");
		String text = get("/workflows?text=revenue");
		assertThat(text).contains("data-pipeline=\"pages/revenue_report\"").doesNotContain("data-pipeline=\"pages/orders_daily\"");
		assertThat(get("/workflows?text=nothing-like-this")).contains("No pipeline matches");
	}

	@Test
	void anHtmxRequestGetsOnlyTheResults() throws Exception {
		var result = mvc.get().uri("/workflows?text=revenue").header("HX-Request", "true").exchange();
		assertThat(result).hasStatusOk();
		String html = result.getResponse().getContentAsString();
		assertThat(html).contains("pages/revenue_report").doesNotContain("<html").doesNotContain("class=\"sidebar\"");
	}

	@Test
	void thePipelinePageShowsTheGridTheErrorDatasetsAndLineage() throws Exception {
		String html = get("/workflows/pipelines/pages/orders_daily");
		assertThat(html).contains("Latest failure").contains("psycopg2.errors.DiskFull: could not extend file");
		assertThat(html).contains("in task <code>load</code>");
		assertThat(html).contains("class=\"run-grid\"").contains("data-state=\"FAILED\"").contains(">extract<");
		assertThat(html).contains("shop.orders").contains("orders_daily");
		assertThat(html).contains("class=\"lineage\"").contains("data-node=\"job:pages:revenue_report\"");
		assertThat(html).contains("href=\"/workflows/pipelines/pages/revenue_report\"");
		assertThat(html).contains("lineage-job state-failed failed root");
		assertThat(html).as("a pipeline with runs shows no empty state").doesNotContain("No runs yet");
	}

	@Test
	void aPageReloadedRightAfterNewEventsShowsThem() throws Exception {
		String dag = "reload/nightly_export";
		UUID first = UUID.randomUUID();
		post(event("START", first, dag, T0).json());
		post(event("FAIL", UUID.randomUUID(), dag + ".upload", T0.plusSeconds(30)).parent(first, dag)
			.error("psycopg2.errors.DiskFull: no space left").json());
		post(event("FAIL", first, dag, T0.plusSeconds(31)).json());
		assertThat(get("/workflows/pipelines/reload/nightly_export")).contains("no space left");
		assertThat(get("/workflows?namespace=reload")).contains("data-pipeline=\"reload/nightly_export\" data-state=\"FAILED\"");
		// A new run that fails with another error, sent and looked at within the same second.
		UUID again = UUID.randomUUID();
		post(event("START", again, dag, T0.plusSeconds(600)).json());
		post(event("FAIL", UUID.randomUUID(), dag + ".upload", T0.plusSeconds(630)).parent(again, dag)
			.error("java.io.IOException: bucket exports is read-only").json());
		post(event("FAIL", again, dag, T0.plusSeconds(631)).json());
		assertThat(get("/workflows/pipelines/reload/nightly_export")).contains("bucket exports is read-only")
			.doesNotContain("no space left");
		assertThat(get("/workflows/pipelines/reload/nightly_export.upload")).contains("bucket exports is read-only");
		// Then it recovers: the index and the page show it completed.
		UUID fixed = UUID.randomUUID();
		post(event("START", fixed, dag, T0.plusSeconds(900)).json());
		post(event("COMPLETE", fixed, dag, T0.plusSeconds(960)).json());
		assertThat(get("/workflows?namespace=reload")).contains("data-pipeline=\"reload/nightly_export\" data-state=\"COMPLETED\"");
		assertThat(get("/workflows/pipelines/reload/nightly_export")).contains(fixed.toString());
	}

	@Test
	void aFailedNeighbourIsMarkedInTheLineageGraph() throws Exception {
		String html = get("/workflows/pipelines/pages/revenue_report");
		assertThat(html).contains("<g class=\"lineage-job state-failed failed\" data-node=\"job:pages:orders_daily\">")
			.contains(" failed</text>");
		assertThat(html).contains("<g class=\"lineage-job state-completed root\" data-node=\"job:pages:revenue_report\">");
	}

	@Test
	void theRunPageListsTaskRunsWithTimingsAndFacets() throws Exception {
		String html = get("/workflows/runs/" + dagRun);
		assertThat(html).contains("id=\"task-runs\"").contains(">extract<").contains(">load<");
		assertThat(html).contains("40 s").contains("29 s").contains("class=\"gantt\"");
		assertThat(html).contains("DiskFull");
		String task = get("/workflows/runs/" + failedTask);
		assertThat(task).contains("errorMessage").contains("the pipeline run");
	}

	@Test
	void unknownPipelinesAndRunsAre404() {
		assertThat(mvc.get().uri("/workflows/pipelines/pages/nope")).hasStatus(404);
		assertThat(mvc.get().uri("/workflows/runs/" + UUID.randomUUID())).hasStatus(404);
		assertThat(mvc.get().uri("/workflows/runs/not-a-uuid")).hasStatus(400);
	}

}
