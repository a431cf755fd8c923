package dev.atrium.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchDocumentsChanged;
import dev.atrium.platform.SearchSource;
import dev.atrium.support.TestSignIn;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application as search's tests use it: the demo catalog registered, changes indexed every 200 ms,
 * a directory file locations may be registered from, and a second, test-only search source
 * ({@link TestPipelines}, type {@code test-pipelines}) beside the catalog's, as another plugin would add.
 * One Spring context for all search tests.
 */
@Import(SearchApplicationTest.SecondSource.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "atrium.catalog.demo=true",
		"atrium.catalog.poll-interval=1h", "atrium.search.index-interval=200ms", "atrium.search.rebuild-check=1h" })
public abstract class SearchApplicationTest {

	protected static final Path FILE_ROOT = createFileRoot();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void fileRoots(DynamicPropertyRegistry registry) {
		registry.add("atrium.catalog.file-roots", FILE_ROOT::toString);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected TestPipelines pipelines;

	/** GET on the app; the body and status. */
	protected Response get(String path, String... headers) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
	}

	/** POST as the test's API token (a signed-in service, not an admin). */
	protected Response post(String path, String json) {
		return send(TestSignIn.withToken(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), "Accept", "application/json");
	}

	/** DELETE as the test's API token. */
	protected Response delete(String path) {
		return send(TestSignIn.withToken(HttpRequest.newBuilder(uri(path))).DELETE(), "Accept", "application/json");
	}

	/** The API's answer for a term. */
	protected JsonNode query(String term, String more) {
		Response r = get("/api/search/query?term=" + encode(term) + (more == null ? "" : "&" + more));
		if (r.status() != 200) {
			throw new AssertionError("query '" + term + "' answered " + r.status() + ": " + r.body());
		}
		return r.json();
	}

	/** The document locations of the first page of results, in order. */
	protected List<String> locations(String term) {
		List<String> out = new ArrayList<>();
		query(term, null).get("results").forEach(r -> out.add(r.get("document").get("location").asString()));
		return out;
	}

	/** Waits until the demo catalog is in the index. */
	protected void awaitDemoIndexed() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> locations("payment-gateway").contains("/catalog/default/component/payment-gateway"));
	}

	protected static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static Response send(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
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
	protected record Response(int status, String body, Map<String, List<String>> headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

	/**
	 * A second search source, as the workflows plugin will add one: documents held in memory, changed
	 * by tests, announced with the platform event. A rebuild can be held at a latch to look inside it.
	 */
	public static class TestPipelines implements SearchSource {

		public static final String TYPE = "test-pipelines";

		private final Map<String, SearchDocument> documents = new ConcurrentHashMap<>();

		private final ApplicationEventPublisher events;

		private volatile CountDownLatch hold;

		private volatile CountDownLatch reading = new CountDownLatch(1);

		TestPipelines(ApplicationEventPublisher events) {
			this.events = events;
		}

		@Override
		public String type() {
			return TYPE;
		}

		@Override
		public String title() {
			return "Pipelines";
		}

		@Override
		public void documents(Consumer<SearchDocument> sink) {
			List<SearchDocument> all = new ArrayList<>(documents.values());
			reading.countDown();
			CountDownLatch latch = hold;
			if (latch != null) {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			all.forEach(sink);
		}

		@Override
		public List<SearchDocument> documents(Collection<String> ids) {
			return ids.stream().map(documents::get).filter(java.util.Objects::nonNull).toList();
		}

		/** Adds or changes a pipeline and announces it. */
		public void put(String name, String description) {
			documents.put(name, new SearchDocument(name, name, name, description, "/workflows/" + name,
					Map.of("kind", List.of("Pipeline"), "owner", List.of("data-team"))));
			events.publishEvent(new SearchDocumentsChanged(TYPE, List.of(name)));
		}

		/** Adds or changes documents, announced at once. */
		public void putAll(Collection<SearchDocument> changed) {
			changed.forEach(d -> documents.put(d.id(), d));
			events.publishEvent(new SearchDocumentsChanged(TYPE, changed.stream().map(SearchDocument::id).toList()));
		}

		public void remove(String name) {
			removeAll(List.of(name));
		}

		public void removeAll(Collection<String> ids) {
			ids.forEach(documents::remove);
			events.publishEvent(new SearchDocumentsChanged(TYPE, List.copyOf(ids)));
		}

		/** Makes the next rebuild read the documents, then wait until {@link #release()}. */
		public void holdNextRebuild() {
			reading = new CountDownLatch(1);
			hold = new CountDownLatch(1);
		}

		public void awaitRebuildReading() throws InterruptedException {
			reading.await();
		}

		public void release() {
			CountDownLatch latch = hold;
			hold = null;
			if (latch != null) {
				latch.countDown();
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SecondSource {

		@Bean
		TestPipelines testPipelines(ApplicationEventPublisher events) {
			return new TestPipelines(events);
		}

	}

	private static Path createFileRoot() {
		try {
			return Files.createTempDirectory("atrium-search-").toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
