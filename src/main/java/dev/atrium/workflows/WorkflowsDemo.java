package dev.atrium.workflows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atrium.workflows.openlineage.EventParser;
import dev.atrium.workflows.openlineage.RunEvent;
import dev.atrium.workflows.openlineage.RunWriter;
import dev.atrium.workflows.run.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Run histories for the demo catalog's three pipelines (its {@code openlineage.io/job}
 * annotations), written on an empty database through the same parser and writer as real events:
 * the daily sales DAG with four tasks and a currency-rate failure nine days ago, the hourly
 * listening rollup that stopped five hours ago (late), and the recommendations training whose
 * latest run ran out of memory. Run ids derive from job and scheduled time, so generating twice
 * (two instances at once) writes the same rows. Only with the demo catalog ({@code atrium.catalog.demo});
 * off with {@code atrium.workflows.demo=false}.
 */
@Component
class WorkflowsDemo {

	static final String AIRFLOW = "brightwave-airflow";

	static final String SPARK = "brightwave-spark";

	private static final String PAYMENTS_DB = "postgres://payments-db.brightwave.internal:5432";

	private static final String LAKE = "s3://brightwave-data-lake";

	private static final String PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";

	private static final Logger log = LoggerFactory.getLogger(WorkflowsDemo.class);

	private final WorkflowsProperties properties;

	private final RunStore store;

	private final EventParser parser;

	private final RunWriter writer;

	private final Clock clock;

	private final List<String> events = new ArrayList<>();

	private volatile Instant generatedAt;

	private final boolean catalogDemo;

	WorkflowsDemo(WorkflowsProperties properties, RunStore store, EventParser parser, RunWriter writer,
			ObjectProvider<Clock> clock, @Value("${atrium.catalog.demo:true}") boolean catalogDemo) {
		this.properties = properties;
		this.catalogDemo = catalogDemo;
		this.store = store;
		this.parser = parser;
		this.writer = writer;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@EventListener(ApplicationReadyEvent.class)
	void generateWhenEmpty() {
		// The histories belong to the demo catalog's pipelines: without that catalog they would be orphans.
		if (!properties.demo() || !catalogDemo || !store.empty()) {
			return;
		}
		try {
			generate(clock.instant());
			log.info("Generated demo run histories for {} events; turn them off with atrium.workflows.demo=false", events.size());
		}
		catch (RuntimeException ex) {
			log.error("Could not generate the demo pipelines' runs", ex);
		}
	}

	/** When the histories were last generated for, or null. */
	Instant generatedAt() {
		return generatedAt;
	}

	synchronized void generate(Instant now) {
		generatedAt = now;
		events.clear();
		Instant today = now.truncatedTo(ChronoUnit.DAYS);
		for (int day = 30; day >= 0; day--) {
			Instant scheduled = today.minus(day, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS);
			if (scheduled.isBefore(now.minus(1, ChronoUnit.HOURS))) {
				dailySales(scheduled, day == 9);
			}
		}
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		for (int h = 48; h >= 5; h--) {
			rollup(hour.minus(h, ChronoUnit.HOURS).plus(15, ChronoUnit.MINUTES));
		}
		for (int day = 14; day >= 0; day--) {
			Instant scheduled = today.minus(day, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES);
			if (scheduled.isBefore(now.minus(1, ChronoUnit.HOURS))) {
				training(scheduled, day == 0 || scheduled.plus(1, ChronoUnit.DAYS).isAfter(now.minus(1, ChronoUnit.HOURS)));
			}
		}
		for (int i = 0; i < events.size(); i += 400) {
			List<RunEvent> chunk = parser.parse(("[" + String.join(",", events.subList(i, Math.min(i + 400, events.size())))
					+ "]").getBytes(StandardCharsets.UTF_8));
			writer.write(chunk);
		}
	}

	private void dailySales(Instant scheduled, boolean ratesDown) {
		String dag = "daily_sales_etl";
		UUID dagRun = id(dag, scheduled);
		Instant t = scheduled.plusSeconds(20 + jitter(scheduled, 40));
		event("START", t, dagRun, AIRFLOW, dag, null, null, "", "", nominal(scheduled));
		t = task(dagRun, dag, "extract_orders", t, 240 + jitter(scheduled, 120), null,
				input(PAYMENTS_DB, "payments.public.orders"), "");
		t = task(dagRun, dag, "extract_payments", t, 180 + jitter(scheduled.plusSeconds(1), 90), null,
				input(PAYMENTS_DB, "payments.public.captures"), "");
		String error = ratesDown ? "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: "
				+ "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml (ECB reference rates not published yet)" : null;
		t = task(dagRun, dag, "convert_currency", t, 60 + jitter(scheduled.plusSeconds(2), 30), error, "", "");
		if (error == null) {
			t = task(dagRun, dag, "load_daily_sales", t, 420 + jitter(scheduled.plusSeconds(3), 300), null, "",
					input(LAKE, "daily_sales"));
		}
		event(error == null ? "COMPLETE" : "FAIL", t.plusSeconds(2), dagRun, AIRFLOW, dag, null, null, "", "", nominal(scheduled));
	}

	private void rollup(Instant scheduled) {
		String dag = "listening_sessions_rollup";
		UUID dagRun = id(dag, scheduled);
		Instant t = scheduled.plusSeconds(5 + jitter(scheduled, 20));
		event("START", t, dagRun, AIRFLOW, dag, null, null, "", "", nominal(scheduled));
		t = task(dagRun, dag, "read_events", t, 90 + jitter(scheduled, 60), null,
				input("kafka://events.brightwave.internal:9092", "listening-events"), "");
		t = task(dagRun, dag, "sessionize", t, 300 + jitter(scheduled.plusSeconds(1), 200), null, "", "");
		t = task(dagRun, dag, "write_rollups", t, 120 + jitter(scheduled.plusSeconds(2), 60), null, "",
				input(LAKE, "listening_sessions") + "," + input(LAKE, "listening_hourly"));
		event("COMPLETE", t.plusSeconds(1), dagRun, AIRFLOW, dag, null, null, "", "", nominal(scheduled));
	}

	private void training(Instant scheduled, boolean outOfMemory) {
		String job = "recommendations_training";
		UUID run = id(job, scheduled);
		Instant start = scheduled.plusSeconds(30 + jitter(scheduled, 60));
		String in = input(LAKE, "listening_sessions");
		String out = input(LAKE, "models/recommendations_als");
		event("START", start, run, SPARK, job, null, null, in, out, nominal(scheduled));
		Instant end = start.plusSeconds(2400 + jitter(scheduled, 900));
		String error = outOfMemory ? "org.apache.spark.SparkException: Job aborted due to stage failure: Task 17 in stage 4.0 "
				+ "failed 4 times, most recent failure: Lost task 17.3 in stage 4.0 (executor 6): java.lang.OutOfMemoryError: "
				+ "Java heap space" : null;
		event(error == null ? "COMPLETE" : "FAIL", end, run, SPARK, job, null, error, in, error == null ? out : "",
				nominal(scheduled));
	}

	private Instant task(UUID dagRun, String dag, String task, Instant start, long seconds, String error, String in, String out) {
		UUID run = id(dag + "." + task, start);
		event("START", start, run, AIRFLOW, dag + "." + task, dagRun, null, in, out, "");
		Instant end = start.plusSeconds(seconds);
		event(error == null ? "COMPLETE" : "FAIL", end, run, AIRFLOW, dag + "." + task, dagRun, error, in, out, "");
		return end.plusSeconds(3);
	}

	private void event(String type, Instant time, UUID run, String namespace, String job, UUID parentRun, String error,
			String inputs, String outputs, String extraFacets) {
		StringBuilder facets = new StringBuilder(extraFacets);
		if (parentRun != null) {
			comma(facets).append("\"parent\":{").append(facet("ParentRunFacet")).append(",\"run\":{\"runId\":\"")
				.append(parentRun).append("\"},\"job\":{\"namespace\":\"").append(namespace).append("\",\"name\":\"")
				.append(job, 0, job.indexOf('.')).append("\"}}");
		}
		if (error != null) {
			comma(facets).append("\"errorMessage\":{").append(facet("ErrorMessageRunFacet")).append(",\"message\":\"")
				.append(error.replace("\"", "\\\"")).append("\",\"programmingLanguage\":\"")
				.append(namespace.equals(SPARK) ? "scala" : "python").append("\"}");
		}
		events.add("{\"eventType\":\"" + type + "\",\"eventTime\":\"" + time + "\",\"producer\":\"" + PRODUCER
				+ "\",\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\",\"run\":{\"runId\":\""
				+ run + "\",\"facets\":{" + facets + "}},\"job\":{\"namespace\":\"" + namespace + "\",\"name\":\"" + job
				+ "\",\"facets\":{}},\"inputs\":[" + inputs + "],\"outputs\":[" + outputs + "]}");
	}

	private static StringBuilder comma(StringBuilder s) {
		return s.length() > 0 ? s.append(',') : s;
	}

	private static String nominal(Instant scheduled) {
		return "\"nominalTime\":{" + facet("NominalTimeRunFacet") + ",\"nominalStartTime\":\"" + scheduled + "\"}";
	}

	private static String facet(String name) {
		return "\"_producer\":\"" + PRODUCER + "\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-0-0/" + name + ".json\"";
	}

	private static String input(String namespace, String name) {
		return "{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\"}";
	}

	private static UUID id(String job, Instant time) {
		return UUID.nameUUIDFromBytes(("atrium-demo/" + job + "/" + time.atOffset(ZoneOffset.UTC)).getBytes(StandardCharsets.UTF_8));
	}

	/** A repeatable pseudo-random number of seconds below {@code range}. */
	private static long jitter(Instant seed, long range) {
		return Math.floorMod(id("jitter", seed).getLeastSignificantBits(), range);
	}

}
