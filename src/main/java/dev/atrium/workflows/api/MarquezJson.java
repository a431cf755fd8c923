package dev.atrium.workflows.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.workflows.run.Datasets;
import dev.atrium.workflows.run.Datasets.Dataset;
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
		m.put("location", location(facets));
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

	/**
	 * Marquez's LineageGraph: nodes with their data (JobData with the latest run as a full Run,
	 * DatasetData with its times) and edges both ways.
	 */
	Map<String, Object> lineage(Graph graph, Map<UUID, Run> runs, Map<UUID, Job> parents, Map<UUID, Dataset> datasets) {
		List<Map<String, Object>> nodes = new ArrayList<>();
		for (Node n : graph.nodes().values()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", n.id());
			node.put("type", n.type());
			node.put("data", n.job() != null ? jobData(n, graph, runs, parents)
					: datasetData(n, datasets.get(Datasets.idOf(n.namespace(), n.name()))));
			node.put("inEdges", n.in().stream().map(origin -> Map.of("origin", origin, "destination", n.id())).toList());
			node.put("outEdges", n.out().stream().map(dest -> Map.of("origin", n.id(), "destination", dest)).toList());
			nodes.add(node);
		}
		return Map.of("graph", nodes);
	}

	private Map<String, Object> jobData(Node n, Graph graph, Map<UUID, Run> runs, Map<UUID, Job> parents) {
		Job job = n.job();
		Job parent = job.parentId() == null ? null : parents.get(job.parentId());
		Run latest = job.latestRunId() == null ? null : runs.get(job.latestRunId());
		JsonNode facets = tree(job.facets());
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", Map.of("namespace", n.namespace(), "name", n.name()));
		m.put("type", type(job));
		m.put("name", n.name());
		m.put("simpleName", job.shortName(parent));
		m.put("parentJobName", parent == null ? null : parent.name());
		m.put("parentJobUuid", parent == null ? null : parent.id().toString());
		m.put("createdAt", time(job.createdAt()));
		m.put("updatedAt", time(job.updatedAt()));
		m.put("namespace", n.namespace());
		m.put("inputs", n.in().stream().map(id -> datasetId(graph.nodes().get(id))).toList());
		m.put("outputs", n.out().stream().map(id -> datasetId(graph.nodes().get(id))).toList());
		m.put("location", location(facets));
		m.put("description", facets.path("documentation").path("description").isString()
				? facets.path("documentation").path("description").stringValue() : null);
		m.put("latestRun", latest == null ? null : run(latest, job));
		return m;
	}

	private Map<String, Object> datasetData(Node n, Dataset dataset) {
		JsonNode facets = tree(dataset == null ? null : dataset.facets());
		List<Map<String, Object>> fields = new ArrayList<>();
		for (JsonNode f : facets.path("schema").path("fields")) {
			Map<String, Object> field = new LinkedHashMap<>();
			field.put("name", f.path("name").asString(""));
			field.put("type", f.path("type").isString() ? f.path("type").stringValue() : null);
			field.put("tags", List.of());
			field.put("description", f.path("description").isString() ? f.path("description").stringValue() : null);
			fields.add(field);
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", Map.of("namespace", n.namespace(), "name", n.name()));
		m.put("type", "DB_TABLE");
		m.put("name", n.name());
		m.put("physicalName", n.name());
		m.put("createdAt", dataset == null ? null : time(dataset.createdAt()));
		m.put("updatedAt", dataset == null ? null : time(dataset.updatedAt()));
		m.put("namespace", n.namespace());
		m.put("sourceName", facets.path("dataSource").path("name").isString()
				? facets.path("dataSource").path("name").stringValue() : n.namespace());
		m.put("fields", fields);
		m.put("tags", List.of());
		m.put("lastModifiedAt", dataset == null ? null : time(dataset.lastModifiedAt()));
		m.put("description", facets.path("documentation").path("description").isString()
				? facets.path("documentation").path("description").stringValue() : null);
		m.put("lastLifecycleState", facets.path("lifecycleStateChange").path("lifecycleStateChange").isString()
				? facets.path("lifecycleStateChange").path("lifecycleStateChange").stringValue() : null);
		return m;
	}

	/** Marquez's DatasetId of a dataset node (its id alone cannot say where the namespace ends). */
	private static Map<String, String> datasetId(Node dataset) {
		return Map.of("namespace", dataset.namespace(), "name", dataset.name());
	}

	private static String location(JsonNode jobFacets) {
		JsonNode url = jobFacets.path("sourceCodeLocation").path("url");
		return url.isString() ? url.stringValue() : null;
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
