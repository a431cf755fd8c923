package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import dev.atrium.platform.EntityProvider;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as the git host's tests use it: one Spring context (same properties, so Spring
 * caches it) on a random port, its repositories in a directory of this run, pushes open to anonymous
 * callers as they are until sign-in exists ({@code atrium.scaffolder.git.allow-anonymous-push}). Each
 * test names its repositories with its own {@link #token}.
 */
@Import(GitHostApplicationTest.SwitchableProvider.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.poll-interval=1h",
				"atrium.scaffolder.git.allow-anonymous-push=true" })
public abstract class GitHostApplicationTest {

	protected static final Path GIT_ROOT = tempDirectory("atrium-git-root-");

	/** A git server on loopback that publish:git may push to: configured as the remote {@code loopback}. */
	protected static final GitHttpBackend REMOTE = GitHttpBackend.start(tempDirectory("atrium-git-remote-"), "robot",
			remoteToken());

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void gitProperties(DynamicPropertyRegistry registry) {
		registry.add("atrium.scaffolder.git.root", GIT_ROOT::toString);
		registry.add("atrium.scaffolder.git.remotes.loopback.host", REMOTE::authority);
		registry.add("atrium.scaffolder.git.remotes.loopback.scheme", () -> "http");
		registry.add("atrium.scaffolder.git.remotes.loopback.username", () -> "robot");
		registry.add("atrium.scaffolder.git.remotes.loopback.token", GitHostApplicationTest::remoteToken);
		// configured, never contacted: the remote of publish:git's documented example, run as a dry run
		registry.add("atrium.scaffolder.git.remotes.example.host", () -> "git.example.com");
	}

	/** The loopback remote's token: what must never show up in a log or an error. */
	protected static String remoteToken() {
		return "tok-3f9a1c77e2";
	}

	@Autowired
	protected GitRepositories repositories;

	@LocalServerPort
	protected int port;

	/** Unique to the test: a lower-case word to put in repository names. */
	protected String token;

	/** A scratch directory of the test's own. */
	protected Path scratch;

	@BeforeEach
	void isolate() {
		token = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		scratch = tempDirectory("atrium-git-test-");
	}

	/** This application's URL of a path. */
	protected String url(String path) {
		return "http://localhost:" + port + path;
	}

	/** A GET of this application, answered as a status and a body. */
	protected HttpResponse<String> get(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static Path tempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix).toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An entity provider a test drives: it emits what {@link #emit} is given, as a provider whose source
	 * changes would.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class SwitchableProvider implements EntityProvider {

		private volatile Connection connection;

		@Override
		public String name() {
			return "test-switchable";
		}

		@Override
		public void connect(Connection connection) {
			this.connection = connection;
			connection.replaceAll(java.util.List.of());
		}

		public void emit(java.util.List<java.util.Map<String, Object>> descriptors) {
			connection.replaceAll(descriptors);
		}

	}

}
