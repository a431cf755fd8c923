package dev.atrium.workflows.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityContent;
import dev.atrium.platform.EntityFilter;
import dev.atrium.platform.Fragment;
import dev.atrium.workflows.run.Freshness;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.PipelineOwners;
import dev.atrium.workflows.run.PipelineSummary;
import dev.atrium.workflows.run.Pipelines;
import dev.atrium.workflows.run.RunStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The Pipeline tab on the page of an entity annotated {@code openlineage.io/job}: its pipeline's status. */
@Component
class PipelineTab implements EntityContent {

	private static final EntityFilter FILTER = EntityFilter.of("annotation:" + PipelineOwners.JOB_ANNOTATION);

	private final RunStore store;

	private final Pipelines pipelines;

	private final Clock clock;

	PipelineTab(RunStore store, Pipelines pipelines, ObjectProvider<Clock> clock) {
		this.store = store;
		this.pipelines = pipelines;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Override
	public String id() {
		return "pipeline";
	}

	@Override
	public String title() {
		return "Pipeline";
	}

	@Override
	public EntityFilter filter() {
		return FILTER;
	}

	@Override
	public int order() {
		return 50;
	}

	@Override
	public Fragment render(Entity entity) {
		String key = entity.annotation(PipelineOwners.JOB_ANNOTATION).trim();
		int slash = key.indexOf('/');
		Optional<Job> job = slash <= 0 ? Optional.empty() : store.job(key.substring(0, slash), key.substring(slash + 1));
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("key", key);
		model.put("found", job.isPresent());
		model.put("valid", slash > 0);
		model.put("problems", Freshness.problems(entity.annotation(PipelineOwners.SCHEDULE_ANNOTATION),
				entity.annotation(PipelineOwners.GRACE_ANNOTATION)));
		if (job.isEmpty() && slash > 0) {
			// A scheduled pipeline that never reported: late or not.
			pipelines.unreported(Job.idOf(key.substring(0, slash), key.substring(slash + 1)))
				.ifPresent(s -> model.put("expected", PipelineRow.of(s, clock.instant())));
		}
		if (job.isPresent()) {
			PipelineSummary summary = pipelines.summary(job.get());
			model.put("row", PipelineRow.of(summary, clock.instant()));
			model.put("runs", store.runs(job.get().id(), 10, 0).stream().map(r -> RunRow.brief(r, null)).toList());
			store.latestFailure(List.of(job.get().id()))
				.ifPresent(f -> model.put("failure", Map.of("href", PipelineLinks.run(f.id()), "at", Svg.time(f.endedAt()),
						"message", f.errorMessage() == null ? "The run failed without an error message." : f.errorMessage())));
		}
		return new Fragment("workflows/fragments/pipeline-tab", "tab", model);
	}

}
