package dev.atrium.workflows.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Lineage;
import dev.atrium.workflows.run.PipelineOwners;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marquez's read API (api/v1) over Atrium's store: namespaces, jobs, a job with its latest run, a
 * job's runs, one run, and the lineage graph around a job. Paths are Marquez's on purpose, not
 * {@code /api/workflows} (ADR 0009).
 */
@RestController
class MarquezApiController {

	private static final int MAX_LIMIT = 1000;

	private final RunStore store;

	private final Lineage lineage;

	private final PipelineOwners owners;

	private final MarquezJson json;

	MarquezApiController(RunStore store, Lineage lineage, PipelineOwners owners, JsonMapper mapper) {
		this.store = store;
		this.lineage = lineage;
		this.owners = owners;
		this.json = new MarquezJson(mapper);
	}

	@GetMapping("/api/v1/namespaces")
	Map<String, Object> namespaces() {
		return Map.of("namespaces", store.namespaces().stream().map(json::namespace).toList());
	}

	@GetMapping("/api/v1/namespaces/{namespace}/jobs")
	Map<String, Object> jobs(@PathVariable String namespace, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") int offset) {
		checkPaging(limit, offset);
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
		return Map.of("totalCount", store.jobCount(namespace), "jobs", body);
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

	@GetMapping("/api/v1/lineage")
	Map<String, Object> lineage(@RequestParam String nodeId, @RequestParam(defaultValue = "20") int depth) {
		if (depth < 0 || depth > 100) {
			throw new InputException("depth must be between 0 and 100");
		}
		if (!nodeId.startsWith("job:")) {
			throw new InputException("nodeId must name a job, as job:<namespace>:<name>"
					+ (nodeId.startsWith("dataset:") ? "; lineage around a dataset is not supported yet" : ""));
		}
		String rest = nodeId.substring(4);
		int colon = rest.indexOf(':');
		if (colon <= 0 || colon == rest.length() - 1) {
			throw new InputException("nodeId must be job:<namespace>:<name>, not " + nodeId);
		}
		Job job = find(rest.substring(0, colon), rest.substring(colon + 1));
		return json.lineage(lineage.around(job, depth, false));
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
