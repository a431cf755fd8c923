package dev.atrium.workflows.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.atrium.workflows.run.RunStore.Edge;
import org.springframework.stereotype.Component;

/**
 * The lineage around a job: upstream through the datasets it reads to the jobs that write them,
 * downstream through the datasets it writes to the jobs that read them, {@code depth} jobs away in
 * each direction. Two queries per step. With {@code collapse}, tasks are shown as their pipeline
 * (an Airflow DAG), as the pipeline page draws it.
 */
@Component
public class Lineage {

	private final RunStore store;

	public Lineage(RunStore store) {
		this.store = store;
	}

	/** A job or dataset of the graph; {@code layer} is negative upstream, positive downstream. */
	public record Node(String id, String type, String namespace, String name, Job job, int layer, Set<String> in,
			Set<String> out) {

		public boolean failed() {
			return job != null && "FAILED".equals(job.latestState());
		}

	}

	public record Graph(String rootId, Map<String, Node> nodes) {
	}

	public static String jobNode(String namespace, String name) {
		return "job:" + namespace + ":" + name;
	}

	public static String datasetNode(String namespace, String name) {
		return "dataset:" + namespace + ":" + name;
	}

	public Graph around(Job root, int depth, boolean collapse) {
		Map<UUID, Job> jobs = new HashMap<>();
		jobs.put(root.id(), root);
		Set<UUID> start = new LinkedHashSet<>();
		start.add(root.id());
		if (collapse) {
			store.children(root.id()).forEach(c -> {
				jobs.put(c.id(), c);
				start.add(c.id());
			});
		}
		Builder graph = new Builder(collapse, jobs);
		graph.job(root, 0);
		walk(graph, start, depth, true);
		walk(graph, start, depth, false);
		return new Graph(graph.id(root), graph.nodes);
	}

	private void walk(Builder graph, Set<UUID> start, int depth, boolean downstream) {
		Set<UUID> frontier = new LinkedHashSet<>(start);
		Set<UUID> seenJobs = new HashSet<>(start);
		Set<UUID> seenDatasets = new HashSet<>();
		String away = downstream ? "out" : "in";
		String toward = downstream ? "in" : "out";
		for (int step = 1; step <= depth && !frontier.isEmpty(); step++) {
			List<Edge> fromJobs = store.edgesOfJobs(frontier);
			Set<UUID> datasets = new LinkedHashSet<>();
			for (Edge e : fromJobs) {
				if (e.direction().equals(away)) {
					graph.datasetEdge(e, downstream ? 2 * step - 1 : -(2 * step - 1));
					if (seenDatasets.add(e.datasetId())) {
						datasets.add(e.datasetId());
					}
				}
			}
			List<Edge> toJobs = store.edgesOfDatasets(datasets);
			Set<UUID> next = new LinkedHashSet<>();
			for (Edge e : toJobs) {
				if (e.direction().equals(toward) && seenJobs.add(e.jobId())) {
					next.add(e.jobId());
				}
			}
			graph.load(next, store);
			for (Edge e : toJobs) {
				if (e.direction().equals(toward) && graph.jobs.containsKey(e.jobId())) {
					graph.job(graph.jobs.get(e.jobId()), downstream ? 2 * step : -2 * step);
					graph.datasetEdge(e, downstream ? 2 * step - 1 : -(2 * step - 1));
				}
			}
			frontier = next;
		}
	}

	private static final class Builder {

		final Map<String, Node> nodes = new LinkedHashMap<>();

		final boolean collapse;

		final Map<UUID, Job> jobs;

		Builder(boolean collapse, Map<UUID, Job> jobs) {
			this.collapse = collapse;
			this.jobs = jobs;
		}

		void load(Collection<UUID> ids, RunStore store) {
			List<UUID> missing = ids.stream().filter(id -> !jobs.containsKey(id)).toList();
			List<Job> found = store.jobs(missing);
			found.forEach(j -> jobs.put(j.id(), j));
			if (collapse) {
				List<UUID> parents = new ArrayList<>();
				found.stream().filter(j -> j.parentId() != null && !jobs.containsKey(j.parentId()))
					.forEach(j -> parents.add(j.parentId()));
				store.jobs(parents).forEach(j -> jobs.put(j.id(), j));
			}
		}

		Job shown(Job job) {
			if (collapse && job.parentId() != null && jobs.containsKey(job.parentId())) {
				return jobs.get(job.parentId());
			}
			return job;
		}

		String id(Job job) {
			Job shown = shown(job);
			return jobNode(shown.namespace(), shown.name());
		}

		void job(Job job, int layer) {
			Job shown = shown(job);
			nodes.putIfAbsent(id(job), new Node(id(job), "JOB", shown.namespace(), shown.name(), shown, layer,
					new LinkedHashSet<>(), new LinkedHashSet<>()));
		}

		void datasetEdge(Edge e, int layer) {
			String ds = datasetNode(e.datasetNamespace(), e.datasetName());
			Node dataset = nodes.computeIfAbsent(ds, k -> new Node(k, "DATASET", e.datasetNamespace(), e.datasetName(), null,
					layer, new LinkedHashSet<>(), new LinkedHashSet<>()));
			Job job = jobs.get(e.jobId());
			if (job == null) {
				return;
			}
			Node jobNode = nodes.get(id(job));
			if (jobNode == null) {
				return;
			}
			if (e.direction().equals("in")) {
				dataset.out().add(jobNode.id());
				jobNode.in().add(ds);
			}
			else {
				jobNode.out().add(ds);
				dataset.in().add(jobNode.id());
			}
		}

	}

}
