package dev.atrium.scaffolder.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real git server on 127.0.0.1: Git's own {@code git http-backend} (the CGI program that Apache
 * and nginx run for git hosting) behind a small HTTP server that asks for HTTP Basic credentials,
 * as GitHub, GitLab or Gitea do for a private repository. Repositories are directories under
 * {@link #root()}; pushes are allowed for the one user it knows.
 */
public final class GitHttpBackend implements AutoCloseable {

	private final HttpServer server;

	private final Path root;

	private final String user;

	private final String password;

	private GitHttpBackend(HttpServer server, Path root, String user, String password) {
		this.server = server;
		this.root = root;
		this.user = user;
		this.password = password;
	}

	/** Starts a server on a free port serving {@code root}, letting in {@code user} with {@code password}. */
	public static GitHttpBackend start(Path root, String user, String password) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			GitHttpBackend backend = new GitHttpBackend(server, root, user, password);
			server.createContext("/", backend::handle);
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.start();
			return backend;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path root() {
		return root;
	}

	/** {@code 127.0.0.1:<port>}. */
	public String authority() {
		return "127.0.0.1:" + server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String expected = "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
			if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test git\"");
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			byte[] body = exchange.getRequestBody().readAllBytes();
			ProcessBuilder cgi = new ProcessBuilder("git", "http-backend").redirectError(ProcessBuilder.Redirect.DISCARD);
			Map<String, String> env = cgi.environment();
			env.put("GIT_PROJECT_ROOT", root.toString());
			env.put("GIT_HTTP_EXPORT_ALL", "1");
			env.put("GIT_CONFIG_NOSYSTEM", "1");
			env.put("HOME", root.toString());
			env.put("REQUEST_METHOD", exchange.getRequestMethod());
			env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
			env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
			env.put("CONTENT_LENGTH", Integer.toString(body.length));
			env.put("REMOTE_USER", user);
			env.put("REMOTE_ADDR", "127.0.0.1");
			copyHeader(exchange, env, "Content-Type", "CONTENT_TYPE");
			copyHeader(exchange, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
			copyHeader(exchange, env, "Git-Protocol", "GIT_PROTOCOL");
			Process process = cgi.start();
			try (OutputStream in = process.getOutputStream()) {
				in.write(body);
			}
			byte[] output;
			try (InputStream out = process.getInputStream()) {
				output = out.readAllBytes();
			}
			respond(exchange, output);
		}
	}

	private static void copyHeader(HttpExchange exchange, Map<String, String> env, String header, String variable) {
		String value = exchange.getRequestHeaders().getFirst(header);
		if (value != null) {
			env.put(variable, value);
		}
	}

	/** Turns the CGI answer (headers, blank line, body) into the HTTP answer. */
	private static void respond(HttpExchange exchange, byte[] output) throws IOException {
		int end = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		int skip = 4;
		if (end < 0) {
			end = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
			skip = 2;
		}
		int status = 200;
		for (String line : new String(output, 0, Math.max(end, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = line.substring(0, colon).trim();
			String value = line.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Status")) {
				status = Integer.parseInt(value.split(" ")[0]);
			}
			else {
				exchange.getResponseHeaders().add(name, value);
			}
		}
		ByteArrayOutputStream rest = new ByteArrayOutputStream();
		if (end >= 0) {
			rest.write(output, end + skip, output.length - end - skip);
		}
		byte[] bytes = rest.toByteArray();
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		outer: for (int i = 0; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
