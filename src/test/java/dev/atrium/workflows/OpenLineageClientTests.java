package dev.atrium.workflows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.atrium.support.TestSignIn;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official OpenLineage Java client, HTTP transport pointed at the running application, sends an
 * Airflow-like DAG run; the events are read back through Marquez's API and the pages, over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false" })
class OpenLineageClientTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);

	@LocalServerPort
	int port;

	OpenLineageEmitter emitter;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void client() {
		emitter = new OpenLineageEmitter("http://localhost:" + port, TestSignIn.TOKEN);
	}

	@AfterEach
	void close() throws Exception {
		emitter.close();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode json(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	@Test
	void aDagRunSentByTheClientReadsBackThroughMarquezsApi() throws Exception {
		UUID dagRun = emitter.dagRun("client-airflow", "sales_daily", T0, List.of("extract", "transform", "load"), null,
				null, List.of("raw.orders"), List.of("mart.sales_daily"));

		JsonNode namespaces = json("/api/v1/namespaces");
		assertThat(namespaces.path("namespaces").findValuesAsString("name")).contains("client-airflow");

		JsonNode jobs = json("/api/v1/namespaces/client-airflow/jobs");
		assertThat(jobs.path("totalCount").asInt()).isEqualTo(4);
		assertThat(jobs.path("jobs").findValuesAsString("simpleName")).contains("sales_daily", "extract", "transform", "load");

		JsonNode job = json("/api/v1/namespaces/client-airflow/jobs/sales_daily");
		assertThat(job.path("id").path("name").asString()).isEqualTo("sales_daily");
		assertThat(job.path("type").asString()).isEqualTo("BATCH");
		assertThat(job.path("latestRun").path("id").asString()).isEqualTo(dagRun.toString());
		assertThat(job.path("latestRun").path("state").asString()).isEqualTo("COMPLETED");

		JsonNode load = json("/api/v1/namespaces/client-airflow/jobs/sales_daily.load");
		assertThat(load.path("parentJobName").asString()).isEqualTo("sales_daily");
		assertThat(load.path("outputs").get(0).path("name").asString()).isEqualTo("mart.sales_daily");

		JsonNode runs = json("/api/v1/namespaces/client-airflow/jobs/sales_daily/runs");
		assertThat(runs.path("runs")).hasSize(1);
		JsonNode run = runs.path("runs").get(0);
		assertThat(run.path("state").asString()).isEqualTo("COMPLETED");
		assertThat(run.path("startedAt").asString()).isEqualTo(T0.toString());
		assertThat(run.path("durationMs").asLong()).isEqualTo((30 + 40 + 50 + 1) * 1000L);

		JsonNode one = json("/api/v1/jobs/runs/" + dagRun);
		assertThat(one.path("id").asString()).isEqualTo(dagRun.toString());
		assertThat(get("/api/v1/jobs/runs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	@Test
	void eachPostIsAnsweredOnceCommittedAndAuditedWithItsStatus() throws Exception {
		UUID dagRun = emitter.dagRun("client-audit", "audited_dag", T0, List.of("only"), null, null, List.of(), List.of());
		// The client returned, so every event was acknowledged: and acknowledged means stored.
		assertThat(json("/api/v1/jobs/runs/" + dagRun).path("state").asString()).isEqualTo("COMPLETED");

		HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/audit/events?path=/api/v1/lineage&limit=1000")).header("Authorization", TestSignIn.bearer()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(audit.statusCode()).isEqualTo(200);
		List<String> lines = new java.util.ArrayList<>();
		JSON.readTree(audit.body()).path("items").forEach(e -> lines.add(e.path("method").asString() + " "
				+ e.path("path").asString() + " " + e.path("status").asInt() + " " + e.path("actor").path("type").asString()));
		assertThat(lines).isNotEmpty().allMatch(line -> line.equals("POST /api/v1/lineage 201 SERVICE"));
	}

	@Test
	void aFailureSentByTheClientShowsItsErrorAndLineageConnectsPipelines() throws Exception {
		emitter.dagRun("client-lineage", "orders_etl", T0, List.of("extract", "load"), "load",
				"KeyError: 'currency'", List.of("raw.orders"), List.of("mart.orders"));
		UUID report = UUID.randomUUID();
		emitter.emit(EventType.START, T0.plusSeconds(600), report, "client-lineage", "revenue_report", null, null, null,
				List.of("mart.orders"), List.of("reports.revenue"));
		emitter.emit(EventType.COMPLETE, T0.plusSeconds(660), report, "client-lineage", "revenue_report", null, null, null,
				List.of("mart.orders"), List.of("reports.revenue"));

		JsonNode lineage = json("/api/v1/lineage?nodeId=job:client-lineage:orders_etl.load&depth=2");
		List<String> ids = new java.util.ArrayList<>();
		lineage.path("graph").forEach(n -> ids.add(n.path("id").asString()));
		assertThat(ids).contains("job:client-lineage:orders_etl.load", "dataset:s3://lake:mart.orders",
				"job:client-lineage:revenue_report", "dataset:s3://lake:reports.revenue");
		JsonNode loadNode = null;
		for (JsonNode n : lineage.path("graph")) {
			if (n.path("id").asString().equals("job:client-lineage:orders_etl.load")) {
				loadNode = n;
			}
		}
		assertThat(loadNode).isNotNull();
		assertThat(loadNode.path("type").asString()).isEqualTo("JOB");
		assertThat(loadNode.path("data").path("latestRun").path("state").asString()).isEqualTo("FAILED");
		assertThat(loadNode.path("outEdges").get(0).path("destination").asString()).isEqualTo("dataset:s3://lake:mart.orders");

		HttpResponse<String> page = get("/workflows/pipelines/client-lineage/orders_etl");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("KeyError: &#39;currency&#39;").contains("job:client-lineage:revenue_report");
		HttpResponse<String> index = get("/workflows?namespace=client-lineage");
		assertThat(index.body()).contains("data-pipeline=\"client-lineage/orders_etl\" data-state=\"FAILED\"");

		assertThat(get("/api/v1/lineage?nodeId=job:client-lineage:nope").statusCode()).isEqualTo(404);
		assertThat(get("/api/v1/lineage?nodeId=bogus").statusCode()).isEqualTo(400);
	}

	@Test
	void gzippedEventsAndAPipelineNamedWithASlashWorkThroughTheServer() throws Exception {
		try (OpenLineageEmitter gzipped = new OpenLineageEmitter("http://localhost:" + port, TestSignIn.TOKEN, true)) {
			gzipped.dagRun("client-gzip", "team/nightly", T0, List.of("extract"), null, null, List.of(), List.of());
		}
		String index = get("/workflows?namespace=client-gzip").body();
		assertThat(index).contains("data-pipeline=\"client-gzip/team/nightly\" data-state=\"COMPLETED\"");
		String href = index.replaceAll("(?s).*data-pipeline=\"client-gzip/team/nightly\".*?href=\"([^\"]+)\".*", "$1");
		HttpResponse<String> page = get(href);
		assertThat(page.statusCode()).as(href).isEqualTo(200);
		assertThat(page.body()).contains("<code>client-gzip/team/nightly</code>");
		// Why the link is by id: the server refuses an encoded slash in a path.
		assertThat(get("/workflows/pipelines/client-gzip/team%2Fnightly").statusCode()).isEqualTo(400);
	}

}
