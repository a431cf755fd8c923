import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scaffolder benchmark: runs the built-in template (template:default/spring-boot-service) through
 * Atrium's Backstage-compatible API and measures submit -> pushed-and-registered, i.e. from
 * POST /api/scaffolder/v2/tasks until the task's completion event on its event stream, then checks that
 * the new component is in the catalog. First one run at a time (latency), then N at once (all must succeed).
 *
 *   BENCH_TOKEN=<an ATRIUM_API_TOKENS secret> java bench/scaffolder/ScaffolderBench.java http://localhost:18090 20 20
 *   (base URL, sequential runs, concurrent runs)
 */
public class ScaffolderBench {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

	record Run(String name, long millis, String status, boolean registered) {
	}

	public static void main(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://localhost:18090";
		int sequential = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		int concurrent = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		waitForTemplate(base);
		String prefix = "bench" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
		run(base, prefix + "-warm");
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < sequential; i++) {
			runs.add(run(base, prefix + "-s" + i));
		}
		report("one at a time", runs, -1);
		ExecutorService pool = Executors.newFixedThreadPool(concurrent);
		List<Future<Run>> futures = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < concurrent; i++) {
			String name = prefix + "-c" + i;
			futures.add(pool.submit(() -> run(base, name)));
		}
		List<Run> parallel = new ArrayList<>();
		for (Future<Run> f : futures) {
			parallel.add(f.get());
		}
		long wall = (System.nanoTime() - start) / 1_000_000;
		pool.shutdown();
		report(concurrent + " at once", parallel, wall);
	}

	static Run run(String base, String name) throws Exception {
		String body = "{\"templateRef\":\"template:default/spring-boot-service\",\"values\":{\"name\":\"" + name
				+ "\",\"owner\":\"group:default/platform-team\",\"features\":[\"web\",\"actuator\"]}}";
		long start = System.nanoTime();
		HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/scaffolder/v2/tasks"))
			.header("Authorization", "Bearer " + System.getenv().getOrDefault("BENCH_TOKEN", ""))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("POST /v2/tasks answered " + created.statusCode() + ": " + created.body());
		}
		Matcher id = ID.matcher(created.body());
		id.find();
		String task = id.group(1);
		HttpResponse<String> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/scaffolder/v2/tasks/" + task + "/eventstream"))
			.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
		long millis = (System.nanoTime() - start) / 1_000_000;
		String status = "unknown";
		int completion = stream.body().lastIndexOf("event:completion");
		if (completion >= 0) {
			Matcher s = STATUS.matcher(stream.body().substring(completion));
			status = s.find() ? s.group(1) : status;
		}
		else if (stream.body().contains("event:cancelled")) {
			status = "cancelled";
		}
		boolean registered = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/catalog/entities/by-name/component/default/" + name)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		return new Run(name, millis, status, registered);
	}

	static void waitForTemplate(String base) throws Exception {
		for (int i = 0; i < 600; i++) {
			try {
				if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/scaffolder/v2/templates/default/template/spring-boot-service/parameter-schema"))
					.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (java.io.IOException ex) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The built-in template did not appear at " + base);
	}

	static void report(String what, List<Run> runs, long wall) {
		List<Long> times = new ArrayList<>(runs.stream().map(Run::millis).toList());
		Collections.sort(times);
		long ok = runs.stream().filter(r -> r.status().equals("completed") && r.registered()).count();
		System.out.printf("%s: %d runs, %d completed and registered; submit->pushed-and-registered p50 %d ms, p95 %d ms, max %d ms%s%n",
				what, runs.size(), ok, times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.95) - 1),
				times.get(times.size() - 1), wall >= 0 ? ", wall " + wall + " ms" : "");
		runs.stream().filter(r -> !(r.status().equals("completed") && r.registered()))
			.forEach(r -> System.out.println("  not ok: " + r));
	}

}
