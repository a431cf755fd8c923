package dev.atrium.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marquez's read API as Marquez answers it: lineage nodes with Marquez's job and dataset data, every
 * job's inputs and outputs, node ids whose namespaces and names hold colons, datasets as start
 * nodes, 404 for unknown namespaces and 400 for bad paging.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.max-payload-size=64KB" })
@AutoConfigureMockMvc
class MarquezApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);

	private static final String SUFFIX = Long.toString(System.nanoTime(), 36);

	/** A job namespace as Airflow's provider may name it: a URI with a port. */
	private static final String NS = "airflow://scheduler-" + SUFFIX + ":8080";

	private static final String LAKE = "s3://lake-" + SUFFIX;

	@Autowired
	MockMvcTester mvc;

	/** The same events before every test: a repeated event changes nothing. */
	private static final UUID WRITER_RUN = UUID.randomUUID();

	private static final UUID READER_RUN = UUID.randomUUID();

	@BeforeEach
	void aWriterAndAFailingReaderWithAnotherInput() {
		UUID writerRun = WRITER_RUN;
		post(event("START", writerRun, NS, "orders_etl", T0)
			.facet("nominalTime", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"nominalStartTime\":\"" + T0 + "\"}")
			.reads("postgres://db:5432", "shop.orders").json());
		post(event("COMPLETE", writerRun, NS, "orders_etl", T0.plusSeconds(60)).writes(LAKE, "mart.orders:v2")
			.writes(LAKE, "mart.audit").json());
		post(event("FAIL", READER_RUN, NS, "revenue", T0.plusSeconds(300)).reads(LAKE, "mart.orders:v2")
			.reads(LAKE, "ref.currencies").error("boom").json());
	}

	private void post(String json) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(json))
			.hasStatus(201);
	}

	private JsonNode json(String uri, Object... vars) throws Exception {
		var result = mvc.get().uri(uri, vars).exchange();
		assertThat(result).as(uri).hasStatusOk();
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	private static JsonNode node(JsonNode lineage, String id) {
		for (JsonNode n : lineage.path("graph")) {
			if (n.path("id").asString().equals(id)) {
				return n;
			}
		}
		throw new AssertionError("no node " + id + " in " + ids(lineage));
	}

	private static List<String> ids(JsonNode lineage) {
		List<String> ids = new ArrayList<>();
		lineage.path("graph").forEach(n -> ids.add(n.path("id").asString()));
		return ids;
	}

	@Test
	void lineageNodesCarryMarquezsJobAndDatasetData() throws Exception {
		JsonNode lineage = json("/api/v1/lineage?nodeId={id}&depth=1", "job:" + NS + ":orders_etl");

		JsonNode job = node(lineage, "job:" + NS + ":orders_etl").path("data");
		assertThat(job.path("simpleName").asString()).isEqualTo("orders_etl");
		assertThat(job.has("parentJobName")).isTrue();
		assertThat(job.path("createdAt").asString()).isEqualTo(T0.toString());
		JsonNode run = job.path("latestRun");
		assertThat(run.path("id").asString()).isEqualTo(WRITER_RUN.toString());
		assertThat(run.path("state").asString()).isEqualTo("COMPLETED");
		assertThat(run.path("nominalStartTime").asString()).isEqualTo(T0.toString());
		assertThat(run.path("updatedAt").asString()).isEqualTo(T0.plusSeconds(60).toString());
		assertThat(run.path("createdAt").isNull()).isFalse();
		assertThat(run.path("facets").has("nominalTime")).isTrue();

		JsonNode dataset = node(lineage, "dataset:" + LAKE + ":mart.orders:v2").path("data");
		assertThat(dataset.path("id").path("name").asString()).isEqualTo("mart.orders:v2");
		assertThat(dataset.path("createdAt").asString()).isEqualTo(T0.plusSeconds(60).toString());
		assertThat(dataset.path("updatedAt").asString()).isEqualTo(T0.plusSeconds(300).toString());
		assertThat(dataset.path("lastModifiedAt").asString()).isEqualTo(T0.plusSeconds(60).toString());
		assertThat(node(lineage, "dataset:postgres://db:5432:shop.orders").path("data").path("lastModifiedAt").isNull())
			.as("never written").isTrue();
	}

	@Test
	void everyJobReachedBringsAllItsInputsAndOutputsWithEdgesBothWays() throws Exception {
		JsonNode lineage = json("/api/v1/lineage?nodeId={id}&depth=1", "job:" + NS + ":orders_etl");
		String orders = "dataset:" + LAKE + ":mart.orders:v2";
		String reader = "job:" + NS + ":revenue";
		assertThat(ids(lineage)).contains(reader, "dataset:" + LAKE + ":ref.currencies", "dataset:" + LAKE + ":mart.audit");

		JsonNode dataset = node(lineage, orders);
		assertThat(dataset.path("inEdges").findValuesAsString("origin")).containsExactly("job:" + NS + ":orders_etl");
		assertThat(dataset.path("outEdges").findValuesAsString("destination")).containsExactly(reader);
		JsonNode revenue = node(lineage, reader);
		assertThat(revenue.path("inEdges").findValuesAsString("origin"))
			.containsExactlyInAnyOrder(orders, "dataset:" + LAKE + ":ref.currencies");
		assertThat(revenue.path("data").path("inputs").findValuesAsString("name")).contains("mart.orders:v2", "ref.currencies");
		assertThat(revenue.path("data").path("latestRun").path("state").asString()).isEqualTo("FAILED");
	}

	@Test
	void aDatasetNodeIdStartsTheGraphAtTheJobsAroundIt() throws Exception {
		JsonNode lineage = json("/api/v1/lineage?nodeId={id}&depth=1", "dataset:" + LAKE + ":mart.orders:v2");
		assertThat(ids(lineage)).contains("job:" + NS + ":orders_etl", "job:" + NS + ":revenue",
				"dataset:" + LAKE + ":mart.orders:v2");
	}

	@Test
	void unknownNamespacesAndNodesAre404AsInMarquez() {
		assertThat(mvc.get().uri("/api/v1/namespaces/nowhere-{s}/jobs", SUFFIX)).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/namespaces/nowhere-{s}", SUFFIX)).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/namespaces/nowhere-{s}/jobs/x/runs", SUFFIX)).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/lineage?nodeId={id}", "job:nowhere-" + SUFFIX + ":x")).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/lineage?nodeId={id}", "dataset:" + LAKE + ":nothing")).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/lineage?nodeId={id}", "run:" + UUID.randomUUID())).hasStatus(400);
	}

	@Test
	void aNamespaceIsReadAndItsJobsArePagedWithCheckedLimits() throws Exception {
		String ns = "paging-" + SUFFIX;
		for (int i = 0; i < 3; i++) {
			post(event("COMPLETE", UUID.randomUUID(), ns + "/job_" + i, T0).json());
		}
		assertThat(json("/api/v1/namespaces/{ns}", ns).path("name").asString()).isEqualTo(ns);
		JsonNode page = json("/api/v1/namespaces/{ns}/jobs?limit=2&offset=1", ns);
		assertThat(page.path("totalCount").asInt()).isEqualTo(3);
		assertThat(page.path("jobs").findValuesAsString("simpleName")).containsExactly("job_1", "job_2");
		for (String query : new String[] { "limit=0", "limit=1001", "offset=-1", "limit=many" }) {
			assertThat(mvc.get().uri("/api/v1/namespaces/{ns}/jobs?" + query, ns)).as(query).hasStatus(400)
				.bodyJson().extractingPath("$.error.name").isEqualTo("InputError");
		}
	}

}
