package dev.atrium.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** OpenLineage RunEvents as JSON text, written as a scheduler would send them. */
final class Events {

	static final String PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";

	static final String SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

	private final String type;

	private final UUID runId;

	private final String namespace;

	private final String name;

	private Instant time;

	private final List<String> runFacets = new ArrayList<>();

	private final List<String> inputs = new ArrayList<>();

	private final List<String> outputs = new ArrayList<>();

	private Events(String type, UUID runId, String namespace, String name, Instant time) {
		this.type = type;
		this.runId = runId;
		this.namespace = namespace;
		this.name = name;
		this.time = time;
	}

	static Events event(String type, UUID runId, String job, Instant time) {
		int slash = job.indexOf('/');
		return new Events(type, runId, job.substring(0, slash), job.substring(slash + 1), time);
	}

	/** An event of a job whose namespace may hold slashes, such as {@code airflow://host:8080}. */
	static Events event(String type, UUID runId, String namespace, String name, Instant time) {
		return new Events(type, runId, namespace, name, time);
	}

	Events parent(UUID parentRunId, String parentJob) {
		int slash = parentJob.indexOf('/');
		runFacets.add("\"parent\":{\"_producer\":\"" + PRODUCER + "\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json\","
				+ "\"run\":{\"runId\":\"" + parentRunId + "\"},\"job\":{\"namespace\":\"" + parentJob.substring(0, slash)
				+ "\",\"name\":\"" + parentJob.substring(slash + 1) + "\"}}");
		return this;
	}

	Events error(String message) {
		runFacets.add("\"errorMessage\":{\"_producer\":\"" + PRODUCER + "\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-0-0/ErrorMessageRunFacet.json\","
				+ "\"message\":\"" + message + "\",\"programmingLanguage\":\"python\",\"stackTrace\":\"Traceback...\"}");
		return this;
	}

	Events facet(String key, String json) {
		runFacets.add("\"" + key + "\":" + json);
		return this;
	}

	Events reads(String namespace, String name) {
		inputs.add("{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\",\"facets\":{}}");
		return this;
	}

	Events writes(String namespace, String name) {
		outputs.add("{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\",\"facets\":{}}");
		return this;
	}

	String json() {
		return "{\"eventType\":\"" + type + "\",\"eventTime\":\"" + time + "\",\"producer\":\"" + PRODUCER
				+ "\",\"schemaURL\":\"" + SCHEMA + "\",\"run\":{\"runId\":\"" + runId + "\",\"facets\":{"
				+ String.join(",", runFacets) + "}},\"job\":{\"namespace\":\"" + namespace + "\",\"name\":\"" + name
				+ "\",\"facets\":{}},\"inputs\":[" + String.join(",", inputs) + "],\"outputs\":["
				+ String.join(",", outputs) + "]}";
	}

	static String array(Events... events) {
		List<String> list = new ArrayList<>();
		for (Events e : events) {
			list.add(e.json());
		}
		return "[" + String.join(",", list) + "]";
	}

}
