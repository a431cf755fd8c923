package dev.atrium.workflows.openlineage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atrium.platform.InputException;
import dev.atrium.workflows.openlineage.RunEvent.Dataset;
import dev.atrium.workflows.openlineage.RunEvent.EventType;
import dev.atrium.workflows.openlineage.RunEvent.JobName;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.atrium.workflows.openlineage.EventFields.name;
import static dev.atrium.workflows.openlineage.EventFields.problem;
import static dev.atrium.workflows.openlineage.EventFields.quote;
import static dev.atrium.workflows.openlineage.EventFields.uri;
import static dev.atrium.workflows.openlineage.EventFields.uuid;

/**
 * Reads OpenLineage RunEvents (one object, or a JSON array of them) and checks them against the
 * spec (2-0-2, RunEvent): required eventTime, producer, schemaURL, run.runId (a UUID), job.namespace
 * and job.name; eventType one of the spec's values; inputs and outputs arrays of datasets with a
 * namespace and a name; facets objects. Beyond the spec, what PostgreSQL could not store: text with
 * NUL or unpaired surrogates, names over 1,000 bytes, times before 1900 or ahead of the clock (a day
 * for eventTime, a year for nominal times). DatasetEvents and JobEvents are refused. The first problem
 * is reported with where it is, such as {@code events[2].run.runId: "abc" is not a UUID}; nothing of a
 * request with a problem is stored. A parent facet naming the job itself is ignored.
 */
public final class EventParser {

	/** How far ahead of this clock an eventTime may be: a run dated 9999 would stay a job's latest for ever. */
	private static final Duration EVENT_AHEAD = Duration.ofDays(1);

	/** Nominal times name a schedule's interval, which may end ahead of the run. */
	private static final Duration NOMINAL_AHEAD = Duration.ofDays(366);

	private static final int MAX_DATASETS = 1000;

	private final JsonMapper json;

	private final int maxEvents;

	private final Clock clock;

	public EventParser(JsonMapper json, int maxEvents, Clock clock) {
		this.json = json;
		this.maxEvents = maxEvents;
		this.clock = clock;
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
		boolean checkText = EventFields.mayHoldBadText(body);
		Instant now = clock.instant();
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
				events.add(event(root.get(i), "events[" + i + "]", checkText, now));
			}
			return events;
		}
		return List.of(event(root, "event", checkText, now));
	}

	private RunEvent event(JsonNode node, String at, boolean checkText, Instant now) {
		if (!node.isObject()) {
			throw problem(at, "must be an object (an OpenLineage RunEvent)");
		}
		if (checkText) {
			EventFields.checkText(node, at);
		}
		String otherType = otherEventType(node);
		if (otherType != null) {
			throw problem(at, "is an OpenLineage " + otherType + "; Atrium records RunEvents (run, job, eventType) "
					+ "and the jobs and datasets they name: send the facets with a run's events");
		}
		Instant time = EventFields.time(node, "eventTime", at, true, now.plus(EVENT_AHEAD));
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
			if (parentJob.equals(job)) {
				// Some producers name the job itself as parent (a run of its own schedule): no hierarchy to keep.
				parentJob = null;
				parentRunId = null;
			}
			else if (parentRunId.equals(runId)) {
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
			nominalStart = EventFields.time(nominal, "nominalStartTime", p, true, now.plus(NOMINAL_AHEAD));
			nominalEnd = EventFields.time(nominal, "nominalEndTime", p, false, now.plus(NOMINAL_AHEAD));
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

	/**
	 * DatasetEvent or JobEvent (OpenLineage 2), by schemaURL or by shape (no run; a dataset, or a job),
	 * else null. Not stored: pages show runs, and a job or dataset without runs would be a name only.
	 */
	private static String otherEventType(JsonNode node) {
		String schema = node.path("schemaURL").isString() ? node.path("schemaURL").stringValue() : "";
		if (schema.endsWith("/DatasetEvent") || !node.has("run") && node.has("dataset")) {
			return "DatasetEvent";
		}
		if (schema.endsWith("/JobEvent") || !node.has("run") && node.has("job")) {
			return "JobEvent";
		}
		return null;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int nl = message.indexOf('\n');
		return nl < 0 ? message : message.substring(0, nl);
	}

}
