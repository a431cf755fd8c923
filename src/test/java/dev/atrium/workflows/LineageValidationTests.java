package dev.atrium.workflows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import dev.atrium.support.TestSignIn;
import dev.atrium.workflows.run.RunStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code POST /api/v1/lineage} refuses, and how: text PostgreSQL cannot store, times outside a
 * sane window, names too long for the database's indexes, bodies that are not JSON or are compressed
 * beyond the limit, and the spec's other event types. Always a 4xx saying what is wrong, never a 500,
 * and nothing of the request stored.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.max-payload-size=64KB" })
@AutoConfigureMockMvc
class LineageValidationTests {

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RunStore store;

	private MvcTestResult post(String json) {
		return mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON)
			.content(json).exchange();
	}

	private void refused(String json, String message) {
		assertThat(post(json)).hasStatus(400).bodyJson().extractingPath("$.error.message").asString().startsWith(message);
	}

	@Test
	void textPostgresqlCannotStoreIsRefusedNamingTheField() {
		UUID run = UUID.randomUUID();
		String job = "valid/nul_text";
		refused(event("START", run, job, T0)
			.facet("sql", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"query\":\"SELECT 1\\u0000\"}").json(),
				"event.run.facets.sql.query: contains a NUL character");
		refused(event("START", run, job, T0).reads("s3://lake", "orders\\ud800").json(),
				"event.inputs[0].name: contains an unpaired surrogate");
		refused(event("START", run, job, T0).facet("x\\u0000y", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\"}").json(),
				"event.run.facets: a field name contains a NUL character");
		refused(event("START", run, job, T0).error("bad \\udc00 tail").json(),
				"event.run.facets.errorMessage.message: contains an unpaired surrogate");
		assertThat(store.run(run)).as("no partial write").isEmpty();

		// A surrogate pair is a valid character (an emoji), escaped or not.
		assertThat(post(event("START", run, job, T0).reads("s3://lake", "emoji_\\ud83d\\ude00_😀").json())).hasStatus(201);
		assertThat(store.run(run)).isPresent();
	}

	@Test
	void timesOutsideASaneWindowAreRefused() {
		String job = "valid/times";
		String base = event("START", UUID.randomUUID(), job, T0).json();
		for (String time : new String[] { "0000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "+10000-01-01T00:00:00Z",
				"9999-12-31T00:00:00Z", "1899-12-31T23:59:59Z", Instant.now().plus(2, ChronoUnit.DAYS).toString() }) {
			refused(base.replace(T0.toString(), time), "event.eventTime: \"" + time + "\" is ");
		}
		refused(event("START", UUID.randomUUID(), job, T0)
			.facet("nominalTime", "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",\"nominalStartTime\":\"+10000-01-01T00:00:00Z\"}")
			.json(), "event.run.facets.nominalTime.nominalStartTime: \"+10000-01-01T00:00:00Z\" is ");
		refused(base.replace(T0.toString(), "2026-11-30T02:00:00"), "event.eventTime: \"2026-11-30T02:00:00\" is not a date-time with a time zone");
		assertThat(store.job("valid", "times")).isEmpty();
	}

	@Test
	void namesAreLimitedInBytesAsTheDatabaseIndexesThem() {
		Random random = new Random(7);
		StringBuilder cjk = new StringBuilder();
		for (int i = 0; i < 1000; i++) {
			cjk.append((char) (0x4E00 + random.nextInt(0x5000)));
		}
		String wide = cjk.toString();
		refused(event("START", UUID.randomUUID(), wide + "/" + wide, T0).json(),
				"event.job.namespace: is 3000 bytes long in UTF-8; at most 1000");
		refused(event("START", UUID.randomUUID(), "valid/names", T0).writes("s3://lake", wide).json(),
				"event.outputs[0].name: is 3000 bytes long in UTF-8; at most 1000");
		assertThat(post(event("START", UUID.randomUUID(), "valid/" + wide.substring(0, 333), T0).json())).hasStatus(201);
	}

	@Test
	void aContentTypeThatIsNotJsonIsRefusedWith415() {
		String body = event("START", UUID.randomUUID(), "valid/content_type", T0).json();
		for (String type : new String[] { "foo", "text/plain", "application/", ";;" }) {
			assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).header("Content-Type", type).content(body))
				.hasStatus(415)
				.bodyJson()
				.extractingPath("$.error.message")
				.asString()
				.contains("application/json");
		}
		assertThat(store.job("valid", "content_type")).isEmpty();
	}

	@Test
	void gzipBodiesAreReadAndTheLimitAppliesToWhatTheyInflateTo() throws IOException {
		UUID run = UUID.randomUUID();
		byte[] body = gzip(event("START", run, "valid/gzip", T0).json().getBytes());
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "gzip").content(body)).hasStatus(201);
		assertThat(store.run(run)).isPresent();

		StringBuilder padded = new StringBuilder("[" + event("START", UUID.randomUUID(), "valid/gzip_bomb", T0).json());
		padded.append(" ".repeat(10 * 1024 * 1024)).append(']');
		byte[] bomb = gzip(padded.toString().getBytes());
		assertThat(bomb.length).isLessThan(64 * 1024);
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "gzip").content(bomb)).hasStatus(413)
			.bodyJson().extractingPath("$.error.message").asString().contains("decompressed");
		assertThat(store.job("valid", "gzip_bomb")).isEmpty();

		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "gzip").content("not gzip")).hasStatus(400)
			.bodyJson().extractingPath("$.error.message").asString().contains("gzip");
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "br").content(body)).hasStatus(415)
			.bodyJson().extractingPath("$.error.message").asString().contains("gzip");
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		return out.toByteArray();
	}

	@Test
	void anAbortEndsTheRunAsAborted() {
		UUID run = UUID.randomUUID();
		assertThat(post(event("START", run, "valid/aborted", T0).json())).hasStatus(201);
		assertThat(post(event("ABORT", run, "valid/aborted", T0.plusSeconds(30)).json())).hasStatus(201);
		assertThat(store.run(run).orElseThrow().state()).isEqualTo("ABORTED");
		assertThat(store.job("valid", "aborted").orElseThrow().latestState()).isEqualTo("ABORTED");
	}

	@Test
	void theSchemaUrlAndTheFacetsAtriumReadsAreChecked() {
		UUID run = UUID.randomUUID();
		String good = event("START", run, "valid/facets", T0).json();
		refused(good.replace("\"schemaURL\":\"" + Events.SCHEMA + "\",", ""), "event.schemaURL: is required");
		refused(good.replace(Events.SCHEMA, "not a uri"), "event.schemaURL: \"not a uri\" is not a URI");
		refused(good.replace(Events.SCHEMA, "OpenLineage.json"), "event.schemaURL: \"OpenLineage.json\" is not an absolute URI");
		String parent = "{\"_producer\":\"x:y\",\"_schemaURL\":\"x:y\",";
		refused(event("START", run, "valid/facets", T0).facet("parent", parent + "\"job\":{\"namespace\":\"a\",\"name\":\"b\"}}").json(),
				"event.run.facets.parent.run: is required");
		refused(event("START", run, "valid/facets", T0)
			.facet("parent", parent + "\"run\":{\"runId\":\"nope\"},\"job\":{\"namespace\":\"a\",\"name\":\"b\"}}").json(),
				"event.run.facets.parent.run.runId: \"nope\" is not a UUID");
		refused(event("START", run, "valid/facets", T0)
			.facet("parent", parent + "\"run\":{\"runId\":\"" + UUID.randomUUID() + "\"},\"job\":{\"namespace\":\"a\"}}").json(),
				"event.run.facets.parent.job.name: is required");
		refused(event("START", run, "valid/facets", T0).facet("nominalTime", parent + "\"nominalEndTime\":\"" + T0 + "\"}").json(),
				"event.run.facets.nominalTime.nominalStartTime: is required");
		refused(event("START", run, "valid/facets", T0).facet("nominalTime", parent + "\"nominalStartTime\":\"soon\"}").json(),
				"event.run.facets.nominalTime.nominalStartTime: \"soon\" is not a date-time");
		refused(event("START", run, "valid/facets", T0).facet("nominalTime", "[]").json(),
				"event.run.facets.nominalTime: must be an object");
		assertThat(store.run(run)).isEmpty();
	}

	@Test
	void datasetAndJobEventsAreRefusedSayingWhatAtriumRecords() {
		String common = "\"eventTime\":\"" + T0 + "\",\"producer\":\"" + Events.PRODUCER + "\",";
		refused("{" + common + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\","
				+ "\"dataset\":{\"namespace\":\"s3://lake\",\"name\":\"orders\",\"facets\":{}}}",
				"event: is an OpenLineage DatasetEvent; Atrium records RunEvents");
		refused("{" + common + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent\","
				+ "\"job\":{\"namespace\":\"valid\",\"name\":\"job_event\",\"facets\":{}},\"inputs\":[],\"outputs\":[]}",
				"event: is an OpenLineage JobEvent; Atrium records RunEvents");
		assertThat(store.job("valid", "job_event")).isEmpty();
	}

}
