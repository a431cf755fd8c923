package dev.atrium.workflows.web;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.atrium.platform.NotFoundException;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Ownership;
import dev.atrium.workflows.run.PipelineSummary;
import dev.atrium.workflows.run.Pipelines;
import dev.atrium.workflows.run.Run;
import dev.atrium.workflows.run.RunStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A pipeline's page (grid of recent runs by task, durations, latest failure, datasets, lineage)
 * and a run's page (its task runs with timings, states and facets).
 */
@Controller
class PipelineController {

	private final RunStore store;

	private final Pipelines pipelines;

	private final PipelineSections sections;

	private final Clock clock;

	PipelineController(RunStore store, Pipelines pipelines, PipelineSections sections, ObjectProvider<Clock> clock) {
		this.store = store;
		this.pipelines = pipelines;
		this.sections = sections;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@GetMapping("/workflows/pipelines/{namespace}/{name}")
	String pipeline(@PathVariable String namespace, @PathVariable String name, Model model) {
		Optional<Job> job = store.job(namespace, name);
		if (job.isPresent()) {
			return page(job.get(), pipelines.summary(job.get()), false, model);
		}
		PipelineSummary unreported = pipelines.unreported(Job.idOf(namespace, name))
			.orElseThrow(() -> new NotFoundException("No pipeline " + namespace + "/" + name + " has reported to Atrium"));
		return page(unreported.job(), unreported, true, model);
	}

	/** A job whose namespace or name a path segment cannot carry (see {@link PipelineLinks#pipeline(String, String)}). */
	@GetMapping("/workflows/jobs/{id}")
	String job(@PathVariable UUID id, Model model) {
		Optional<Job> job = store.jobs(List.of(id)).stream().findFirst().flatMap(j -> store.job(j.namespace(), j.name()));
		if (job.isPresent()) {
			return page(job.get(), pipelines.summary(job.get()), false, model);
		}
		PipelineSummary unreported = pipelines.unreported(id)
			.orElseThrow(() -> new NotFoundException("No job " + id + " has reported to Atrium"));
		return page(unreported.job(), unreported, true, model);
	}

	/** A pipeline by namespace and name as query parameters (any characters): redirected to its page. */
	@GetMapping("/workflows/pipeline")
	ResponseEntity<Void> byName(@RequestParam String namespace, @RequestParam String name) {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(PipelineLinks.pipeline(namespace, name))).build();
	}

	/** A pipeline's page; {@code unreported}: one the catalog declares that never sent an event (no runs to read). */
	private String page(Job job, PipelineSummary summary, boolean unreported, Model model) {
		PipelineSections.Sections sections = this.sections.of(job, unreported);
		model.addAttribute("job", job);
		model.addAttribute("unreported", unreported);
		model.addAttribute("problems", summary.ownership() == null ? List.of() : summary.ownership().problems());
		model.addAttribute("row", PipelineRow.of(summary, clock.instant()));
		model.addAttribute("ownership", summary.ownership());
		model.addAttribute("links", links(summary.ownership()));
		model.addAttribute("parent", sections.parent());
		model.addAttribute("sections", sections.html());
		return "workflows/pipeline";
	}

	@GetMapping("/workflows/runs/{id}")
	String run(@PathVariable UUID id, Model model) {
		Run run = store.run(id).orElseThrow(() -> new NotFoundException("No run " + id + " has reported to Atrium"));
		Job job = store.jobs(List.of(run.jobId())).stream().findFirst()
			.orElseThrow(() -> new NotFoundException("The job of run " + id + " is gone"));
		Job pipeline = job.parentId() == null ? job
				: store.jobs(List.of(job.parentId())).stream().findFirst().orElse(job);
		List<Run> tasks = store.childRuns(List.of(id));
		Map<UUID, Job> taskJobs = new LinkedHashMap<>();
		store.jobs(tasks.stream().map(Run::jobId).distinct().toList()).forEach(j -> taskJobs.put(j.id(), j));
		model.addAttribute("run", RunRow.of(run, null));
		model.addAttribute("job", job);
		model.addAttribute("pipeline", pipeline);
		model.addAttribute("pipelineHref", PipelineLinks.pipeline(pipeline));
		model.addAttribute("parentRun", run.parentRunId() == null ? null : PipelineLinks.run(run.parentRunId()));
		model.addAttribute("tasks", tasks.stream().map(t -> RunRow.of(t, taskJobs.containsKey(t.jobId())
				? taskJobs.get(t.jobId()).shortName(job) : "?")).toList());
		model.addAttribute("gantt", tasks.isEmpty() ? null : GanttSvg.render(run, tasks, taskJobs, job));
		return "workflows/run";
	}

	private static List<Map<String, String>> links(Ownership o) {
		if (o == null) {
			return List.of();
		}
		List<Map<String, String>> links = new ArrayList<>();
		links.add(Map.of("label", "Catalog entity", "text", o.entity().displayName(), "href", PipelineRow.entityHref(o.entity())));
		if (o.owner() != null) {
			links.add(Map.of("label", "Owner", "text", o.owner().displayName(), "href", PipelineRow.entityHref(o.owner())));
		}
		if (o.system() != null) {
			links.add(Map.of("label", "System", "text", o.system().displayName(), "href", PipelineRow.entityHref(o.system())));
		}
		return links;
	}

}
