package dev.atrium.scaffolder.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.platform.ConflictException;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Backstage's scaffolder API over real HTTP, with the hello test template from the catalog. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "atrium.catalog.demo=false")
class ScaffolderApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Ingestion ingestion;

	@BeforeEach
	void templateIsInTheCatalog() {
		try {
			ingestion.registerInternal("classpath", "scaffolder/test-templates/hello/template.yaml", "test");
		}
		catch (ConflictException ex) {
			// registered by an earlier test of this context
		}
	}

	/** Reads as the test token, who creates the tasks here (others may not see them: see TaskAccessTests). */
	private HttpResponse<String> get(String path) throws Exception {
		return http.send(TestSignIn.withToken(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, Object body) throws Exception {
		return http.send(TestSignIn.withToken(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {
		});
	}

	private String createTask() throws Exception {
		HttpResponse<String> created = post("/api/scaffolder/v2/tasks", Map.of("templateRef", "template:default/hello-service",
				"values", Map.of("name", "api-made", "owner", "group:default/team-a"), "secrets", Map.of("token", "very-secret-token")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json(created).get("id").toString();
	}

	@Test
	void createsATaskAndReadsItAsBackstageDoes() throws Exception {
		String id = createTask();

		await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/scaffolder/v2/tasks/" + id)).get("status"), "completed"::equals);
		HttpResponse<String> task = get("/api/scaffolder/v2/tasks/" + id);
		Map<String, Object> body = json(task);
		assertThat(body).containsKeys("id", "spec", "status", "createdAt", "lastHeartbeatAt", "createdBy");
		assertThat(task.body()).doesNotContain("very-secret-token");
		assertThat(((Map<?, ?>) ((Map<?, ?>) body.get("spec")).get("templateInfo")).get("entityRef")).isEqualTo("template:default/hello-service");

		HttpResponse<String> list = get("/api/scaffolder/v2/tasks?status=completed&limit=5");
		assertThat(json(list).get("tasks").toString()).contains(id);
		assertThat(json(list)).containsKey("totalTasks");

		HttpResponse<String> events = get("/api/scaffolder/v2/tasks/" + id + "/events");
		List<Map<String, Object>> parsed = JSON.readValue(events.body(), new TypeReference<>() {
		});
		assertThat(parsed).extracting(e -> e.get("type")).contains("log", "completion");
		assertThat(parsed.get(0)).containsKeys("id", "taskId", "body", "type", "createdAt");
	}

	@Test
	void streamsEventsUntilCompletion() throws Exception {
		String id = createTask();

		HttpResponse<String> stream = http.send(TestSignIn.withToken(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/scaffolder/v2/tasks/" + id + "/eventstream"))).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		assertThat(stream.body()).contains("event:log", "Beginning step Fetch skeleton", "event:completion")
			.doesNotContain("very-secret-token");
	}

	@Test
	void answersInvalidValuesWithTheirFields() throws Exception {
		HttpResponse<String> response = post("/api/scaffolder/v2/tasks",
				Map.of("templateRef", "template:default/hello-service", "values", Map.of("name", "Bad Name!")));

		assertThat(response.statusCode()).isEqualTo(400);
		Map<String, Object> body = json(response);
		assertThat(body.get("errors").toString()).contains("instance.name", "Must match the pattern", "instance.owner");
		assertThat(((Map<?, ?>) body.get("error")).get("name")).isEqualTo("InputError");
	}

	@Test
	void answersMissingThingsWithBackstageErrors() throws Exception {
		assertThat(get("/api/scaffolder/v2/tasks/not-a-uuid").statusCode()).isEqualTo(404);
		assertThat(get("/api/scaffolder/v2/tasks/00000000-0000-0000-0000-000000000000").body()).contains("NotFoundError");
		HttpResponse<String> noTemplate = post("/api/scaffolder/v2/tasks", Map.of("templateRef", "template:default/nope"));
		assertThat(noTemplate.statusCode()).isEqualTo(404);
		HttpResponse<String> malformed = http.send(TestSignIn.withToken(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/scaffolder/v2/tasks")))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("InputError");
	}

	@Test
	void cancelsOnlyWhatRuns() throws Exception {
		String id = createTask();
		await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/scaffolder/v2/tasks/" + id)).get("status"), "completed"::equals);

		HttpResponse<String> cancel = post("/api/scaffolder/v2/tasks/" + id + "/cancel", Map.of());

		assertThat(cancel.statusCode()).isEqualTo(409);
		assertThat(cancel.body()).contains("ConflictError");
	}

	@Test
	void refusesToRunTemplatesForNobody() throws Exception {
		HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/scaffolder/v2/tasks"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"templateRef\":\"template:default/hello-service\"}")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void listsActionsWithSchemas() throws Exception {
		String body = get("/api/scaffolder/v2/actions").body();

		assertThat(body).contains("\"id\":\"fetch:template\"", "\"id\":\"fetch:plain\"", "\"id\":\"fetch:template:file\"",
				"\"id\":\"fs:rename\"", "\"id\":\"fs:delete\"", "\"id\":\"debug:log\"", "\"id\":\"catalog:register\"",
				"\"id\":\"catalog:write\"", "\"id\":\"hello:greet\"", "\"schema\":{\"input\"");
	}

	@Test
	void servesTheParameterSchema() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/scaffolder/v2/templates/default/template/hello-service/parameter-schema").statusCode() == 200);
		Map<String, Object> body = json(get("/api/scaffolder/v2/templates/default/template/hello-service/parameter-schema"));

		assertThat(body.get("title")).isEqualTo("Hello service");
		List<?> steps = (List<?>) body.get("steps");
		assertThat(steps).hasSize(2);
		assertThat(((Map<?, ?>) steps.get(0)).get("title")).isEqualTo("About the service");
	}

	@Test
	void dryRunsAnInlineTemplateWithItsFiles() throws Exception {
		Map<String, Object> template = Map.of("apiVersion", "scaffolder.backstage.io/v1beta3", "kind", "Template",
				"metadata", Map.of("name", "inline", "annotations", Map.of("backstage.io/managed-by-location", "file:/etc/template.yaml")),
				"spec", Map.of("parameters", List.of(Map.of("properties", Map.of("name", Map.of("type", "string")))),
						"steps", List.of(Map.of("id", "fetch", "action", "fetch:template", "input",
								Map.of("url", "./skeleton", "values", Map.of("name", "${{ parameters.name }}"))),
								Map.of("id", "register", "action", "catalog:register", "input", Map.of("catalogInfoUrl", "https://example.com/c.yaml")))));
		String content = Base64.getEncoder().encodeToString("Hi ${{ values.name }}".getBytes(StandardCharsets.UTF_8));

		HttpResponse<String> response = post("/api/scaffolder/v2/dry-run", Map.of("template", template, "values", Map.of("name", "dry"),
				"directoryContents", List.of(Map.of("path", "skeleton/${{ values.name }}.txt", "base64Content", content))));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> body = json(response);
		List<?> files = (List<?>) body.get("directoryContents");
		assertThat(files).hasSize(1);
		Map<?, ?> file = (Map<?, ?>) files.get(0);
		assertThat(file.get("path")).isEqualTo("dry.txt");
		assertThat(new String(Base64.getDecoder().decode(file.get("base64Content").toString()))).isEqualTo("Hi dry");
		assertThat(body.get("log").toString()).contains("Would register https://example.com/c.yaml (dry run)");

		HttpResponse<String> traversal = post("/api/scaffolder/v2/dry-run", Map.of("template", template,
				"directoryContents", List.of(Map.of("path", "../../evil.txt", "base64Content", content))));
		assertThat(traversal.statusCode()).isEqualTo(400);
		assertThat(traversal.body()).contains("leaves the workspace");
	}


	@Test
	void keepsPasswordFieldsAndSecretsOutOfEveryTaskAnswer() throws Exception {
		String password = "pw-" + java.util.UUID.randomUUID();
		HttpResponse<String> created = post("/api/scaffolder/v2/tasks", Map.of("templateRef", "template:default/hello-service",
				"values", Map.of("name", "secretive", "owner", "group:default/team-a", "token", password),
				"secrets", Map.of("token", password + "-secret")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json(created).get("id").toString();
		await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/scaffolder/v2/tasks/" + id)).get("status"), "completed"::equals);

		String events = get("/api/scaffolder/v2/tasks/" + id + "/events").body();
		assertThat(events).as("the step logging the password field ran, masked").contains("The token is ***");
		String stream = http.send(TestSignIn.withToken(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/scaffolder/v2/tasks/" + id + "/eventstream"))).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		for (String answer : List.of(get("/api/scaffolder/v2/tasks/" + id).body(), get("/api/scaffolder/v2/tasks?limit=500").body(), events,
				stream)) {
			assertThat(answer).contains(id.substring(0, 8)).doesNotContain(password);
		}
	}
}
