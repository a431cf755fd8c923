package dev.atrium.workflows;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;

/**
 * Sends events the way a scheduler does: the official OpenLineage Java client with its HTTP
 * transport pointed at the running application (default endpoint {@code api/v1/lineage}) and an
 * API key, which the transport sends as {@code Authorization: Bearer <key>}.
 */
final class OpenLineageEmitter implements AutoCloseable {

	static final URI PRODUCER = URI.create("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/client/java");

	final OpenLineage ol = new OpenLineage(PRODUCER);

	private final OpenLineageClient client;

	OpenLineageEmitter(String baseUrl, String apiKey) {
		this(baseUrl, apiKey, false);
	}

	/** With {@code gzip}, the transport's {@code compression: gzip}: bodies sent with Content-Encoding gzip. */
	OpenLineageEmitter(String baseUrl, String apiKey, boolean gzip) {
		HttpConfig config = new HttpConfig();
		if (gzip) {
			config.setCompression(HttpConfig.Compression.GZIP);
		}
		config.setUrl(URI.create(baseUrl));
		config.setTimeoutInMillis(10_000);
		if (apiKey != null) {
			ApiKeyTokenProvider token = new ApiKeyTokenProvider();
			token.setApiKey(apiKey);
			config.setAuth(token);
		}
		this.client = OpenLineageClient.builder().transport(new HttpTransport(config)).build();
	}

	/** One event of a task run of a DAG run (or of a run without parent when {@code parentRun} is null). */
	void emit(EventType type, Instant time, UUID runId, String namespace, String job, UUID parentRun, String parentJob,
			String error, List<String> reads, List<String> writes) {
		var facets = ol.newRunFacetsBuilder();
		if (parentRun != null) {
			facets.parent(ol.newParentRunFacetBuilder()
				.run(ol.newParentRunFacetRunBuilder().runId(parentRun).build())
				.job(ol.newParentRunFacetJobBuilder().namespace(namespace).name(parentJob).build())
				.build());
		}
		if (error != null) {
			facets.errorMessage(ol.newErrorMessageRunFacetBuilder()
				.message(error)
				.programmingLanguage("python")
				.stackTrace("Traceback (most recent call last):\n  ...\n" + error)
				.build());
		}
		client.emit(ol.newRunEventBuilder()
			.eventType(type)
			.eventTime(ZonedDateTime.ofInstant(time, ZoneOffset.UTC))
			.run(ol.newRunBuilder().runId(runId).facets(facets.build()).build())
			.job(ol.newJobBuilder().namespace(namespace).name(job).build())
			.inputs(reads.stream().map(d -> ol.newInputDatasetBuilder().namespace("s3://lake").name(d).build()).toList())
			.outputs(writes.stream().map(d -> ol.newOutputDatasetBuilder().namespace("s3://lake").name(d).build()).toList())
			.build());
	}

	/**
	 * A whole Airflow DAG run: the DAG run's START, each task's START and COMPLETE (or FAIL with the
	 * error for the task named {@code failing}), then the DAG run's COMPLETE or FAIL.
	 * @return the DAG run's id
	 */
	UUID dagRun(String namespace, String dag, Instant start, List<String> tasks, String failing, String error,
			List<String> reads, List<String> writes) {
		UUID dagRun = UUID.randomUUID();
		emit(EventType.START, start, dagRun, namespace, dag, null, null, null, List.of(), List.of());
		Instant t = start;
		boolean failed = false;
		for (int i = 0; i < tasks.size(); i++) {
			String task = tasks.get(i);
			UUID run = UUID.randomUUID();
			List<String> in = i == 0 ? reads : List.of();
			List<String> out = i == tasks.size() - 1 ? writes : List.of();
			emit(EventType.START, t, run, namespace, dag + "." + task, dagRun, dag, null, in, out);
			t = t.plusSeconds(30 + 10L * i);
			boolean fails = task.equals(failing);
			emit(fails ? EventType.FAIL : EventType.COMPLETE, t, run, namespace, dag + "." + task, dagRun, dag,
					fails ? error : null, in, out);
			if (fails) {
				failed = true;
				break;
			}
		}
		emit(failed ? EventType.FAIL : EventType.COMPLETE, t.plusSeconds(1), dagRun, namespace, dag, null, null, null,
				List.of(), List.of());
		return dagRun;
	}

	@Override
	public void close() throws Exception {
		client.close();
	}

}
