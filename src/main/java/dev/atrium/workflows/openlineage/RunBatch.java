package dev.atrium.workflows.openlineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.atrium.workflows.openlineage.RunEvent.Dataset;
import dev.atrium.workflows.openlineage.RunEvent.JobName;
import dev.atrium.workflows.run.RunStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events reduced to one row per job, dataset, edge and run, so that every statement of
 * {@link RunWriter} touches each row once. Several events of one run combine exactly as the SQL
 * combines a row with what is stored (see {@link #merge}): the order events arrive in never matters.
 */
final class RunBatch {

	static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "ABORTED");

	private final Map<UUID, ObjectNode> jobs = new TreeMap<>();

	private final Map<UUID, ObjectNode> datasets = new TreeMap<>();

	private final Map<String, ObjectNode> edges = new TreeMap<>();

	private final Map<UUID, Run> runs = new TreeMap<>();

	private final Set<UUID> parentRuns = new LinkedHashSet<>();

	private final Set<String> pipelines = new LinkedHashSet<>();

	private final Set<UUID> pipelineIds = new LinkedHashSet<>();

	private final JsonMapper json;

	RunBatch(JsonMapper json, Collection<RunEvent> events) {
		this.json = json;
		events.forEach(this::add);
	}

	private void add(RunEvent e) {
		UUID jobId = e.job().id();
		job(jobId, e.job(), e.parentJob() == null ? null : e.parentJob().id(), e.jobFacets(), e.time(), false);
		if (e.parentJob() != null) {
			job(e.parentJob().id(), e.parentJob(), null, null, e.time(), true);
			pipelines.add(key(e.parentJob()));
			pipelineIds.add(e.parentJob().id());
			parentRuns.add(e.parentRunId());
			merge(new Run(e.parentRunId(), e.parentJob().id(), null, "NEW", e.time(), null, null, null, null, null,
					null, null, null, null, true, e.time()));
		}
		else {
			pipelines.add(key(e.job()));
			pipelineIds.add(jobId);
		}
		for (Dataset ds : e.inputs()) {
			dataset(ds, e.time());
			edge(jobId, ds.id(), "in", e.time());
		}
		for (Dataset ds : e.outputs()) {
			dataset(ds, e.time());
			edge(jobId, ds.id(), "out", e.time());
		}
		String terminal = e.type().terminalState();
		boolean running = e.type() == RunEvent.EventType.START || e.type() == RunEvent.EventType.RUNNING;
		String state = terminal != null ? terminal : running ? "RUNNING" : "NEW";
		merge(new Run(e.runId(), jobId, e.parentRunId(), state, e.time(), running ? e.time() : null,
				terminal != null ? e.time() : null, e.nominalStart(), e.nominalEnd(), e.runFacets(), e.time(),
				e.errorMessage(), names(e.inputs()), names(e.outputs()), false, e.time()));
	}

	static String key(JobName job) {
		return job.namespace() + "/" + job.name();
	}

	/** A job's row; {@code parent}: the job is some job's parent (RunStore lists the children of a task as pipelines). */
	private void job(UUID id, JobName name, UUID parentId, ObjectNode facets, Instant time, boolean parent) {
		ObjectNode row = jobs.get(id);
		if (row == null) {
			row = json.createObjectNode();
			row.put("id", id.toString()).put("namespace", name.namespace()).put("name", name.name());
			row.put("first_at", time.toString()).put("last_at", time.toString());
			row.set("facets", json.createObjectNode());
			row.put("has_children", false);
			jobs.put(id, row);
		}
		if (parent) {
			row.put("has_children", true);
		}
		if (parentId != null) {
			row.put("parent_id", parentId.toString());
		}
		if (time.isBefore(Instant.parse(row.get("first_at").stringValue()))) {
			row.put("first_at", time.toString());
		}
		if (time.isAfter(Instant.parse(row.get("last_at").stringValue()))) {
			row.put("last_at", time.toString());
		}
		mergeFacets(row, facets, time);
	}

	private void dataset(Dataset ds, Instant time) {
		ObjectNode row = datasets.computeIfAbsent(ds.id(), id -> {
			ObjectNode r = json.createObjectNode();
			r.put("id", id.toString()).put("namespace", ds.namespace()).put("name", ds.name());
			r.put("first_at", time.toString()).put("last_at", time.toString());
			r.set("facets", json.createObjectNode());
			return r;
		});
		if (time.isBefore(Instant.parse(row.get("first_at").stringValue()))) {
			row.put("first_at", time.toString());
		}
		if (time.isAfter(Instant.parse(row.get("last_at").stringValue()))) {
			row.put("last_at", time.toString());
		}
		mergeFacets(row, ds.facets(), time);
	}

	/** Newer facets win key by key; an older event only fills in keys the newer ones lack. */
	private static void mergeFacets(ObjectNode row, ObjectNode facets, Instant time) {
		if (facets == null || facets.isEmpty()) {
			return;
		}
		ObjectNode current = (ObjectNode) row.get("facets");
		Instant at = row.has("facets_at") ? Instant.parse(row.get("facets_at").stringValue()) : null;
		if (at == null || !time.isBefore(at)) {
			current.setAll(facets);
			row.put("facets_at", time.toString());
		}
		else {
			facets.properties().forEach(f -> current.putIfAbsent(f.getKey(), f.getValue()));
		}
	}

	private void edge(UUID job, UUID dataset, String direction, Instant time) {
		String key = job + ":" + direction + ":" + dataset;
		ObjectNode row = edges.get(key);
		if (row == null) {
			row = json.createObjectNode();
			row.put("job_id", job.toString()).put("dataset_id", dataset.toString()).put("direction", direction);
			row.put("last_seen", time.toString());
			edges.put(key, row);
		}
		else if (time.isAfter(Instant.parse(row.get("last_seen").stringValue()))) {
			row.put("last_seen", time.toString());
		}
	}

	private ArrayNode names(List<Dataset> datasets) {
		if (datasets.isEmpty()) {
			return null;
		}
		ArrayNode list = json.createArrayNode();
		datasets.forEach(d -> list.addObject().put("namespace", d.namespace()).put("name", d.name()));
		return list;
	}

	private void merge(Run next) {
		runs.merge(next.id(), next, RunBatch::merge);
	}

	/** What the stored row becomes with one more observation; RunWriter's SQL does the same. */
	static Run merge(Run a, Run b) {
		String state;
		Instant ended;
		String aState = a.derived() && !b.derived() ? "NEW" : a.state();
		Instant aEnded = a.derived() && !b.derived() ? null : a.endedAt();
		boolean aTerminal = TERMINAL.contains(aState);
		boolean bTerminal = TERMINAL.contains(b.state());
		if (aTerminal && bTerminal) {
			int order = b.endedAt().compareTo(aEnded);
			boolean bWins = order > 0 || order == 0 && rank(b.state()) > rank(aState);
			state = bWins ? b.state() : aState;
			ended = bWins ? b.endedAt() : aEnded;
		}
		else if (bTerminal || aTerminal) {
			state = bTerminal ? b.state() : aState;
			ended = bTerminal ? b.endedAt() : aEnded;
		}
		else {
			state = "RUNNING".equals(aState) || "RUNNING".equals(b.state()) ? "RUNNING" : "NEW";
			ended = null;
		}
		boolean bNewer = a.facetsAt() == null || b.facetsAt() != null && !b.facetsAt().isBefore(a.facetsAt());
		Run newer = bNewer ? b : a;
		Run older = bNewer ? a : b;
		ObjectNode facets = null;
		if (older.facets() != null || newer.facets() != null) {
			facets = older.facets() == null ? newer.facets().deepCopy() : older.facets().deepCopy();
			if (newer.facets() != null && older.facets() != null) {
				facets.setAll(newer.facets());
			}
		}
		return new Run(a.id(), a.jobId(), a.parentRunId() != null ? a.parentRunId() : b.parentRunId(), state,
				min(a.runAt(), b.runAt()), min(a.startedAt(), b.startedAt()), ended,
				or(newer.nominalStart(), older.nominalStart()), or(newer.nominalEnd(), older.nominalEnd()), facets,
				newer.facetsAt() != null ? newer.facetsAt() : older.facetsAt(),
				or(newer.errorMessage(), older.errorMessage()), or(newer.inputs(), older.inputs()),
				or(newer.outputs(), older.outputs()), a.derived() && b.derived(), max(a.updatedAt(), b.updatedAt()));
	}

	static int rank(String state) {
		return List.of("COMPLETED", "ABORTED", "FAILED").indexOf(state);
	}

	private static <T> T or(T first, T second) {
		return first != null ? first : second;
	}

	private static Instant min(Instant a, Instant b) {
		return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
	}

	String jobsJson() {
		return array(jobs.values());
	}

	String datasetsJson() {
		return array(datasets.values());
	}

	String edgesJson() {
		return array(edges.values());
	}

	String runsJson() {
		ArrayNode list = json.createArrayNode();
		for (Run r : runs.values()) {
			ObjectNode row = list.addObject();
			row.put("id", r.id().toString()).put("job_id", r.jobId().toString()).put("state", r.state());
			row.put("parent_run_id", text(r.parentRunId())).put("run_at", text(r.runAt()));
			row.put("started_at", text(r.startedAt())).put("ended_at", text(r.endedAt()));
			row.put("nominal_start", text(r.nominalStart())).put("nominal_end", text(r.nominalEnd()));
			row.set("facets", r.facets() == null ? json.createObjectNode() : r.facets());
			row.put("facets_at", text(r.facetsAt())).put("error_message", r.errorMessage());
			row.set("inputs", r.inputs());
			row.set("outputs", r.outputs());
			row.put("derived", r.derived()).put("updated_at", text(r.updatedAt()));
		}
		return list.toString();
	}

	/** Run ids of the batch, as a PostgreSQL array literal. */
	String runIds() {
		return uuids(runs.keySet());
	}

	String parentRunIds() {
		return uuids(parentRuns);
	}

	String jobIds() {
		List<UUID> ids = new ArrayList<>();
		runs.values().forEach(r -> ids.add(r.jobId()));
		return uuids(new LinkedHashSet<>(ids));
	}

	/** Pipelines (top-level jobs, as namespace/name) the batch touched. */
	Set<String> pipelines() {
		return pipelines;
	}

	/** The same pipelines by id. */
	Set<UUID> pipelineIds() {
		return pipelineIds;
	}

	int runCount() {
		return runs.size();
	}

	private static String uuids(Collection<UUID> ids) {
		return RunStore.array(ids);
	}

	private String array(Collection<ObjectNode> rows) {
		ArrayNode list = json.createArrayNode();
		rows.forEach(list::add);
		return list.toString();
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	/** One run's row as the events of the batch describe it. */
	record Run(UUID id, UUID jobId, UUID parentRunId, String state, Instant runAt, Instant startedAt, Instant endedAt,
			Instant nominalStart, Instant nominalEnd, ObjectNode facets, Instant facetsAt, String errorMessage,
			ArrayNode inputs, ArrayNode outputs, boolean derived, Instant updatedAt) {
	}

}
