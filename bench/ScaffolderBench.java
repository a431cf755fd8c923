import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scaffolder benchmark: runs Atrium's built-in template (template:default/spring-boot-service) through the
 * Backstage-compatible API and measures, per task, the time from POST /api/scaffolder/v2/tasks to the task
 * reading "completed" in GET /v2/tasks/:id (its last step registers the new repository in the catalog, so
 * completed = rendered, pushed to the git host and registered). JDK only:
 *
 *   java bench/ScaffolderBench.java [--base http://127.0.0.1:8080] [--sequential 20] [--burst 20] [--features web,actuator]
 *
 * First --sequential tasks one after another (the latency a user sees), then --burst tasks submitted at
 * once (all must succeed). ATRIUM_TOKEN, if set, is sent as a bearer token.
 */
public class ScaffolderBench {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

	record Outcome(String name, String status, double seconds, String detail) {
	}

	public static void main(String[] args) throws Exception {
		String base = "http://127.0.0.1:8080";
		int sequential = 20;
		int burst = 20;
		String features = "web,actuator";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--base" -> base = args[++i];
				case "--sequential" -> sequential = Integer.parseInt(args[++i]);
				case "--burst" -> burst = Integer.parseInt(args[++i]);
				case "--features" -> features = args[++i];
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		String run = "b" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
		String featureJson = features.isBlank() ? "[]"
				: "[\"" + String.join("\",\"", features.split(",")) + "\"]";
		// warm-up: one task, not counted (first use of each code path)
		Outcome warm = runOne(base, run + "-warm", featureJson);
		System.out.println("warm-up: " + warm);

		List<Outcome> one = new ArrayList<>();
		for (int i = 0; i < sequential; i++) {
			one.add(runOne(base, run + "-s" + i, featureJson));
		}
		report("sequential (one at a time)", one);

		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, burst));
		List<Future<Outcome>> futures = new ArrayList<>();
		final String b = base;
		for (int i = 0; i < burst; i++) {
			String name = run + "-c" + i;
			Callable<Outcome> task = () -> runOne(b, name, featureJson);
			futures.add(pool.submit(task));
		}
		List<Outcome> all = new ArrayList<>();
		for (Future<Outcome> f : futures) {
			all.add(f.get());
		}
		pool.shutdown();
		report(burst + " submitted at once", all);
	}

	static Outcome runOne(String base, String name, String features) throws Exception {
		String body = "{\"templateRef\":\"template:default/spring-boot-service\",\"values\":{\"name\":\"" + name
				+ "\",\"owner\":\"group:default/platform-team\",\"features\":" + features + "}}";
		long start = System.nanoTime();
		HttpResponse<String> created = HTTP.send(request(base + "/api/scaffolder/v2/tasks")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher id = ID.matcher(created.body());
		if (created.statusCode() != 201 || !id.find()) {
			return new Outcome(name, "refused", seconds(start), created.statusCode() + " " + created.body());
		}
		String url = base + "/api/scaffolder/v2/tasks/" + id.group(1);
		long deadline = start + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> task = HTTP.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
			Matcher status = STATUS.matcher(task.body());
			String s = status.find() ? status.group(1) : "unknown";
			if (s.equals("completed") || s.equals("failed") || s.equals("cancelled")) {
				return new Outcome(name, s, seconds(start), s.equals("completed") ? "" : task.body());
			}
			Thread.sleep(20);
		}
		return new Outcome(name, "timeout", seconds(start), "");
	}

	static HttpRequest.Builder request(String url) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		String token = System.getenv("ATRIUM_TOKEN");
		if (token != null && !token.isBlank()) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	static void report(String label, List<Outcome> outcomes) {
		List<Double> times = new ArrayList<>();
		long ok = 0;
		for (Outcome o : outcomes) {
			if (o.status().equals("completed")) {
				ok++;
			}
			else {
				System.out.println("  NOT COMPLETED: " + o);
			}
			times.add(o.seconds());
		}
		Collections.sort(times);
		System.out.printf(Locale.ROOT, "%s: %d tasks, %d completed; submit to pushed-and-registered p50 %.3f s, p95 %.3f s, max %.3f s%n",
				label, outcomes.size(), ok, percentile(times, 50), percentile(times, 95), times.get(times.size() - 1));
	}

	static double percentile(List<Double> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
