package dev.atrium.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.LocationStore.Location;
import dev.atrium.platform.EntityProcessor;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Relation;
import dev.atrium.support.ClosedPort;
import dev.atrium.support.LoopbackServer;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application as the catalog's ingestion tests use it: one Spring context for all of them (same
 * properties, so Spring caches it), with a directory that file locations may read, an HTTP and an HTTPS
 * server on 127.0.0.1 that url locations may read ({@link #files}, {@link #secure}), and another one
 * they may not ({@link #forbidden}). The scheduler is quiet (poll interval of an hour): tests refresh locations
 * themselves, synchronously, so nothing races them (a refresh a user asks for runs in the background:
 * {@link #forceRefresh} waits for it).
 * <p>
 * Tests share the database: each one works in its own directory and URL path ({@link #dir},
 * {@link #path}) and names its entities with its own {@link #token}.
 */
@Import(CatalogApplicationTest.MisbehavingPlugin.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.poll-interval=1h",
				"atrium.catalog.refresh-interval=PT1H", "atrium.catalog.max-file-size=64KB" })
public abstract class CatalogApplicationTest {

	protected static final Path FILE_ROOT = createFileRoot();

	/** Serves catalog files; allowed by atrium.catalog.reading-allow. */
	protected static final LoopbackServer files = LoopbackServer.start();

	/** Serves catalog files over HTTPS; allowed too. */
	protected static final LoopbackServer secure = LoopbackServer.startHttps();

	/** Loopback too, but not allowed: nothing may ever reach it. */
	protected static final LoopbackServer forbidden = LoopbackServer.start();

	/** Allowed, but nothing listens there. */
	protected static final int CLOSED_PORT = ClosedPort.number();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void catalogProperties(DynamicPropertyRegistry registry) {
		registry.add("atrium.catalog.file-roots", FILE_ROOT::toString);
		registry.add("atrium.catalog.reading-allow",
				() -> "127.0.0.1:" + files.port() + ", 127.0.0.1:" + secure.port() + ", 127.0.0.1:" + CLOSED_PORT);
	}

	@Autowired
	protected Ingestion ingestion;

	@Autowired
	protected LocationStore locations;

	@Autowired
	protected EntityReader entities;

	@Autowired
	protected JdbcClient jdbc;

	@LocalServerPort
	protected int port;

	/** The pages, through MockMvc. */
	@Autowired
	protected org.springframework.test.web.servlet.assertj.MockMvcTester mvc;

	/** Unique to the test: a lower-case word to put in entity names. */
	protected String token;

	/** The test's own directory under the file root. */
	protected Path dir;

	@BeforeEach
	void isolate(TestInfo test) throws IOException {
		token = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		dir = Files.createDirectories(FILE_ROOT.resolve(token));
	}

	/** The test's own URL path on {@link #files}: {@code /<token>/<name>}. */
	protected String path(String name) {
		return "/" + token + "/" + name;
	}

	/** Writes a file under the test's directory, creating its parents. */
	protected Path write(String relative, String content) {
		try {
			Path file = dir.resolve(relative);
			Files.createDirectories(file.getParent());
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Registers a location as a user would and reads everything it leads to. */
	protected UUID register(String type, String target) {
		UUID id = ingestion.register(type, target, TestSignIn.SERVICE).location().id();
		ingestion.refreshDue();
		return id;
	}

	protected UUID registerFile(Path file) {
		return register("file", file.toString());
	}

	/** A scheduled refresh, as the poller does it: conditional reads, nothing forced. */
	protected void refresh(UUID location) {
		locations.requestRefresh(location, false);
		ingestion.refreshDue();
	}

	/**
	 * A refresh a user asks for (every file read whole), waited for: {@code requestRefresh} only marks the
	 * location due and returns, and this runs what is due.
	 */
	protected void forceRefresh(UUID location) {
		ingestion.requestRefresh(location);
		ingestion.refreshDue();
	}

	protected Location location(UUID id) {
		return locations.find(id).orElseThrow();
	}

	protected Optional<Stored> entity(String ref) {
		return entities.byRef(ref);
	}

	/** The refs of every entity a location owns. */
	protected List<String> refsOf(UUID location) {
		return jdbc.sql("SELECT ref FROM catalog_entities WHERE location_id = ? ORDER BY ref")
			.param(location)
			.query(String.class)
			.list();
	}

	/** Every error stored for a location's sources, as "ref: message" or the message alone. */
	protected List<String> errorsOf(UUID location) {
		List<String> errors = new ArrayList<>();
		jdbc.sql("""
				SELECT e ->> 'ref', e ->> 'message' FROM catalog_sources s, jsonb_array_elements(s.errors) e
				WHERE s.location_id = ? ORDER BY s.target""")
			.param(location)
			.query((rs, n) -> errors.add(rs.getString(1) == null ? rs.getString(2) : rs.getString(1) + ": " + rs.getString(2)))
			.list();
		return errors;
	}

	/** When a location last read a source ({@code type:target}). */
	protected OffsetDateTime readAt(UUID location, String source) {
		return jdbc.sql("SELECT read_at FROM catalog_sources WHERE location_id = ? AND target = ?")
			.params(location, source)
			.query(OffsetDateTime.class)
			.single();
	}

	protected static String component(String name, String owner) {
		return """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: %s
				spec:
				  type: service
				  lifecycle: production
				  owner: %s
				""".formatted(name, owner);
	}

	protected static String locationOf(String... targets) {
		StringBuilder yaml = new StringBuilder("""
				apiVersion: backstage.io/v1alpha1
				kind: Location
				metadata:
				  name: location-%s
				spec:
				  targets:
				""".formatted(UUID.randomUUID().toString().substring(0, 8)));
		for (String target : targets) {
			yaml.append("    - ").append(target).append('\n');
		}
		return yaml.toString();
	}

	/** Joins YAML documents into one multi-document file. */
	protected static String documents(String... documents) {
		return String.join("---\n", documents);
	}

	/** A call to this application's HTTP API, with the test token ({@link TestSignIn}). */
	protected Response api(String method, String path, String json) {
		return api(TestSignIn.bearer(), method, path, json);
	}

	/** A call to this application's HTTP API with this Authorization header (none when null). */
	protected Response api(String authorization, String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected Response get(String path) {
		return api("GET", path, null);
	}

	/** An HTTP answer of the API. */
	protected record Response(int status, String body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

	/** JSON for a POST /api/catalog/locations body. */
	protected static String locationBody(String type, String target) {
		return JSON.writeValueAsString(java.util.Map.of("type", type, "target", target));
	}

	/** The annotation that makes {@link MisbehavingPlugin} emit a relation the database cannot store. */
	protected static final String UNSTORABLE = "test.atrium.dev/unstorable-relation";

	/**
	 * A plugin that emits, for entities annotated {@link #UNSTORABLE}, a relation whose target no
	 * index can hold: how the catalog copes with a write the database refuses.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class MisbehavingPlugin {

		@Bean
		EntityProcessor unstorableRelations() {
			return (entity, emit) -> {
				if (entity.annotation(UNSTORABLE) != null) {
					StringBuilder name = new StringBuilder();
					new java.util.Random().longs(400).forEach(n -> name.append(Long.toHexString(n)));
					emit.relation(new Relation(entity.ref(), "dependsOn", new EntityRef("component", "default",
							name.toString())));
				}
				return entity;
			};
		}

	}

	private static Path createFileRoot() {
		try {
			return Files.createTempDirectory("atrium-ingest-").toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
