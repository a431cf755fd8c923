import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load on POST /api/v1/lineage. JDK only, run with the source launcher:
 *
 * <pre>
 *   java bench/workflows/IngestDriver.java --base http://127.0.0.1:18085 --threads 16 --batch 1 --duration 30s
 * </pre>
 *
 * Each worker keeps one HTTP/1.1 keep-alive connection and sends, back to back, the events of
 * Airflow-like DAG runs: the DAG run's START, a task run's START and COMPLETE (parent run facet,
 * an input and an output dataset), the DAG run's COMPLETE; {@code --pipelines} DAGs are picked at
 * random. With {@code --batch 1} every event is its own request, as OpenLineage's HTTP transport
 * sends them; with {@code --batch N}, N events go in one JSON array. Prints events/s, requests/s,
 * latency percentiles (exact, nearest rank) and errors; events sent during the warm-up are not counted.
 */
public class IngestDriver {

	public static void main(String[] args) throws Exception {
		String base = "http://127.0.0.1:18085";
		int threads = 16;
		int batch = 1;
		int pipelines = 1000;
		Duration duration = Duration.ofSeconds(30);
		Duration warmup = Duration.ofSeconds(10);
		String token = System.getenv("ATRIUM_TOKEN");
		for (int i = 0; i < args.length; i += 2) {
			String v = i + 1 < args.length ? args[i + 1] : "";
			switch (args[i]) {
				case "--base" -> base = v;
				case "--threads" -> threads = Integer.parseInt(v);
				case "--batch" -> batch = Integer.parseInt(v);
				case "--pipelines" -> pipelines = Integer.parseInt(v);
				case "--duration" -> duration = parse(v);
				case "--warmup" -> warmup = parse(v);
				default -> {
					System.err.println("Usage: java bench/workflows/IngestDriver.java [--base URL] [--threads N] [--batch N] "
							+ "[--pipelines N] [--duration 30s] [--warmup 10s]   (ATRIUM_TOKEN sent as a bearer token)");
					System.exit(2);
				}
			}
		}
		URI uri = URI.create(base);
		long warmEnd = System.nanoTime() + warmup.toNanos();
		long end = warmEnd + duration.toNanos();
		LongAdder events = new LongAdder();
		LongAdder requests = new LongAdder();
		LongAdder errors = new LongAdder();
		List<long[]> latencies = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			long[] samples = new long[1_000_000];
			latencies.add(samples);
			int worker = t;
			int perRequest = batch;
			int dags = pipelines;
			String bearer = token;
			Thread thread = new Thread(() -> {
				try {
					run(uri, worker, perRequest, dags, bearer, warmEnd, end, events, requests, errors, samples);
				}
				catch (Exception ex) {
					System.err.println("worker " + worker + ": " + ex);
				}
				finally {
					done.countDown();
				}
			});
			thread.start();
		}
		done.await();
		long count = requests.sum();
		long[] all = new long[(int) Math.min(count, Integer.MAX_VALUE)];
		int n = 0;
		for (long[] s : latencies) {
			for (long v : s) {
				if (v == 0) {
					break;
				}
				if (n < all.length) {
					all[n++] = v;
				}
			}
		}
		Arrays.sort(all, 0, n);
		double seconds = duration.toNanos() / 1e9;
		System.out.printf(Locale.ROOT, "threads=%d batch=%d pipelines=%d duration=%.0fs%n", threads, batch, pipelines, seconds);
		System.out.printf(Locale.ROOT, "events/s=%.0f requests/s=%.0f errors=%d%n", events.sum() / seconds, count / seconds,
				errors.sum());
		if (n > 0) {
			System.out.printf(Locale.ROOT, "latency ms p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", pct(all, n, 50), pct(all, n, 95),
					pct(all, n, 99), all[n - 1] / 1e6);
		}
	}

	static double pct(long[] sorted, int n, double p) {
		int rank = (int) Math.ceil(p / 100 * n);
		return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
	}

	static void run(URI uri, int worker, int batch, int pipelines, String token, long warmEnd, long end, LongAdder events,
			LongAdder requests, LongAdder errors, long[] samples) throws IOException {
		SplittableRandom random = new SplittableRandom(worker * 7919L + 1);
		List<String> pending = new ArrayList<>();
		int k = 0;
		Socket socket = null;
		OutputStream out = null;
		InputStream in = null;
		try {
			while (System.nanoTime() < end) {
				if (socket == null) {
					socket = new Socket(uri.getHost(), uri.getPort());
					socket.setTcpNoDelay(true);
					out = socket.getOutputStream();
					in = socket.getInputStream();
				}
				List<String> send = new ArrayList<>();
				while (send.size() < batch) {
					if (pending.isEmpty()) {
						pending.addAll(dagRun(random.nextInt(pipelines), random));
					}
					send.add(pending.remove(0));
				}
				byte[] body = (batch == 1 ? send.get(0) : "[" + String.join(",", send) + "]").getBytes(StandardCharsets.UTF_8);
				String head = "POST /api/v1/lineage HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\n"
						+ (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Content-Length: " + body.length
						+ "\r\n\r\n";
				long start = System.nanoTime();
				int status;
				boolean close;
				try {
					out.write(head.getBytes(StandardCharsets.US_ASCII));
					out.write(body);
					out.flush();
					int response = readResponse(in);
					status = Math.abs(response);
					close = response < 0;
				}
				catch (IOException ex) {
					status = -1;
					close = true;
				}
				long took = System.nanoTime() - start;
				if (close) {
					socket.close();
					socket = null;
				}
				if (start >= warmEnd) {
					requests.increment();
					if (status == 201) {
						events.add(send.size());
						if (k < samples.length) {
							samples[k++] = took;
						}
					}
					else {
						errors.increment();
					}
				}
			}
		}
		finally {
			if (socket != null) {
				socket.close();
			}
		}
	}

	/** Reads one response (status line, headers, Content-Length or chunked body); returns the status, negative when the server closes the connection. */
	static int readResponse(InputStream in) throws IOException {
		String status = line(in);
		int code = Integer.parseInt(status.split(" ")[1]);
		long length = 0;
		boolean chunked = false;
		boolean close = false;
		String h;
		while (!(h = line(in)).isEmpty()) {
			String lower = h.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
			if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		if (chunked) {
			while (true) {
				long size = Long.parseLong(line(in).split(";")[0].trim(), 16);
				in.skipNBytes(size);
				line(in);
				if (size == 0) {
					break;
				}
			}
		}
		else {
			in.skipNBytes(length);
		}
		return close ? -code : code;
	}

	static String line(InputStream in) throws IOException {
		StringBuilder s = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				s.append((char) c);
			}
		}
		if (c == -1 && s.length() == 0) {
			throw new IOException("connection closed");
		}
		return s.toString();
	}

	static List<String> dagRun(int pipeline, SplittableRandom random) {
		String dag = "dag_" + pipeline;
		String task = dag + ".task_" + random.nextInt(4);
		UUID dagRun = UUID.randomUUID();
		UUID taskRun = UUID.randomUUID();
		Instant t = Instant.now();
		String parent = "\"parent\":{\"_producer\":\"https://example.org/bench\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-0-0/ParentRunFacet.json\","
				+ "\"run\":{\"runId\":\"" + dagRun + "\"},\"job\":{\"namespace\":\"bench\",\"name\":\"" + dag + "\"}}";
		String io = "\"inputs\":[{\"namespace\":\"s3://bench\",\"name\":\"ds_" + pipeline + "_in\"}],\"outputs\":[{\"namespace\":\"s3://bench\",\"name\":\"ds_"
				+ pipeline + "_out\"}]";
		return List.of(event("START", t, dagRun, dag, "", "\"inputs\":[],\"outputs\":[]"),
				event("START", t.plusMillis(5), taskRun, task, parent, io),
				event("COMPLETE", t.plusMillis(900 + random.nextInt(600)), taskRun, task, parent, io),
				event(random.nextInt(50) == 0 ? "FAIL" : "COMPLETE", t.plusMillis(1600), dagRun, dag, "", "\"inputs\":[],\"outputs\":[]"));
	}

	static String event(String type, Instant time, UUID run, String job, String facets, String io) {
		return "{\"eventType\":\"" + type + "\",\"eventTime\":\"" + time + "\",\"producer\":\"https://example.org/bench\","
				+ "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\",\"run\":{\"runId\":\"" + run
				+ "\",\"facets\":{" + facets + "}},\"job\":{\"namespace\":\"bench\",\"name\":\"" + job + "\",\"facets\":{}}," + io + "}";
	}

	static Duration parse(String v) {
		if (v.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
		}
		if (v.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
		}
		return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
	}

}
