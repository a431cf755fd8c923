package dev.atrium.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.Identity;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application as the security tests use it (one context, cached): three API tokens
 * ({@link #CI}, {@link #OTHER} and the test token), admins in the group {@code admins}, small request
 * limits, and a directory of catalog files. Each test writes its own files and names its entities with
 * its own {@link #token}; {@link #org()} gives it an organisation of its own:
 * <pre>
 *   group t-parent          (owns t-one; child t-team)
 *     group t-team          (member ada)
 *   group t-rivals          (member bob; owns t-two)
 *   admins                  (member root; the group is configured, not in the catalog)
 * </pre>
 */
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.poll-interval=1h", "atrium.catalog.refresh-interval=1h",
				"atrium.auth.api-tokens=ci=ci-secret-0123456789,other=other-secret-0123456789,ops=ops-secret-0123456789,"
						+ TestSignIn.SERVICE + "=" + TestSignIn.TOKEN,
				"atrium.auth.admin-groups=admins", "atrium.auth.admin-tokens=ops", "atrium.security.max-request-size=64KB",
				"atrium.security.request-size-limits[/api/v1/lineage]=256KB" })
abstract class SecurityApplicationTest {

	static final String CI = "Bearer ci-secret-0123456789";

	static final String OTHER = "Bearer other-secret-0123456789";

	/** A token named in {@code atrium.auth.admin-tokens}: acts as an admin. */
	static final String OPS = "Bearer ops-secret-0123456789";

	static final Path FILES = createFileRoot();

	private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void fileRoots(DynamicPropertyRegistry registry) {
		registry.add("atrium.catalog.file-roots", FILES::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	/** Unique to the test: a lower-case word to put in entity names. */
	String token;

	@BeforeEach
	void isolate() {
		token = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	/** Writes a catalog file of this test and returns its path. */
	Path write(String name, String yaml) {
		try {
			Path file = FILES.resolve(token + "-" + name);
			return Files.writeString(file, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The test's organisation (see the class comment), registered by {@link #CI}. */
	String org() {
		Path file = write("org.yaml", """
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: %1$s-parent}
				spec: {type: department, children: [%1$s-team]}
				---
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: %1$s-team}
				spec: {type: team, parent: %1$s-parent, children: []}
				---
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: %1$s-rivals}
				spec: {type: team, children: []}
				---
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: %1$s-ada}
				spec: {profile: {email: ada@%1$s.example, displayName: Ada %1$s}, memberOf: [%1$s-team]}
				---
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: %1$s-bob}
				spec: {profile: {email: bob@%1$s.example}, memberOf: [%1$s-rivals]}
				---
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: %1$s-root}
				spec: {profile: {email: root@%1$s.example}, memberOf: [admins]}
				""".formatted(token));
		return register(CI, file);
	}

	/** A component of this test's, owned by a group of its organisation. */
	static String component(String name, String owner) {
		return """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata: {name: %s}
				spec: {type: service, lifecycle: production, owner: %s}
				""".formatted(name, owner);
	}

	/** Registers a file location through the API with this authorization; returns the location id. */
	String register(String authorization, Path file) {
		Response response = call(authorization, "POST", "/api/catalog/locations",
				JSON.writeValueAsString(Map.of("type", "file", "target", file.toString())));
		if (response.status() != 201) {
			throw new AssertionError("Registering " + file + " answered " + response.status() + ": " + response.body());
		}
		return response.json().path("location").path("id").asString();
	}

	/** The uid of an entity, read through the API. */
	String uid(String kind, String name) {
		Response response = call(null, "GET", "/api/catalog/entities/by-name/" + kind + "/default/" + name, null);
		if (response.status() != 200) {
			throw new AssertionError("No " + kind + " " + name + ": " + response.status());
		}
		return response.json().path("metadata").path("uid").asString();
	}

	/** Who registered a location ({@code catalog_locations.created_by}). */
	String registrar(String location) {
		return jdbc.sql("SELECT created_by FROM catalog_locations WHERE id = ?::uuid").param(location).query(String.class).single();
	}

	/** A person signed in with an identity provider, as MockMvc's authentication. */
	static Authentication person(String email) {
		return UsernamePasswordAuthenticationToken.authenticated(new Caller(Identity.Type.USER, email, email, email), null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
	}

	/** A real HTTP call to the running application (no MockMvc): Authorization header when not null. */
	Response call(String authorization, String method, String path, String json) {
		return call(authorization, method, path, json, Map.of());
	}

	Response call(String authorization, String method, String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (!headers.containsKey("Accept")) {
			request.header("Accept", "application/json");
		}
		headers.forEach(request::header);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (json != null && !headers.containsKey("Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An HTTP answer. */
	record Response(int status, String body, Map<String, List<String>> headers) {

		JsonNode json() {
			return JSON.readTree(body);
		}

		String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream())
				.findFirst()
				.orElse(null);
		}

		List<String> all(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream())
				.toList();
		}

	}

	private static Path createFileRoot() {
		try {
			return Files.createTempDirectory("atrium-security-").toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
