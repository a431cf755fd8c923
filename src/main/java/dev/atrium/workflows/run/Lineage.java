package dev.atrium.workflows.run;

import java.util.ArrayList;
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
 * each direction. Three queries per step for both directions together. With {@code collapse}, tasks are shown as their pipeline
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
		return around(root, collapse ? store.children(root.id()) : List.of(), null, depth, collapse);
	}

	/**
	 * The lineage around a job whose tasks ({@code children}, used with {@code collapse}) and whose
	 * edges and its tasks' ({@code startEdges}, as {@link RunStore#edgesOfJobs} gives them; null to read
	 * them) the caller has read already.
	 */
	public Graph around(Job root, List<Job> children, List<Edge> startEdges, int depth, boolean collapse) {
		Map<UUID, Job> jobs = new HashMap<>();
		jobs.put(root.id(), root);
		Set<UUID> start = new LinkedHashSet<>();
		start.add(root.id());
		if (collapse) {
			children.forEach(c -> {
				jobs.put(c.id(), c);
				start.add(c.id());
			});
		}
		Walks walks = fetch(start, startEdges, depth, jobs, collapse);
		Builder graph = new Builder(collapse, jobs);
		graph.job(root, 0);
		replay(graph, walks.down(), true);
		replay(graph, walks.up(), false);
		return new Graph(graph.id(root), graph.nodes);
	}

	/**
	 * The graph with every job's inputs and outputs, as Marquez answers it: datasets a job reads or
	 * writes that the walk did not follow (another input of a job downstream) become nodes beside
	 * it, and every dataset lists all the graph's jobs that write it (in) and read it (out).
	 */
	public Graph withAllDatasets(Graph graph) {
		Map<UUID, Node> jobs = new HashMap<>();
		graph.nodes().values().stream().filter(n -> n.job() != null).forEach(n -> jobs.put(n.job().id(), n));
		Map<String, Node> nodes = new LinkedHashMap<>(graph.nodes());
		for (Edge e : store.edgesOfJobs(jobs.keySet())) {
			Node job = jobs.get(e.jobId());
			boolean read = e.direction().equals("in");
			String id = datasetNode(e.datasetNamespace(), e.datasetName());
			Node dataset = nodes.computeIfAbsent(id, k -> new Node(k, "DATASET", e.datasetNamespace(), e.datasetName(), null,
					job.layer() + (read ? -1 : 1), new LinkedHashSet<>(), new LinkedHashSet<>()));
			(read ? job.in() : job.out()).add(id);
			(read ? dataset.out() : dataset.in()).add(job.id());
		}
		return new Graph(graph.rootId(), nodes);
	}

	/** The edges one step of one walk met: from its frontier's jobs, and to the jobs of the datasets it reached. */
	private record Step(List<Edge> fromJobs, List<Edge> toJobs) {
	}

	private record Walks(List<Step> down, List<Step> up) {
	}

	/**
	 * Reads what both walks (downstream and upstream) meet, step by step, with one query per step for
	 * the edges of their jobs, one for the edges of their datasets and one for the jobs reached (with
	 * their pipelines): each walk sees exactly what reading it alone would give it.
	 */
	private Walks fetch(Set<UUID> start, List<Edge> startEdges, int depth, Map<UUID, Job> jobs, boolean collapse) {
		List<List<Step>> steps = List.of(new ArrayList<>(), new ArrayList<>());
		List<Set<UUID>> frontier = List.of(new LinkedHashSet<>(start), new LinkedHashSet<>(start));
		List<Set<UUID>> seenJobs = List.of(new HashSet<>(start), new HashSet<>(start));
		List<Set<UUID>> seenDatasets = List.of(new HashSet<>(), new HashSet<>());
		for (int step = 1; step <= depth && !(frontier.get(0).isEmpty() && frontier.get(1).isEmpty()); step++) {
			Set<UUID> walking = new LinkedHashSet<>(frontier.get(0));
			walking.addAll(frontier.get(1));
			List<Edge> edges = step == 1 && startEdges != null ? startEdges : store.edgesOfJobs(walking);
			List<List<Edge>> fromJobs = List.of(new ArrayList<>(), new ArrayList<>());
			List<Set<UUID>> datasets = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
			for (int d = 0; d < 2; d++) {
				String away = d == 0 ? "out" : "in";
				for (Edge e : edges) {
					if (frontier.get(d).contains(e.jobId())) {
						fromJobs.get(d).add(e);
						if (e.direction().equals(away) && seenDatasets.get(d).add(e.datasetId())) {
							datasets.get(d).add(e.datasetId());
						}
					}
				}
			}
			Set<UUID> reached = new LinkedHashSet<>(datasets.get(0));
			reached.addAll(datasets.get(1));
			List<Edge> toEdges = store.edgesOfDatasets(reached);
			List<Set<UUID>> next = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
			for (int d = 0; d < 2; d++) {
				if (frontier.get(d).isEmpty()) {
					continue;
				}
				String toward = d == 0 ? "in" : "out";
				List<Edge> toJobs = new ArrayList<>();
				for (Edge e : toEdges) {
					if (datasets.get(d).contains(e.datasetId())) {
						toJobs.add(e);
						if (e.direction().equals(toward) && seenJobs.get(d).add(e.jobId())) {
							next.get(d).add(e.jobId());
						}
					}
				}
				steps.get(d).add(new Step(fromJobs.get(d), toJobs));
			}
			Set<UUID> missing = new LinkedHashSet<>();
			for (Set<UUID> ids : next) {
				ids.stream().filter(id -> !jobs.containsKey(id)).forEach(missing::add);
			}
			(collapse ? store.jobsWithParents(missing) : store.jobs(missing)).forEach(j -> jobs.putIfAbsent(j.id(), j));
			frontier = next;
		}
		return new Walks(steps.get(0), steps.get(1));
	}

	/** Adds one walk's nodes and edges, step by step, as walking it alone would. */
	private static void replay(Builder graph, List<Step> steps, boolean downstream) {
		String away = downstream ? "out" : "in";
		String toward = downstream ? "in" : "out";
		int step = 0;
		for (Step s : steps) {
			step++;
			for (Edge e : s.fromJobs()) {
				if (e.direction().equals(away)) {
					graph.datasetEdge(e, downstream ? 2 * step - 1 : -(2 * step - 1));
				}
			}
			for (Edge e : s.toJobs()) {
				if (e.direction().equals(toward) && graph.jobs.containsKey(e.jobId())) {
					graph.job(graph.jobs.get(e.jobId()), downstream ? 2 * step : -2 * step);
					graph.datasetEdge(e, downstream ? 2 * step - 1 : -(2 * step - 1));
				}
			}
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

		/** A task is drawn as its pipeline; a job below a task is a pipeline itself (RunStore#pipelines). */
		Job shown(Job job) {
			Job parent = collapse && job.parentId() != null ? jobs.get(job.parentId()) : null;
			return parent != null && parent.parentId() == null ? parent : job;
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
