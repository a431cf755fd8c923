import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load driver for Atrium's benchmarks. JDK only, run with the source launcher:
 *
 * <pre>
 *   java bench/LoadDriver.java --base http://127.0.0.1:8080 --threads 16 --duration 30s --warmup 10s --scenario by-name
 * </pre>
 *
 * N worker threads each send one request, wait for the whole response, and send the next (closed
 * loop, no think time). Requests that start during the warm-up are sent but not counted. Every
 * counted 2xx latency is kept, so p50/p95/p99 are exact (nearest-rank over the sorted samples), not
 * histogram estimates. Non-2xx responses are counted as errors and I/O failures (connection
 * refused, timeouts) separately; neither is part of the latency percentiles.
 *
 * Scenarios: catalog-page, by-query, by-query-cursor, by-name, path (--path, repeatable). Run with
 * --help for options, --self-test to check the percentile and parsing code.
 */
public class LoadDriver {

	static final Map<String, Double> DEFAULT_TARGET_P95_MS = Map.of(
			"catalog-page", 25.0, "by-query", 15.0, "by-query-cursor", 15.0, "by-name", 5.0, "search-query", 20.0,
			"search-suggest", 10.0, "search-page", 20.0);

	static final String USAGE = """
			Usage: java bench/LoadDriver.java [options]
			  --base URL            server base URL (default http://127.0.0.1:8080)
			  --scenario NAME       catalog-page | by-query | by-query-cursor | by-name | path | search-query |
			                        search-suggest | search-page (default by-name)
			  --threads N           concurrent closed-loop clients (default 16)
			  --duration D          measured time, e.g. 30s, 2m, 500ms (default 30s)
			  --warmup D            unmeasured time before it (default 10s)
			  --kind K              entity kind for catalog-page, by-query*, by-name (default component)
			  --namespace NS        namespace for by-name (default default)
			  --limit N             page size for by-query* (default 20)
			  --names FILE          names for by-name, one a line (default bench/data/names.txt)
			  --path P              request path for the 'path' scenario; repeat to pick at random per request
			  --max-pages N         by-query-cursor: restart from page 1 after N pages (default 0 = follow to the end)
			  --timeout D           per-request timeout (default 10s)
			  --client raw|jdk      raw: blocking socket per thread, HTTP/1.1 keep-alive (default; ~10x less
			                        client CPU than jdk); jdk: java.net.http.HttpClient (also does https)
			  --gzip                send Accept-Encoding: gzip (body is not decompressed)
			  --target-p95 MS       p95 target for PASS/FAIL (defaults: catalog-page 25, by-query* 15, by-name 5,
			                        search-query 20, search-suggest 10, search-page 20:
			                        the query target, for want of one of its own)
			  --results-dir DIR     append a markdown row to DIR/<yyyy-mm-dd>.md (default bench/results)
			  --no-results          do not write the results file
			  --label TEXT          free text for the notes column of the results row
			  --seed N              seed for random name choice (default 1)
			  --json-out FILE       also write the summary as JSON to FILE
			  --fail-on-target      exit 3 if the p95 target is missed or any request failed
			  --self-test           run internal checks and exit
			Env: ATRIUM_TOKEN, if set, is sent as 'Authorization: Bearer <token>'.
			""";

	// ---------------------------------------------------------------- options

	static final class Options {
		String base = "http://127.0.0.1:8080";
		String scenario = "by-name";
		int threads = 16;
		Duration duration = Duration.ofSeconds(30);
		Duration warmup = Duration.ofSeconds(10);
		String kind = "component";
		String namespace = "default";
		int limit = 20;
		String namesFile = "bench/data/names.txt";
		List<String> paths = new ArrayList<>();
		int maxPages = 0;
		Duration timeout = Duration.ofSeconds(10);
		boolean gzip;
		Double targetP95;
		String resultsDir = "bench/results";
		boolean writeResults = true;
		String label = "";
		long seed = 1;
		boolean failOnTarget;
		String jsonOut;
		String client = "raw";
	}

	static Options parse(String[] args) {
		Options o = new Options();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			String v = null;
			int eq = a.indexOf('=');
			if (a.startsWith("--") && eq > 0) {
				v = a.substring(eq + 1);
				a = a.substring(0, eq);
			}
			switch (a) {
				case "--help", "-h" -> {
					System.out.print(USAGE);
					System.exit(0);
				}
				case "--self-test" -> {
					selfTest();
					System.exit(0);
				}
				case "--gzip" -> o.gzip = true;
				case "--no-results" -> o.writeResults = false;
				case "--fail-on-target" -> o.failOnTarget = true;
				default -> {
					if (v == null) {
						if (i + 1 >= args.length) {
							die("missing value for " + a);
						}
						v = args[++i];
					}
					switch (a) {
						case "--base" -> o.base = v.replaceAll("/+$", "");
						case "--scenario" -> o.scenario = v;
						case "--threads" -> o.threads = Integer.parseInt(v);
						case "--duration" -> o.duration = parseDuration(v);
						case "--warmup" -> o.warmup = parseDuration(v);
						case "--kind" -> o.kind = v;
						case "--namespace" -> o.namespace = v;
						case "--limit" -> o.limit = Integer.parseInt(v);
						case "--names" -> o.namesFile = v;
						case "--path" -> o.paths.add(v.startsWith("/") ? v : "/" + v);
						case "--max-pages" -> o.maxPages = Integer.parseInt(v);
						case "--timeout" -> o.timeout = parseDuration(v);
						case "--target-p95" -> o.targetP95 = Double.parseDouble(v);
						case "--results-dir" -> o.resultsDir = v;
						case "--label" -> o.label = v;
						case "--seed" -> o.seed = Long.parseLong(v);
						case "--json-out" -> o.jsonOut = v;
						case "--client" -> {
							if (!v.equals("raw") && !v.equals("jdk")) {
								die("--client must be raw or jdk");
							}
							o.client = v;
						}
						default -> die("unknown option " + a + "\n" + USAGE);
					}
				}
			}
		}
		if (o.threads < 1) {
			die("--threads must be >= 1");
		}
		if (o.duration.isZero() || o.duration.isNegative()) {
			die("--duration must be positive");
		}
		if (o.targetP95 == null) {
			o.targetP95 = DEFAULT_TARGET_P95_MS.get(o.scenario);
		}
		return o;
	}

	static Duration parseDuration(String s) {
		Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(s.trim());
		if (!m.matches()) {
			die("bad duration: " + s);
		}
		double n = Double.parseDouble(m.group(1));
		String unit = m.group(2) == null ? "s" : m.group(2);
		double millis = switch (unit) {
			case "ms" -> n;
			case "s" -> n * 1000;
			case "m" -> n * 60_000;
			default -> n * 3_600_000;
		};
		return Duration.ofNanos(Math.round(millis * 1_000_000));
	}

	static void die(String msg) {
		System.err.println("LoadDriver: " + msg);
		System.exit(1);
	}

	// ---------------------------------------------------------------- scenarios

	/** Per-thread state: its random source and, for the cursor scenario, where it is. */
	static final class WorkerState {
		final SplittableRandom random;
		String cursor;
		int page;
		long pagesFollowed;
		long restarts;

		WorkerState(long seed) {
			random = new SplittableRandom(seed);
		}
	}

	interface Scenario {
		String describe();

		String nextPath(WorkerState st);

		/** Whether onResponse needs the body (otherwise only its size is used). */
		default boolean needsBody() {
			return false;
		}

		default void onResponse(WorkerState st, int status, byte[] body) {
		}
	}

	static Scenario scenario(Options o) throws IOException {
		String kind = enc(o.kind);
		switch (o.scenario) {
			case "catalog-page" -> {
				String p = "/catalog?kind=" + kind;
				return fixed(p);
			}
			case "by-query" -> {
				return fixed("/api/catalog/entities/by-query?filter=kind=" + kind + "&limit=" + o.limit);
			}
			case "by-query-cursor" -> {
				String first = "/api/catalog/entities/by-query?filter=kind=" + kind + "&limit=" + o.limit;
				return new Scenario() {
					public String describe() {
						return "GET " + first + ", then follow pageInfo.nextCursor (?cursor=...&limit=" + o.limit
								+ ") " + (o.maxPages > 0 ? "for up to " + o.maxPages + " pages" : "to the last page")
								+ ", then start again";
					}

					public String nextPath(WorkerState st) {
						if (st.cursor == null) {
							st.page = 0;
							return first;
						}
						return "/api/catalog/entities/by-query?cursor=" + enc(st.cursor) + "&limit=" + o.limit;
					}

					public boolean needsBody() {
						return true;
					}

					public void onResponse(WorkerState st, int status, byte[] body) {
						String next = status / 100 == 2 ? nextCursor(new String(body, StandardCharsets.UTF_8)) : null;
						st.page++;
						if (next != null && (o.maxPages <= 0 || st.page < o.maxPages)) {
							st.cursor = next;
							st.pagesFollowed++;
						}
						else {
							st.cursor = null;
							st.restarts++;
						}
					}
				};
			}
			case "by-name" -> {
				Path file = Path.of(o.namesFile);
				if (!Files.isRegularFile(file)) {
					die("names file " + file.toAbsolutePath() + " not found (run bench/generate-catalog.py, or pass --names)");
				}
				String[] names = Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty())
						.toArray(String[]::new);
				if (names.length == 0) {
					die("names file " + file + " is empty");
				}
				String prefix = "/api/catalog/entities/by-name/" + kind + "/" + enc(o.namespace) + "/";
				return new Scenario() {
					public String describe() {
						return "GET " + prefix + "<one of " + names.length + " names from " + file + ", uniform random>";
					}

					public String nextPath(WorkerState st) {
						return prefix + enc(names[st.random.nextInt(names.length)]);
					}
				};
			}
			case "path" -> {
				if (o.paths.isEmpty()) {
					die("scenario 'path' needs at least one --path");
				}
				List<String> paths = List.copyOf(o.paths);
				return new Scenario() {
					public String describe() {
						return paths.size() == 1 ? "GET " + paths.get(0) : "GET one of " + paths + " at random";
					}

					public String nextPath(WorkerState st) {
						return paths.get(st.random.nextInt(paths.size()));
					}
				};
			}
			case "search-query", "search-suggest", "search-page" -> {
				return searchScenario(o);
			}
			default -> {
				die("unknown scenario " + o.scenario + " (catalog-page, by-query, by-query-cursor, by-name, path, search-query, search-suggest, search-page)");
				return null;
			}
		}
	}

	/**
	 * Search: terms made from the generated names, as people type them. search-query (GET /api/search/query):
	 * a whole name, two of its words, a word with two letters swapped, a quoted phrase, or "a OR b -c".
	 * search-suggest (GET /search/suggestions, the header box): the first 3 to 12 characters of a name,
	 * one in five with two letters swapped.
	 */
	static Scenario searchScenario(Options o) throws IOException {
		Path file = Path.of(o.namesFile);
		if (!Files.isRegularFile(file)) {
			die("names file " + file.toAbsolutePath() + " not found (run bench/generate-catalog.py, or pass --names)");
		}
		String[] names = Files.readAllLines(file).stream().map(String::strip).filter(n -> !n.isEmpty()).toArray(String[]::new);
		boolean suggest = o.scenario.equals("search-suggest");
		// search-page: the same terms as search-query, on the results page (HTML, facet counts) people read.
		String queryPath = o.scenario.equals("search-page") ? "/search?term=" : "/api/search/query?term=";
		return new Scenario() {
			public String describe() {
				return suggest ? "GET /search/suggestions?term=<3-12 first characters of one of " + names.length + " names, 20% with a typo>"
						: "GET " + queryPath + "<name | two of its words | a typo | \"phrase\" | a OR b -c, from " + names.length + " names>";
			}

			public String nextPath(WorkerState st) {
				String name = names[st.random.nextInt(names.length)];
				if (suggest) {
					String prefix = name.substring(0, Math.min(name.length(), 3 + st.random.nextInt(10)));
					return "/search/suggestions?term=" + enc(st.random.nextInt(5) == 0 ? swap(prefix, st) : prefix);
				}
				String[] words = java.util.Arrays.stream(name.split("[^A-Za-z]+")).filter(w -> w.length() > 2).toArray(String[]::new);
				String a = words.length > 0 ? words[0] : name;
				String b = words.length > 1 ? words[1] : a;
				String other = names[st.random.nextInt(names.length)].split("[^A-Za-z]+")[0];
				int mode = st.random.nextInt(20);
				String term = mode < 5 ? name : mode < 10 ? a + " " + b : mode < 14 ? swap(b.length() > a.length() ? b : a, st)
						: mode < 17 ? "\"" + a + " " + b + "\"" : a + " OR " + other + " -" + b;
				return queryPath + enc(term);
			}
		};
	}

	/** The text with two neighbouring letters after the first swapped: a typo. */
	static String swap(String text, WorkerState st) {
		if (text.length() < 4) {
			return text;
		}
		int i = 1 + st.random.nextInt(text.length() - 2);
		char[] c = text.toCharArray();
		char t = c[i];
		c[i] = c[i + 1];
		c[i + 1] = t;
		return new String(c);
	}

	static Scenario fixed(String path) {
		return new Scenario() {
			public String describe() {
				return "GET " + path;
			}

			public String nextPath(WorkerState st) {
				return path;
			}
		};
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** pageInfo.nextCursor from a by-query response, or null. Cursors are opaque JSON strings. */
	static String nextCursor(String json) {
		Matcher m = NEXT_CURSOR.matcher(json);
		return m.find() ? jsonUnescape(m.group(1)) : null;
	}

	static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");

	static String jsonUnescape(String s) {
		if (s.indexOf('\\') < 0) {
			return s;
		}
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c != '\\' || i + 1 >= s.length()) {
				b.append(c);
				continue;
			}
			char e = s.charAt(++i);
			switch (e) {
				case 'n' -> b.append('\n');
				case 't' -> b.append('\t');
				case 'r' -> b.append('\r');
				case 'b' -> b.append('\b');
				case 'f' -> b.append('\f');
				case 'u' -> {
					b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> b.append(e); // \" \\ \/
			}
		}
		return b.toString();
	}

	// ---------------------------------------------------------------- transports

	/** One response: status, content type, and the (possibly still gzip-compressed) body in body[0, length). */
	static final class Resp {
		int status;
		String contentType;
		boolean gzip;
		byte[] body = new byte[0];
		int length;
	}

	/** One worker's way to send GETs. Not thread-safe: each thread has its own. */
	interface Transport {
		Resp get(String path) throws IOException, InterruptedException;

		void close();
	}

	/** java.net.http.HttpClient, shared by all threads (it pools connections itself). */
	static final class JdkTransport implements Transport {
		final HttpClient client;
		final String base;
		final Map<String, String> headers;
		final Duration timeout;

		JdkTransport(HttpClient client, String base, Map<String, String> headers, Duration timeout) {
			this.client = client;
			this.base = base;
			this.headers = headers;
			this.timeout = timeout;
		}

		public Resp get(String path) throws IOException, InterruptedException {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
			b.header("Accept", accept(path));
			headers.forEach(b::header);
			HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
			Resp out = new Resp();
			out.status = r.statusCode();
			out.contentType = r.headers().firstValue("content-type").orElse(null);
			out.gzip = r.headers().firstValue("content-encoding").map(v -> v.contains("gzip")).orElse(false);
			out.body = r.body();
			out.length = out.body.length;
			return out;
		}

		public void close() {
		}
	}

	static String accept(String path) {
		return path.startsWith("/api/") || path.startsWith("/actuator/") ? "application/json" : "text/html,*/*;q=0.8";
	}

	/**
	 * Minimal blocking HTTP/1.1 client: one keep-alive socket per thread, TCP_NODELAY, request
	 * written in one packet, Content-Length and chunked bodies read fully. A request on a reused
	 * connection that sees the connection closed before any response byte is retried once on a new
	 * one (the server closed an idle keep-alive connection); everything else is a failure.
	 */
	static final class RawTransport implements Transport {
		final String host;
		final int port;
		final byte[] headerBytes;
		final int timeoutMs;
		java.net.Socket socket;
		java.io.InputStream in;
		java.io.OutputStream out;
		boolean reused;
		final Resp resp = new Resp();
		byte[] line = new byte[8192];

		RawTransport(URI base, Map<String, String> headers, Duration timeout) {
			this.host = base.getHost();
			this.port = base.getPort() > 0 ? base.getPort() : 80;
			StringBuilder h = new StringBuilder();
			h.append("Host: ").append(host).append(base.getPort() > 0 ? ":" + port : "").append("\r\n");
			h.append("User-Agent: atrium-bench-loaddriver\r\n");
			headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
			this.headerBytes = h.toString().getBytes(StandardCharsets.ISO_8859_1);
			this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
			resp.body = new byte[64 * 1024];
		}

		public Resp get(String path) throws IOException {
			if (socket == null) {
				connect();
			}
			byte[] req = ("GET " + path + " HTTP/1.1\r\nAccept: " + accept(path) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
			byte[] packet = new byte[req.length + headerBytes.length + 2];
			System.arraycopy(req, 0, packet, 0, req.length);
			System.arraycopy(headerBytes, 0, packet, req.length, headerBytes.length);
			packet[packet.length - 2] = '\r';
			packet[packet.length - 1] = '\n';
			try {
				out.write(packet);
				out.flush();
				return read(true);
			}
			catch (StaleConnection e) {
				close();
				connect();
				out.write(packet);
				out.flush();
				return read(false);
			}
		}

		static final class StaleConnection extends IOException {
			StaleConnection() {
				super("connection closed before the response");
			}
		}

		void connect() throws IOException {
			socket = new java.net.Socket();
			socket.setTcpNoDelay(true);
			socket.setKeepAlive(true);
			socket.connect(new java.net.InetSocketAddress(host, port), Math.min(timeoutMs, 5000));
			socket.setSoTimeout(timeoutMs);
			in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
			out = socket.getOutputStream();
			reused = false;
		}

		public void close() {
			if (socket != null) {
				try {
					socket.close();
				}
				catch (IOException ignored) {
				}
			}
			socket = null;
		}

		/** Reads one CRLF-terminated line into 'line'; returns its length without CRLF, or -1 at EOF. */
		int readLine() throws IOException {
			int n = 0;
			while (true) {
				int c = in.read();
				if (c < 0) {
					return n == 0 ? -1 : n;
				}
				if (c == '\n') {
					return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
				}
				if (n == line.length) {
					throw new IOException("header line too long");
				}
				line[n++] = (byte) c;
			}
		}

		Resp read(boolean mayBeStale) throws IOException {
			boolean wasReused = reused;
			int n = readLine();
			if (n < 0) {
				if (mayBeStale && wasReused) {
					throw new StaleConnection();
				}
				throw new java.io.EOFException("connection closed before the status line");
			}
			String status = new String(line, 0, n, StandardCharsets.ISO_8859_1);
			if (!status.startsWith("HTTP/1.") || status.length() < 12) {
				throw new IOException("bad status line: " + abbreviate(status, 80));
			}
			resp.status = Integer.parseInt(status.substring(9, 12));
			resp.contentType = null;
			resp.gzip = false;
			long contentLength = -1;
			boolean chunked = false;
			boolean closeAfter = status.startsWith("HTTP/1.0");
			while ((n = readLine()) > 0) {
				String h = new String(line, 0, n, StandardCharsets.ISO_8859_1);
				int colon = h.indexOf(':');
				if (colon <= 0) {
					continue;
				}
				String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = h.substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> contentLength = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					case "content-type" -> resp.contentType = value;
					case "content-encoding" -> resp.gzip = value.toLowerCase(Locale.ROOT).contains("gzip");
					case "connection" -> closeAfter |= value.equalsIgnoreCase("close");
					default -> {
					}
				}
			}
			if (n < 0) {
				throw new java.io.EOFException("connection closed in the headers");
			}
			resp.length = 0;
			boolean noBody = resp.status / 100 == 1 || resp.status == 204 || resp.status == 304;
			if (noBody) {
				// nothing
			}
			else if (chunked) {
				while (true) {
					int len = readLine();
					if (len < 0) {
						throw new java.io.EOFException("connection closed in a chunk header");
					}
					String sizeText = new String(line, 0, len, StandardCharsets.ISO_8859_1);
					int semi = sizeText.indexOf(';');
					int size = Integer.parseInt((semi >= 0 ? sizeText.substring(0, semi) : sizeText).trim(), 16);
					if (size == 0) {
						while (readLine() > 0) {
							// trailers
						}
						break;
					}
					readBody(size);
					readLine(); // CRLF after the chunk
				}
			}
			else if (contentLength >= 0) {
				readBody((int) contentLength);
			}
			else {
				closeAfter = true; // body runs to EOF
				int c;
				while ((c = in.read(resp.body.length == resp.length ? grow(resp.length + 1) : resp.body, resp.length,
						resp.body.length - resp.length)) > 0) {
					resp.length += c;
				}
			}
			if (closeAfter) {
				close();
			}
			else {
				reused = true;
			}
			return resp;
		}

		byte[] grow(int needed) {
			if (needed > resp.body.length) {
				resp.body = Arrays.copyOf(resp.body, Math.max(needed, resp.body.length * 2));
			}
			return resp.body;
		}

		void readBody(int size) throws IOException {
			grow(resp.length + size);
			int end = resp.length + size;
			while (resp.length < end) {
				int c = in.read(resp.body, resp.length, end - resp.length);
				if (c < 0) {
					throw new java.io.EOFException("connection closed in the body");
				}
				resp.length += c;
			}
		}
	}

	// ---------------------------------------------------------------- statistics

	/** Growable list of primitive longs (latencies in ns), one per thread: no locking on the hot path. */
	static final class Samples {
		long[] a = new long[1 << 14];
		int n;

		void add(long v) {
			if (n == a.length) {
				a = Arrays.copyOf(a, n * 2);
			}
			a[n++] = v;
		}
	}

	/**
	 * Nearest-rank percentile of an ascending array: the smallest value such that at least p% of the
	 * samples are <= it, i.e. sorted[ceil(p/100 * n) - 1]. p100 is the max.
	 */
	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
	}

	static double ms(long nanos) {
		return nanos / 1_000_000.0;
	}

	// ---------------------------------------------------------------- run

	public static void main(String[] args) throws Exception {
		Options o = parse(args);
		Scenario sc = scenario(o);
		String token = System.getenv("ATRIUM_TOKEN");

		Map<String, String> headers = new java.util.LinkedHashMap<>();
		if (o.gzip) {
			headers.put("Accept-Encoding", "gzip");
		}
		if (token != null && !token.isBlank()) {
			headers.put("Authorization", "Bearer " + token.strip());
		}
		URI baseUri = URI.create(o.base);
		if (o.client.equals("raw") && !"http".equals(baseUri.getScheme())) {
			die("--client raw speaks plain http only; use --client jdk for " + baseUri.getScheme());
		}
		HttpClient jdkClient = o.client.equals("jdk") ? HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.followRedirects(HttpClient.Redirect.NEVER)
				.build() : null;
		java.util.function.Function<Duration, Transport> newTransport = timeout -> jdkClient != null
				? new JdkTransport(jdkClient, o.base, headers, timeout)
				: new RawTransport(baseUri, headers, timeout);

		System.out.printf("scenario   %s: %s%n", o.scenario, sc.describe());
		System.out.printf("setup      %s, %d threads, warm-up %s, measured %s, %s client%s%n", o.base, o.threads,
				human(o.warmup), human(o.duration), o.client, token != null && !token.isBlank() ? ", bearer token" : "");

		// Preflight: one request, to fail fast when nothing listens and to show what we measure.
		WorkerState probe = new WorkerState(o.seed - 1);
		String probePath = sc.nextPath(probe);
		try {
			Transport pre = newTransport.apply(o.timeout.compareTo(Duration.ofSeconds(30)) > 0 ? o.timeout : Duration.ofSeconds(30));
			long t0 = System.nanoTime();
			Resp r = pre.get(probePath);
			long t1 = System.nanoTime();
			pre.close();
			String body = new String(r.body, 0, r.length, StandardCharsets.UTF_8);
			StringBuilder info = new StringBuilder();
			info.append(r.status).append(' ')
					.append(r.contentType == null ? "-" : r.contentType).append(r.gzip ? " (gzip)" : "").append(", ")
					.append(r.length).append(" bytes, ").append(String.format(Locale.ROOT, "%.2f ms", ms(t1 - t0)));
			Matcher tm = TOTAL_ITEMS.matcher(body);
			if (tm.find()) {
				info.append(", totalItems ").append(tm.group(1));
			}
			if (o.scenario.startsWith("by-query")) {
				info.append(nextCursor(body) != null ? ", has nextCursor" : ", no nextCursor");
			}
			if (o.scenario.equals("catalog-page")) {
				info.append(", ").append(body.split("<tr", -1).length - 1).append(" <tr> elements");
			}
			System.out.printf("preflight  GET %s -> %s%n", abbreviate(probePath, 90), info);
			if (r.status / 100 != 2) {
				System.out.println("WARNING    preflight was not 2xx: " + abbreviate(body.replaceAll("\\s+", " "), 300));
			}
		}
		catch (IOException | InterruptedException e) {
			die("preflight GET " + o.base + probePath + " failed: " + e);
		}

		long warmupNanos = o.warmup.toNanos();
		long durationNanos = o.duration.toNanos();
		Samples[] samples = new Samples[o.threads];
		WorkerState[] states = new WorkerState[o.threads];
		LongAdder non2xx = new LongAdder();
		LongAdder failures = new LongAdder();
		LongAdder warmupRequests = new LongAdder();
		LongAdder bytes = new LongAdder();
		Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
		Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch ready = new CountDownLatch(o.threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] window = new long[2]; // measureStart, measureEnd (nanoTime), set before 'go'

		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < o.threads; t++) {
			int id = t;
			samples[t] = new Samples();
			states[t] = new WorkerState(o.seed * 1_000_003L + t);
			Thread th = new Thread(() -> {
				Samples s = samples[id];
				WorkerState st = states[id];
				Transport tr = newTransport.apply(o.timeout);
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException e) {
					return;
				}
				long start = window[0];
				long end = window[1];
				while (true) {
					long t0 = System.nanoTime();
					if (t0 >= end) {
						break;
					}
					boolean counted = t0 >= start;
					String path = sc.nextPath(st);
					try {
						Resp r = tr.get(path);
						long t1 = System.nanoTime();
						int status = r.status;
						if (sc.needsBody()) {
							sc.onResponse(st, status, Arrays.copyOf(r.body, r.length));
						}
						if (!counted) {
							warmupRequests.increment();
							continue;
						}
						bytes.add(r.length);
						statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
						if (status / 100 == 2) {
							s.add(t1 - t0);
						}
						else {
							non2xx.increment();
							firstError.compareAndSet(null, status + " for GET " + path + ": "
									+ abbreviate(new String(r.body, 0, r.length, StandardCharsets.UTF_8).replaceAll("\\s+", " "), 200));
						}
					}
					catch (IOException e) {
						tr.close();
						sc.onResponse(st, -1, new byte[0]);
						if (counted) {
							failures.increment();
							failureKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
							firstError.compareAndSet(null, e + " for GET " + path);
						}
						else {
							warmupRequests.increment();
						}
						sleepQuietly(10); // do not spin on a dead server
					}
					catch (InterruptedException e) {
						return;
					}
				}
				tr.close();
			}, "load-" + t);
			th.setDaemon(true);
			workers.add(th);
			th.start();
		}
		ready.await();
		long now = System.nanoTime();
		window[0] = now + warmupNanos;
		window[1] = now + warmupNanos + durationNanos;
		go.countDown();
		if (warmupNanos > 0) {
			System.out.printf("running    warm-up %s ...%n", human(o.warmup));
		}
		for (Thread th : workers) {
			th.join();
		}
		long measuredEnd = Math.max(System.nanoTime(), window[1]);
		// Throughput over the measured window (requests that started in it, including their tail).
		double seconds = (measuredEnd - window[0]) / 1e9;

		int n = 0;
		for (Samples s : samples) {
			n += s.n;
		}
		long[] all = new long[n];
		int pos = 0;
		for (Samples s : samples) {
			System.arraycopy(s.a, 0, all, pos, s.n);
			pos += s.n;
		}
		Arrays.sort(all);
		long errors = non2xx.sum();
		long failed = failures.sum();
		long requests = n + errors + failed;
		double sum = 0;
		for (long v : all) {
			sum += v;
		}
		double mean = n == 0 ? 0 : ms((long) (sum / n));
		double p50 = ms(percentile(all, 50));
		double p95 = ms(percentile(all, 95));
		double p99 = ms(percentile(all, 99));
		double max = ms(n == 0 ? 0 : all[n - 1]);
		double rps = requests / seconds;

		Map<Integer, Long> statusCounts = new TreeMap<>();
		statuses.forEach((k, v) -> statusCounts.put(k, v.sum()));
		System.out.printf("requests   %d in %.1f s (+%d warm-up, not counted)%n", requests, seconds, warmupRequests.sum());
		System.out.printf("errors     %d non-2xx, %d failed (I/O or timeout)   statuses %s%s%n", errors, failed,
				statusCounts, failureKinds.isEmpty() ? "" : " failures " + counts(failureKinds));
		if (firstError.get() != null) {
			System.out.println("first err  " + firstError.get());
		}
		System.out.printf(Locale.ROOT, "throughput %.1f req/s, %.2f MiB/s received%n", rps, bytes.sum() / seconds / 1048576);
		if (n > 0) {
			System.out.printf(Locale.ROOT, "latency    p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms  (2xx only, n=%d, exact nearest-rank)%n",
					p50, p95, p99, max, mean, n);
		}
		else {
			System.out.println("latency    n/a: no 2xx responses");
		}
		if (o.scenario.equals("by-query-cursor")) {
			long followed = 0, restarts = 0;
			for (WorkerState st : states) {
				followed += st.pagesFollowed;
				restarts += st.restarts;
			}
			System.out.printf("cursor     %d nextCursor hops followed, %d restarts from page 1 (incl. warm-up)%n", followed, restarts);
		}
		String verdict = "-";
		if (o.targetP95 != null) {
			boolean pass = n > 0 && p95 <= o.targetP95 && errors == 0 && failed == 0;
			verdict = pass ? "PASS" : "FAIL";
			System.out.printf(Locale.ROOT, "target     p95 <= %s ms and no errors: %s%n", fmt(o.targetP95), verdict);
		}

		if (o.writeResults) {
			Path dir = Path.of(o.resultsDir);
			Files.createDirectories(dir);
			Path file = dir.resolve(LocalDate.now() + ".md");
			String header = "| time | scenario | threads | warm-up | duration | requests | non-2xx | failed | req/s | p50 ms | p95 ms | p99 ms | max ms | p95 target ms | result | notes |\n"
					+ "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n";
			boolean none = n == 0;
			java.util.function.DoubleFunction<String> cell = v -> none ? "-" : String.format(Locale.ROOT, "%.3f", v);
			String row = String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %d | %d | %d | %.1f | %s | %s | %s | %s | %s | %s | %s |%n",
					LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")), o.scenario, o.threads,
					human(o.warmup), human(o.duration), requests, errors, failed, rps, cell.apply(p50), cell.apply(p95),
					cell.apply(p99), cell.apply(max),
					o.targetP95 == null ? "-" : fmt(o.targetP95), verdict, o.label.replace("|", "/"));
			String existing = Files.exists(file) ? Files.readString(file) : "";
			String lastLine = lastNonBlankLine(existing);
			String out = (lastLine.startsWith("| ") && existing.contains(header.substring(0, 40)) ? "" : (existing.isEmpty() ? "" : "\n") + header) + row;
			if (existing.isEmpty()) {
				out = "# Benchmark results " + LocalDate.now() + "\n\nWritten by bench/LoadDriver.java and bench/run-all.sh; latency over 2xx responses, exact nearest-rank percentiles.\n\n" + out;
			}
			Files.writeString(file, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			System.out.println("results    appended to " + file);
		}
		if (o.jsonOut != null) {
			long followed = 0, restarts = 0;
			for (WorkerState st : states) {
				followed += st.pagesFollowed;
				restarts += st.restarts;
			}
			String json = String.format(Locale.ROOT,
					"{\"scenario\":\"%s\",\"base\":\"%s\",\"threads\":%d,\"warmupSeconds\":%.3f,\"durationSeconds\":%.3f,"
							+ "\"measuredSeconds\":%.3f,\"preflightPath\":\"%s\",\"warmupRequests\":%d,\"requests\":%d,\"ok\":%d,"
							+ "\"non2xx\":%d,\"failed\":%d,\"statuses\":%s,\"throughput\":%.3f,\"p50Ms\":%.4f,\"p95Ms\":%.4f,"
							+ "\"p99Ms\":%.4f,\"maxMs\":%.4f,\"meanMs\":%.4f,\"targetP95Ms\":%s,\"result\":\"%s\","
							+ "\"cursorHops\":%d,\"cursorRestarts\":%d}%n",
					o.scenario, o.base, o.threads, o.warmup.toNanos() / 1e9, o.duration.toNanos() / 1e9, seconds,
					probePath.replace("\\", "\\\\").replace("\"", "\\\""), warmupRequests.sum(), requests, n, errors, failed,
					statusCounts.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
							.collect(java.util.stream.Collectors.joining(",", "{", "}")),
					rps, p50, p95, p99, max, mean, o.targetP95 == null ? "null" : fmt(o.targetP95), verdict, followed, restarts);
			Files.writeString(Path.of(o.jsonOut), json);
		}
		if (o.failOnTarget && (verdict.equals("FAIL") || errors > 0 || failed > 0)) {
			System.exit(3);
		}
	}

	static String lastNonBlankLine(String s) {
		String[] lines = s.split("\n");
		for (int i = lines.length - 1; i >= 0; i--) {
			if (!lines[i].isBlank()) {
				return lines[i];
			}
		}
		return "";
	}

	static String counts(Map<String, LongAdder> m) {
		Map<String, Long> out = new TreeMap<>();
		m.forEach((k, v) -> out.put(k, v.sum()));
		return out.toString();
	}

	static String fmt(double d) {
		return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
	}

	static String human(Duration d) {
		long ms = d.toMillis();
		if (ms % 60_000 == 0 && ms >= 60_000) {
			return (ms / 60_000) + "m";
		}
		if (ms % 1000 == 0) {
			return (ms / 1000) + "s";
		}
		return ms + "ms";
	}

	static String abbreviate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max) + "...";
	}

	static void sleepQuietly(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	// ---------------------------------------------------------------- self test

	static void check(boolean ok, String what) {
		if (!ok) {
			throw new AssertionError("self-test failed: " + what);
		}
		System.out.println("ok   " + what);
	}

	static void selfTest() {
		long[] hundred = new long[100];
		for (int i = 0; i < 100; i++) {
			hundred[i] = i + 1; // 1..100
		}
		check(percentile(hundred, 50) == 50, "p50 of 1..100 = 50");
		check(percentile(hundred, 95) == 95, "p95 of 1..100 = 95");
		check(percentile(hundred, 99) == 99, "p99 of 1..100 = 99");
		check(percentile(hundred, 100) == 100, "p100 of 1..100 = 100");
		check(percentile(new long[] {7}, 99) == 7, "p99 of a single sample is that sample");
		check(percentile(new long[0], 95) == 0, "empty input gives 0");
		long[] thousand = new long[1000];
		for (int i = 0; i < 1000; i++) {
			thousand[i] = i < 940 ? 1 : 100; // 94% fast, 6% slow
		}
		check(percentile(thousand, 94) == 1 && percentile(thousand, 95) == 100, "94% at 1, 6% at 100: p94 = 1, p95 = 100");
		long[] ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
		check(percentile(ten, 50) == 50 && percentile(ten, 95) == 100 && percentile(ten, 90) == 90, "nearest rank on 10 samples");
		check(nextCursor("{\"items\":[],\"totalItems\":3,\"pageInfo\":{\"nextCursor\":\"eyJhIjoxfQ==\"}}").equals("eyJhIjoxfQ=="), "nextCursor extraction");
		check(nextCursor("{\"pageInfo\" : { \"prevCursor\":\"x\", \"nextCursor\" : \"a\\/b\\u003d\\\"c\" }}").equals("a/b=\"c"), "nextCursor with JSON escapes");
		check(nextCursor("{\"items\":[],\"pageInfo\":{}}") == null, "no nextCursor on the last page");
		check(enc("a b+c/=").equals("a%20b%2Bc%2F%3D"), "URL encoding of cursors");
		check(parseDuration("30s").toMillis() == 30_000 && parseDuration("2m").toMillis() == 120_000
				&& parseDuration("250ms").toMillis() == 250 && parseDuration("5").toMillis() == 5000, "duration parsing");
		Samples s = new Samples();
		for (int i = 0; i < 100_000; i++) {
			s.add(i);
		}
		check(s.n == 100_000 && s.a[99_999] == 99_999, "sample buffer grows");
		System.out.println("self-test passed");
	}
}
