package dev.atrium.workflows.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import dev.atrium.workflows.run.Datasets;
import dev.atrium.workflows.run.Datasets.Dataset;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Lineage;
import dev.atrium.workflows.run.Lineage.Graph;
import dev.atrium.workflows.run.Lineage.Node;
import dev.atrium.workflows.run.PipelineOwners;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore;
import dev.atrium.workflows.run.RunStore.Edge;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marquez's read API (api/v1) over Atrium's store: namespaces, jobs, a job with its latest run, a
 * job's runs, one run, and the lineage graph around a job or a dataset. Unknown namespaces and nodes
 * are 404s, as in Marquez. Paths are Marquez's on purpose, not
 * {@code /api/workflows} (ADR 0009).
 */
@RestController
class MarquezApiController {

	private static final int MAX_LIMIT = 1000;

	private final RunStore store;

	private final Lineage lineage;

	private final PipelineOwners owners;

	private final MarquezJson json;

	private final Datasets datasets;

	MarquezApiController(RunStore store, Datasets datasets, Lineage lineage, PipelineOwners owners, JsonMapper mapper) {
		this.store = store;
		this.datasets = datasets;
		this.lineage = lineage;
		this.owners = owners;
		this.json = new MarquezJson(mapper);
	}

	@GetMapping("/api/v1/namespaces")
	Map<String, Object> namespaces() {
		return Map.of("namespaces", store.namespaces().stream().map(json::namespace).toList());
	}

	@GetMapping("/api/v1/namespaces/{namespace}")
	Map<String, Object> namespace(@PathVariable String namespace) {
		return store.namespaces().stream().filter(n -> n.name().equals(namespace)).findFirst().map(json::namespace)
			.orElseThrow(() -> namespaceNotFound(namespace));
	}

	@GetMapping("/api/v1/namespaces/{namespace}/jobs")
	Map<String, Object> jobs(@PathVariable String namespace, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") int offset) {
		checkPaging(limit, offset);
		int total = store.jobCount(namespace);
		if (total == 0) {
			throw namespaceNotFound(namespace);
		}
		List<Job> jobs = store.jobs(namespace, limit, offset);
		Map<UUID, Job> parents = new HashMap<>();
		store.jobs(jobs.stream().map(Job::parentId).filter(p -> p != null).distinct().toList()).forEach(p -> parents.put(p.id(), p));
		var edges = store.edgesOfJobs(jobs.stream().map(Job::id).toList());
		Map<UUID, Run> latest = new HashMap<>();
		List<UUID> latestIds = jobs.stream().map(Job::latestRunId).filter(id -> id != null).toList();
		store.runs(latestIds).forEach(r -> latest.put(r.id(), r));
		List<Map<String, Object>> body = new ArrayList<>();
		for (Job job : jobs) {
			body.add(json.job(job, job.parentId() == null ? null : parents.get(job.parentId()), edges,
					job.latestRunId() == null ? null : latest.get(job.latestRunId()), owners.of(job.key())));
		}
		return Map.of("totalCount", total, "jobs", body);
	}

	@GetMapping("/api/v1/namespaces/{namespace}/jobs/{job}")
	Map<String, Object> job(@PathVariable String namespace, @PathVariable("job") String name) {
		Job job = find(namespace, name);
		Job parent = job.parentId() == null ? null : store.jobs(List.of(job.parentId())).stream().findFirst().orElse(null);
		Run latest = job.latestRunId() == null ? null : store.run(job.latestRunId()).orElse(null);
		return json.job(job, parent, store.edgesOfJobs(List.of(job.id())), latest, owners.of(job.key()));
	}

	@GetMapping("/api/v1/namespaces/{namespace}/jobs/{job}/runs")
	Map<String, Object> runs(@PathVariable String namespace, @PathVariable("job") String name,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
		checkPaging(limit, offset);
		Job job = find(namespace, name);
		return Map.of("runs", store.runs(job.id(), limit, offset).stream().map(r -> json.run(r, job)).toList(),
				"totalCount", store.runCount(job.id()));
	}

	@GetMapping("/api/v1/jobs/runs/{id}")
	Map<String, Object> run(@PathVariable UUID id) {
		Run run = store.run(id).orElseThrow(() -> new NotFoundException("Run '" + id + "' not found"));
		return json.run(run, store.jobs(List.of(run.jobId())).stream().findFirst().orElse(null));
	}

	/**
	 * The lineage around a job, or around a dataset (from the job writing it, else one reading it, as
	 * Marquez does), with every job's inputs and outputs.
	 */
	@GetMapping("/api/v1/lineage")
	Map<String, Object> lineage(@RequestParam String nodeId, @RequestParam(defaultValue = "20") int depth) {
		if (depth < 0 || depth > 100) {
			throw new InputException("depth must be between 0 and 100");
		}
		List<NodeId> readings = NodeId.readings(nodeId);
		Graph graph;
		if (readings.get(0).type().equals("job")) {
			Map<UUID, NodeId> ids = new LinkedHashMap<>();
			readings.forEach(r -> ids.put(Job.idOf(r.namespace(), r.name()), r));
			Map<UUID, Job> found = new HashMap<>();
			store.jobs(ids.keySet()).forEach(j -> found.put(j.id(), j));
			Job job = ids.keySet().stream().filter(found::containsKey).map(found::get).findFirst()
				.orElseThrow(() -> notFound(nodeId));
			graph = lineage.around(job, depth, false);
		}
		else {
			Map<UUID, NodeId> ids = new LinkedHashMap<>();
			readings.forEach(r -> ids.put(Datasets.idOf(r.namespace(), r.name()), r));
			Set<UUID> found = new HashSet<>();
			datasets.byIds(ids.keySet()).forEach(d -> found.add(d.id()));
			UUID dataset = ids.keySet().stream().filter(found::contains).findFirst().orElseThrow(() -> notFound(nodeId));
			List<Edge> edges = store.edgesOfDatasets(List.of(dataset));
			Optional<UUID> job = edges.stream().sorted(Comparator.comparingInt((Edge e) -> e.direction().equals("out") ? 0 : 1))
				.map(Edge::jobId).findFirst();
			NodeId id = ids.get(dataset);
			graph = job.flatMap(j -> store.jobs(List.of(j)).stream().findFirst()).map(j -> lineage.around(j, depth, false))
				.orElseGet(() -> new Graph(nodeId, Map.of(nodeId, new Node(nodeId, "DATASET", id.namespace(), id.name(), null, 0,
						Set.of(), Set.of()))));
		}
		return lineageJson(lineage.withAllDatasets(graph));
	}

	/** The graph with what Marquez's node data holds: each job's latest run and parent, each dataset's times. */
	private Map<String, Object> lineageJson(Graph graph) {
		List<Job> jobs = graph.nodes().values().stream().map(Node::job).filter(j -> j != null).toList();
		Map<UUID, Run> runs = new HashMap<>();
		store.runs(jobs.stream().map(Job::latestRunId).filter(id -> id != null).toList()).forEach(r -> runs.put(r.id(), r));
		Map<UUID, Job> parents = new HashMap<>();
		store.jobs(jobs.stream().map(Job::parentId).filter(id -> id != null).distinct().toList()).forEach(p -> parents.put(p.id(), p));
		Map<UUID, Dataset> sets = new HashMap<>();
		datasets.byIds(graph.nodes().values().stream().filter(n -> n.job() == null)
			.map(n -> Datasets.idOf(n.namespace(), n.name())).toList()).forEach(d -> sets.put(d.id(), d));
		return json.lineage(graph, runs, parents, sets);
	}

	private static NotFoundException notFound(String nodeId) {
		return new NotFoundException("Node '" + nodeId + "' not found");
	}

	private static NotFoundException namespaceNotFound(String namespace) {
		return new NotFoundException("Namespace '" + namespace + "' not found");
	}

	private Job find(String namespace, String name) {
		return store.job(namespace, name)
			.orElseThrow(() -> new NotFoundException("Job '" + name + "' not found in namespace '" + namespace + "'"));
	}

	private static void checkPaging(int limit, int offset) {
		if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
			throw new InputException("limit must be between 1 and " + MAX_LIMIT + " and offset at least 0");
		}
	}

}
