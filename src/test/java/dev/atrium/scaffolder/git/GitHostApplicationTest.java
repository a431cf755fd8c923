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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as the git host's tests use it: one Spring context (same properties, so Spring
 * caches it) on a random port, its repositories in a directory of this run, pushes open to anonymous
 * callers as they are until sign-in exists ({@code atrium.scaffolder.git.allow-anonymous-push}). Each
 * test names its repositories with its own {@link #token}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.poll-interval=1h",
				"atrium.scaffolder.git.allow-anonymous-push=true" })
public abstract class GitHostApplicationTest {

	protected static final Path GIT_ROOT = tempDirectory("atrium-git-root-");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void gitProperties(DynamicPropertyRegistry registry) {
		registry.add("atrium.scaffolder.git.root", GIT_ROOT::toString);
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

}
