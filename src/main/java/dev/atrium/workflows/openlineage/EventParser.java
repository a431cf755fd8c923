package dev.atrium.workflows.openlineage;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;
import dev.atrium.workflows.openlineage.RunEvent.Dataset;
import dev.atrium.workflows.openlineage.RunEvent.EventType;
import dev.atrium.workflows.openlineage.RunEvent.JobName;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads OpenLineage RunEvents (one object, or a JSON array of them) and checks them against the
 * spec (2-0-2, RunEvent): required eventTime, producer, schemaURL, run.runId (a UUID), job.namespace
 * and job.name; eventType one of the spec's values; inputs and outputs arrays of datasets with a
 * namespace and a name; facets objects. The first problem is reported with where it is, such as
 * {@code events[2].run.runId: "abc" is not a UUID}; nothing of a request with a problem is stored.
 */
public final class EventParser {

	/** RFC 4122 textual form; {@link UUID#fromString} alone accepts shortened forms such as 1-1-1-1-1. */
	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final int MAX_NAME = 1024;

	private static final int MAX_DATASETS = 1000;

	private final JsonMapper json;

	private final int maxEvents;

	public EventParser(JsonMapper json, int maxEvents) {
		this.json = json;
		this.maxEvents = maxEvents;
	}

	/**
	 * Parses a request body.
	 * @throws InputException saying what is wrong and where
	 */
	public List<RunEvent> parse(byte[] body) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InputException("The body is not valid JSON: " + firstLine(ex.getOriginalMessage()));
		}
		if (root == null || root.isMissingNode() || root.isNull()) {
			throw new InputException("The body is empty; send an OpenLineage RunEvent as JSON");
		}
		if (root.isArray()) {
			if (root.isEmpty()) {
				throw new InputException("The array holds no events");
			}
			if (root.size() > maxEvents) {
				throw new InputException("The array holds " + root.size() + " events; at most " + maxEvents
						+ " are accepted in one request");
			}
			List<RunEvent> events = new ArrayList<>(root.size());
			for (int i = 0; i < root.size(); i++) {
				events.add(event(root.get(i), "events[" + i + "]"));
			}
			return events;
		}
		return List.of(event(root, "event"));
	}

	private RunEvent event(JsonNode node, String at) {
		if (!node.isObject()) {
			throw problem(at, "must be an object (an OpenLineage RunEvent)");
		}
		if (!node.has("run") && (node.has("dataset") || node.has("job"))) {
			throw problem(at, "is a " + (node.has("dataset") ? "DatasetEvent" : "JobEvent")
					+ "; Atrium records RunEvents (with run, job and eventType)");
		}
		Instant time = time(node, "eventTime", at, true);
		uri(node, "producer", at);
		uri(node, "schemaURL", at);
		EventType type = EventType.OTHER;
		JsonNode typeNode = node.get("eventType");
		if (typeNode != null && !typeNode.isNull()) {
			String value = typeNode.isString() ? typeNode.stringValue() : typeNode.toString();
			try {
				type = EventType.valueOf(value);
			}
			catch (IllegalArgumentException ex) {
				throw problem(at + ".eventType", quote(value)
						+ " is not one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER");
			}
		}
		JsonNode run = object(node, "run", at, true);
		UUID runId = uuid(run, "runId", at + ".run");
		ObjectNode runFacets = facets(run, at + ".run");
		JsonNode jobNode = object(node, "job", at, true);
		JobName job = new JobName(name(jobNode, "namespace", at + ".job"), name(jobNode, "name", at + ".job"));
		ObjectNode jobFacets = facets(jobNode, at + ".job");

		JobName parentJob = null;
		UUID parentRunId = null;
		JsonNode parent = runFacets.get("parent");
		if (parent != null) {
			String p = at + ".run.facets.parent";
			if (!parent.isObject()) {
				throw problem(p, "must be an object with run and job");
			}
			parentRunId = uuid(object(parent, "run", p, true), "runId", p + ".run");
			JsonNode parentJobNode = object(parent, "job", p, true);
			parentJob = new JobName(name(parentJobNode, "namespace", p + ".job"), name(parentJobNode, "name", p + ".job"));
			if (parentRunId.equals(runId)) {
				throw problem(p + ".run.runId", "is the run itself; a run cannot be its own parent");
			}
		}
		Instant nominalStart = null;
		Instant nominalEnd = null;
		JsonNode nominal = runFacets.get("nominalTime");
		if (nominal != null) {
			String p = at + ".run.facets.nominalTime";
			if (!nominal.isObject()) {
				throw problem(p, "must be an object");
			}
			nominalStart = time(nominal, "nominalStartTime", p, true);
			nominalEnd = time(nominal, "nominalEndTime", p, false);
		}
		String errorMessage = null;
		JsonNode error = runFacets.get("errorMessage");
		if (error != null) {
			String p = at + ".run.facets.errorMessage";
			if (!error.isObject() || error.get("message") == null || !error.get("message").isString()) {
				throw problem(p, "must be an object with a message string");
			}
			errorMessage = error.get("message").stringValue();
		}
		String jobType = null;
		JsonNode typeFacet = jobFacets.get("jobType");
		if (typeFacet != null && typeFacet.isObject() && typeFacet.path("processingType").isString()) {
			jobType = "STREAMING".equals(typeFacet.path("processingType").stringValue()) ? "STREAM" : "BATCH";
		}
		return new RunEvent(type, time, runId, job, parentJob, parentRunId, runFacets, jobFacets,
				datasets(node, "inputs", "inputFacets", at), datasets(node, "outputs", "outputFacets", at), nominalStart,
				nominalEnd, errorMessage, jobType);
	}

	private List<Dataset> datasets(JsonNode event, String field, String ioFacets, String at) {
		JsonNode list = event.get(field);
		if (list == null || list.isNull()) {
			return List.of();
		}
		if (!list.isArray()) {
			throw problem(at + "." + field, "must be an array of datasets");
		}
		if (list.size() > MAX_DATASETS) {
			throw problem(at + "." + field, "lists " + list.size() + " datasets; at most " + MAX_DATASETS);
		}
		List<Dataset> datasets = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			String p = at + "." + field + "[" + i + "]";
			JsonNode ds = list.get(i);
			if (!ds.isObject()) {
				throw problem(p, "must be an object with namespace and name");
			}
			ObjectNode facets = facets(ds, p).deepCopy();
			JsonNode extra = ds.get(ioFacets);
			if (extra != null && !extra.isNull()) {
				if (!extra.isObject()) {
					throw problem(p + "." + ioFacets, "must be an object of facets");
				}
				facets.setAll((ObjectNode) extra);
			}
			datasets.add(new Dataset(name(ds, "namespace", p), name(ds, "name", p), facets));
		}
		return datasets;
	}

	private ObjectNode facets(JsonNode owner, String at) {
		JsonNode facets = owner.get("facets");
		if (facets == null || facets.isNull()) {
			return json.createObjectNode();
		}
		if (!facets.isObject()) {
			throw problem(at + ".facets", "must be an object of facets");
		}
		for (var facet : facets.properties()) {
			if (!facet.getValue().isObject()) {
				throw problem(at + ".facets." + facet.getKey(), "must be an object (a facet)");
			}
		}
		return (ObjectNode) facets;
	}

	private static JsonNode object(JsonNode owner, String field, String at, boolean required) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			if (required) {
				throw problem(at + "." + field, "is required");
			}
			return null;
		}
		if (!node.isObject()) {
			throw problem(at + "." + field, "must be an object");
		}
		return node;
	}

	private static String name(JsonNode owner, String field, String at) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			throw problem(at + "." + field, "is required");
		}
		if (!node.isString() || node.stringValue().isBlank()) {
			throw problem(at + "." + field, "must be a non-empty string");
		}
		if (node.stringValue().length() > MAX_NAME) {
			throw problem(at + "." + field, "is longer than " + MAX_NAME + " characters");
		}
		return node.stringValue();
	}

	private static UUID uuid(JsonNode owner, String field, String at) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			throw problem(at + "." + field, "is required");
		}
		String value = node.isString() ? node.stringValue() : node.toString();
		if (!UUID_TEXT.matcher(value).matches()) {
			throw problem(at + "." + field, quote(value) + " is not a UUID");
		}
		return UUID.fromString(value.toLowerCase(Locale.ROOT));
	}

	private static Instant time(JsonNode owner, String field, String at, boolean required) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			if (required) {
				throw problem(at + "." + field, "is required");
			}
			return null;
		}
		String value = node.isString() ? node.stringValue() : node.toString();
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw problem(at + "." + field, quote(value) + " is not a date-time with a time zone, such as 2024-05-04T10:00:00Z");
		}
	}

	private static void uri(JsonNode owner, String field, String at) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			throw problem(at + "." + field, "is required (a URI)");
		}
		String value = node.isString() ? node.stringValue() : node.toString();
		try {
			if (value.isBlank() || new URI(value).getScheme() == null) {
				throw problem(at + "." + field, quote(value) + " is not an absolute URI");
			}
		}
		catch (URISyntaxException ex) {
			throw problem(at + "." + field, quote(value) + " is not a URI");
		}
	}

	private static InputException problem(String at, String what) {
		return new InputException(at + ": " + what);
	}

	private static String quote(String value) {
		String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
		return "\"" + shown + "\"";
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int nl = message.indexOf('\n');
		return nl < 0 ? message : message.substring(0, nl);
	}

}
