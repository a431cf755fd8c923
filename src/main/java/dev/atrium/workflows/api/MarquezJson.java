package dev.atrium.workflows.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Lineage.Graph;
import dev.atrium.workflows.run.Lineage.Node;
import dev.atrium.workflows.run.Ownership;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore.Edge;
import dev.atrium.workflows.run.RunStore.Namespace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Atrium's jobs, runs and lineage in Marquez's JSON shapes (api/v1: Namespace, Job, Run,
 * LineageGraph), so Marquez clients and dashboards read Atrium as they read Marquez. Fields Atrium
 * has no data for (job versions, dataset schemas, tags) are present, empty.
 */
final class MarquezJson {

	private final JsonMapper json;

	MarquezJson(JsonMapper json) {
		this.json = json;
	}

	Map<String, Object> namespace(Namespace ns) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", ns.name());
		m.put("createdAt", time(ns.createdAt()));
		m.put("updatedAt", time(ns.updatedAt()));
		m.put("ownerName", "atrium");
		m.put("description", null);
		m.put("isHidden", false);
		return m;
	}

	Map<String, Object> job(Job job, Job parent, List<Edge> edges, Run latestRun, Ownership ownership) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", Map.of("namespace", job.namespace(), "name", job.name()));
		m.put("type", type(job));
		m.put("name", job.name());
		m.put("simpleName", job.shortName(parent));
		m.put("parentJobName", parent == null ? null : parent.name());
		m.put("parentJobUuid", parent == null ? null : parent.id().toString());
		m.put("createdAt", time(job.createdAt()));
		m.put("updatedAt", time(job.updatedAt()));
		m.put("namespace", job.namespace());
		m.put("inputs", datasets(edges, job, "in"));
		m.put("outputs", datasets(edges, job, "out"));
		JsonNode facets = tree(job.facets());
		m.put("location", facets.path("sourceCodeLocation").path("url").isString()
				? facets.path("sourceCodeLocation").path("url").stringValue() : null);
		m.put("description", ownership != null ? ownership.description() : null);
		m.put("latestRun", latestRun == null ? null : run(latestRun, job));
		m.put("facets", facets);
		m.put("currentVersion", null);
		m.put("labels", List.of());
		m.put("tags", List.of());
		return m;
	}

	Map<String, Object> run(Run run, Job job) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", run.id().toString());
		m.put("createdAt", time(run.createdAt()));
		m.put("updatedAt", time(run.updatedAt()));
		m.put("nominalStartTime", time(run.nominalStart()));
		m.put("nominalEndTime", time(run.nominalEnd()));
		m.put("state", run.state());
		m.put("startedAt", time(run.startedAt()));
		m.put("endedAt", time(run.endedAt()));
		m.put("durationMs", run.durationMs());
		m.put("args", Map.of());
		m.put("jobVersion", job == null ? null : Map.of("namespace", job.namespace(), "name", job.name(), "version", job.id().toString()));
		m.put("inputDatasetVersions", versions(run.inputs()));
		m.put("outputDatasetVersions", versions(run.outputs()));
		m.put("context", Map.of());
		m.put("facets", tree(run.facets()));
		return m;
	}

	Map<String, Object> lineage(Graph graph) {
		List<Map<String, Object>> nodes = new ArrayList<>();
		for (Node n : graph.nodes().values()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", n.id());
			node.put("type", n.type());
			node.put("data", "JOB".equals(n.type()) ? jobData(n) : datasetData(n));
			node.put("inEdges", n.in().stream().map(origin -> Map.of("origin", origin, "destination", n.id())).toList());
			node.put("outEdges", n.out().stream().map(dest -> Map.of("origin", n.id(), "destination", dest)).toList());
			nodes.add(node);
		}
		return Map.of("graph", nodes);
	}

	private Map<String, Object> jobData(Node n) {
		Job job = n.job();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", Map.of("namespace", n.namespace(), "name", n.name()));
		m.put("type", type(job));
		m.put("name", n.name());
		m.put("simpleName", n.name());
		m.put("createdAt", time(job.createdAt()));
		m.put("updatedAt", time(job.updatedAt()));
		m.put("namespace", n.namespace());
		m.put("inputs", n.in().stream().map(MarquezJson::datasetId).toList());
		m.put("outputs", n.out().stream().map(MarquezJson::datasetId).toList());
		m.put("location", null);
		m.put("description", null);
		if (job.latestRunId() == null) {
			m.put("latestRun", null);
		}
		else {
			Map<String, Object> latest = new LinkedHashMap<>();
			latest.put("id", job.latestRunId().toString());
			latest.put("state", job.latestState());
			latest.put("startedAt", time(job.latestStartedAt()));
			latest.put("endedAt", time(job.latestEndedAt()));
			latest.put("durationMs", job.latestDuration() == null ? null : job.latestDuration().toMillis());
			m.put("latestRun", latest);
		}
		return m;
	}

	private static Map<String, Object> datasetData(Node n) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", Map.of("namespace", n.namespace(), "name", n.name()));
		m.put("type", "DB_TABLE");
		m.put("name", n.name());
		m.put("physicalName", n.name());
		m.put("namespace", n.namespace());
		m.put("sourceName", n.namespace());
		m.put("fields", List.of());
		m.put("tags", List.of());
		m.put("description", null);
		return m;
	}

	/** "dataset:<namespace>:<name>" back to Marquez's DatasetId; the name is after the last ':' of the namespace part. */
	private static Map<String, String> datasetId(String nodeId) {
		String rest = nodeId.substring("dataset:".length());
		int colon = rest.lastIndexOf(':');
		return Map.of("namespace", rest.substring(0, Math.max(colon, 0)), "name", rest.substring(colon + 1));
	}

	/** Marquez's job type from the jobType facet: STREAM for streaming jobs, else BATCH. */
	private String type(Job job) {
		return "STREAMING".equals(tree(job.facets()).path("jobType").path("processingType").asString("")) ? "STREAM" : "BATCH";
	}

	private static List<Map<String, String>> datasets(List<Edge> edges, Job job, String direction) {
		return edges.stream()
			.filter(e -> e.jobId().equals(job.id()) && e.direction().equals(direction))
			.map(e -> Map.of("namespace", e.datasetNamespace(), "name", e.datasetName()))
			.toList();
	}

	private List<Map<String, Object>> versions(String datasetsJson) {
		List<Map<String, Object>> versions = new ArrayList<>();
		for (JsonNode ds : tree(datasetsJson)) {
			Map<String, Object> id = new LinkedHashMap<>();
			id.put("namespace", ds.path("namespace").asString());
			id.put("name", ds.path("name").asString());
			id.put("version", null);
			versions.add(Map.of("datasetVersionId", id, "facets", Map.of()));
		}
		return versions;
	}

	private JsonNode tree(String text) {
		return text == null ? json.createObjectNode() : json.readTree(text);
	}

	private static String time(Instant t) {
		return t == null ? null : t.toString();
	}

}
