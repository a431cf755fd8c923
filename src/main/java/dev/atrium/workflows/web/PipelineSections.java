package dev.atrium.workflows.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.atrium.platform.RecentResults;
import dev.atrium.workflows.WorkflowsProperties;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Lineage;
import dev.atrium.workflows.run.Pipelines;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore;
import dev.atrium.workflows.run.RunStore.Edge;
import dev.atrium.workflows.run.RunStore.RunPoint;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * What a pipeline's page shows of its runs: the grid of recent runs by task, durations, the latest
 * failure, datasets, lineage, tasks and the runs table, read with seven queries and rendered once
 * (from {@code workflows/fragments/pipeline-sections.html}) for everyone viewing the pipeline meanwhile.
 * <p>
 * Kept until this instance commits events of the pipeline (or of its tasks) and for at most
 * {@code atrium.workflows.summary-cache} (1 s): a page reloaded after sending events shows them, and
 * what changes elsewhere (another instance's events, a neighbour's failure in the lineage) shows
 * within that second. The header (state, last run, owner) is read on every view.
 */
@Component
class PipelineSections {

	static final int GRID_RUNS = 25;

	static final int TREND_RUNS = 50;

	private static final int MAX_ENTRIES = 256;

	/** The parent pipeline's link (name, href) for the breadcrumbs, or null; the sections' HTML. */
	record Sections(Map<String, String> parent, String html) {
	}

	private final RunStore store;

	private final Lineage lineage;

	private final Pipelines pipelines;

	private final ITemplateEngine templates;

	private final RecentResults<Sections> kept;

	PipelineSections(RunStore store, Lineage lineage, Pipelines pipelines, ITemplateEngine templates,
			WorkflowsProperties properties) {
		this.store = store;
		this.lineage = lineage;
		this.pipelines = pipelines;
		this.templates = templates;
		this.kept = new RecentResults<>(() -> 0L, properties.summaryCache(), MAX_ENTRIES);
	}

	/** The sections of a job's page; {@code unreported}: one the catalog declares that never sent an event. */
	Sections of(Job job, boolean unreported) {
		UUID pipeline = job.parentId() != null ? job.parentId() : job.id();
		// The generation is taken before reading: a commit meanwhile makes what is read stale at once.
		return kept.get(job.id() + (unreported ? " unreported" : ""), pipelines.generation(pipeline),
				() -> read(job, unreported));
	}

	private Sections read(Job job, boolean unreported) {
		List<Job> tasks = unreported ? List.of() : store.children(job.id());
		List<Run> runs = unreported ? List.of() : store.runs(job.id(), TREND_RUNS, 0);
		List<Run> gridRuns = runs.subList(0, Math.min(GRID_RUNS, runs.size()));
		List<Run> taskRuns = gridRuns.isEmpty() ? List.of() : store.childRuns(gridRuns.stream().map(Run::id).toList());
		List<UUID> all = new ArrayList<>();
		all.add(job.id());
		tasks.forEach(t -> all.add(t.id()));

		Map<String, Object> model = new HashMap<>();
		model.put("tasks", tasks);
		model.put("taskLinks", tasks.stream().map(t -> Map.of("name", t.shortName(job), "href", PipelineLinks.pipeline(t))).toList());
		model.put("grid", runs.isEmpty() ? null : GridSvg.render(job, tasks, gridRuns, taskRuns));
		model.put("durations", runs.isEmpty() ? null
				: TrendSvg.bars(runs.stream().map(r -> new RunPoint(r.id(), r.state(), r.runAt(), r.startedAt(), r.endedAt())).toList()));
		model.put("failure", unreported ? null : store.latestFailure(all).map(r -> failure(r, job, tasks)).orElse(null));
		List<Edge> edges = unreported ? List.of() : store.edgesOfJobs(all);
		model.put("reads", datasets(edges, "in"));
		model.put("writes", datasets(edges, "out"));
		// The lineage starts from the same job, tasks and edges: not read twice.
		Lineage.Graph graph = lineage.around(job, tasks, edges, 2, true);
		model.put("lineage", graph.nodes().size() > 1 ? LineageSvg.render(graph) : null);
		model.put("downstream", graph.nodes().values().stream()
			.filter(n -> "JOB".equals(n.type()) && n.layer() > 0)
			.map(n -> Map.of("name", n.name(), "href", PipelineLinks.pipeline(n.namespace(), n.name()), "failed", n.failed()))
			.toList());
		model.put("runs", runs.stream().limit(GRID_RUNS).map(r -> RunRow.brief(r, null)).toList());
		String html = templates.process("workflows/fragments/pipeline-sections", Set.of("sections"),
				new Context(Locale.ROOT, model));
		Map<String, String> parent = job.parentId() == null ? null : store.jobs(List.of(job.parentId())).stream()
			.findFirst()
			.map(p -> Map.of("name", p.name(), "href", PipelineLinks.pipeline(p)))
			.orElse(null);
		return new Sections(parent, html);
	}

	private static Map<String, Object> failure(Run run, Job pipeline, List<Job> tasks) {
		String task = run.jobId().equals(pipeline.id()) ? null
				: tasks.stream().filter(t -> t.id().equals(run.jobId())).map(t -> t.shortName(pipeline)).findFirst().orElse(null);
		Map<String, Object> failure = new LinkedHashMap<>();
		failure.put("href", PipelineLinks.run(run.id()));
		failure.put("at", Svg.time(run.endedAt() != null ? run.endedAt() : run.runAt()));
		failure.put("task", task == null ? "" : task);
		failure.put("message", run.errorMessage() == null ? "The run failed without an error message." : run.errorMessage());
		return failure;
	}

	private static List<Map<String, String>> datasets(List<Edge> edges, String direction) {
		Map<String, Map<String, String>> seen = new LinkedHashMap<>();
		for (Edge e : edges) {
			if (e.direction().equals(direction)) {
				seen.putIfAbsent(e.datasetNamespace() + "\n" + e.datasetName(),
						Map.of("namespace", e.datasetNamespace(), "name", e.datasetName()));
			}
		}
		return List.copyOf(seen.values());
	}

}
