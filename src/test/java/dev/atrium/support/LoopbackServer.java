package dev.atrium.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An HTTP (or HTTPS) server on 127.0.0.1 serving catalog files from memory, for url location tests. Files get an
 * ETag and are answered with 304 when the client sends it back in If-None-Match; any path can instead
 * answer a status or a redirect. It counts the requests of every path, and the 304s it answered.
 */
public final class LoopbackServer {

	private record Answer(int status, byte[] body, String location, Duration stall) {

		Answer(int status, byte[] body, String location) {
			this(status, body, location, null);
		}

	}

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();

	private LoopbackServer(HttpServer server) {
		this.server = server;
	}

	/** Starts a server on a free port of 127.0.0.1; it runs until the JVM ends. */
	public static LoopbackServer start() {
		try {
			return start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts an HTTPS server on a free port of 127.0.0.1, with a certificate made for this run. HTTP clients
	 * built after this call trust it: it becomes part of the JVM's default SSLContext (see {@link LoopbackTls}).
	 */
	public static LoopbackServer startHttps() {
		try {
			HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			https.setHttpsConfigurator(new HttpsConfigurator(LoopbackTls.serverContext()));
			return start(https);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static LoopbackServer start(HttpServer http) {
		try {
			LoopbackServer server = new LoopbackServer(http);
			http.createContext("/", server::handle);
			http.setExecutor(Executors.newCachedThreadPool(r -> {
				Thread t = new Thread(r, "loopback-http");
				t.setDaemon(true);
				return t;
			}));
			http.start();
			return server;
		}
		catch (RuntimeException ex) {
			http.stop(0);
			throw ex;
		}
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** The URL of a path on this server, e.g. {@code url("/a/catalog-info.yaml")}. */
	public String url(String path) {
		return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port() + path;
	}

	/** Serves {@code content} at {@code path}, with an ETag derived from it. */
	public void serve(String path, String content) {
		answers.put(path, new Answer(200, content.getBytes(StandardCharsets.UTF_8), null));
	}

	public void serve(String path, byte[] content) {
		answers.put(path, new Answer(200, content, null));
	}

	/** Answers {@code status} with an empty body at {@code path}. */
	public void fail(String path, int status) {
		answers.put(path, new Answer(status, new byte[0], null));
	}

	/**
	 * Answers 200 with the headers and the first bytes of {@code content}, then sends nothing more for
	 * {@code stall}: a server that is too slow, or holds readers on purpose.
	 */
	public void stall(String path, String content, Duration stall) {
		answers.put(path, new Answer(200, content.getBytes(StandardCharsets.UTF_8), null, stall));
	}

	/** Answers a 302 redirect to {@code location}. */
	public void redirect(String path, String location) {
		answers.put(path, new Answer(302, new byte[0], location));
	}

	/** How many requests reached {@code path}. */
	public int requests(String path) {
		return count(requests, path);
	}

	/** How many requests to {@code path} were answered 304 Not Modified. */
	public int notModified(String path) {
		return count(notModified, path);
	}

	/** How many requests reached any path starting with {@code prefix}. */
	public int requestsUnder(String prefix) {
		return requests.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(prefix))
			.mapToInt(e -> e.getValue().get())
			.sum();
	}

	private static int count(Map<String, AtomicInteger> counts, String path) {
		AtomicInteger n = counts.get(path);
		return n == null ? 0 : n.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
			Answer answer = answers.get(path);
			if (answer == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			if (answer.location() != null) {
				exchange.getResponseHeaders().add("Location", answer.location());
				exchange.sendResponseHeaders(answer.status(), -1);
				return;
			}
			if (answer.status() != 200) {
				exchange.sendResponseHeaders(answer.status(), -1);
				return;
			}
			String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(answer.body())) + "-" + answer.body().length
					+ "\"";
			if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				notModified.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
				exchange.getResponseHeaders().add("ETag", etag);
				exchange.sendResponseHeaders(304, -1);
				return;
			}
			exchange.getResponseHeaders().add("ETag", etag);
			exchange.getResponseHeaders().add("Content-Type", "application/yaml");
			exchange.sendResponseHeaders(200, answer.body().length == 0 ? -1 : answer.body().length);
			if (answer.stall() != null) {
				exchange.getResponseBody().write(answer.body(), 0, Math.min(answer.body().length, 8));
				exchange.getResponseBody().flush();
				try {
					Thread.sleep(answer.stall().toMillis()); // a stalling peer, on the server side only
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return;
			}
			exchange.getResponseBody().write(answer.body());
		}
	}

}
