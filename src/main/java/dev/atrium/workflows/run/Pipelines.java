package dev.atrium.workflows.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.EntityRef;
import dev.atrium.workflows.WorkflowsProperties;
import dev.atrium.workflows.run.RunStore.RunPoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Pipelines as the pages list them: stored summaries joined with their catalog owners and
 * schedules, filtered, and sorted failing first, then late, then by name. Two queries per index
 * page: every pipeline's summary row, and the recent runs of the pipelines on the page.
 */
@Component
public class Pipelines {

	/** Index states: a run state, or {@code late}. */
	public static final List<String> STATES = List.of("failed", "late", "running", "completed", "aborted", "new");

	private static final Comparator<PipelineSummary> ORDER = Comparator.comparingInt(PipelineSummary::urgency)
		.thenComparing(s -> s.title().toLowerCase(Locale.ROOT))
		.thenComparing(s -> s.job().key());

	private final RunStore store;

	private final PipelineOwners owners;

	private final WorkflowsProperties properties;

	private final Clock clock;

	public Pipelines(RunStore store, PipelineOwners owners, WorkflowsProperties properties, ObjectProvider<Clock> clock) {
		this.store = store;
		this.owners = owners;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** What the index is asked for; null fields do not filter. */
	public record Filter(String state, String owner, String namespace, String text) {
	}

	/** One page of the index. */
	public record Page(List<PipelineSummary> items, int page, int pageCount, int total, long failing, long late,
			List<String> owners) {
	}

	public Page index(Filter filter, int page, int size) {
		List<PipelineSummary> all = summaries(filter.namespace());
		long failing = all.stream().filter(PipelineSummary::failing).count();
		long late = all.stream().filter(PipelineSummary::late).count();
		List<PipelineSummary> matched = all.stream().filter(s -> matches(s, filter)).sorted(ORDER).toList();
		int pageCount = Math.max(1, (matched.size() + size - 1) / size);
		int current = Math.min(Math.max(page, 0), pageCount - 1);
		List<PipelineSummary> items = withRecent(matched.subList(Math.min(current * size, matched.size()),
				Math.min((current + 1) * size, matched.size())));
		List<String> ownerRefs = all.stream()
			.filter(s -> s.ownership() != null && s.ownership().owner() != null)
			.map(s -> s.ownership().owner().toString())
			.distinct()
			.sorted()
			.toList();
		return new Page(items, current, pageCount, matched.size(), failing, late, ownerRefs);
	}

	/** The failing and late pipelines these owners (a group, its members' refs) own. */
	public List<PipelineSummary> needingAttention(Set<EntityRef> ownerRefs) {
		return withRecent(summaries(null).stream()
			.filter(s -> s.ownership() != null && s.ownership().owner() != null && ownerRefs.contains(s.ownership().owner()))
			.filter(s -> s.failing() || s.late())
			.sorted(ORDER)
			.toList());
	}

	/** Every pipeline, with owners and freshness, unsorted and without recent runs. */
	public List<PipelineSummary> summaries(String namespace) {
		Map<String, Ownership> byJob = owners.all();
		Instant now = clock.instant();
		List<PipelineSummary> summaries = new ArrayList<>();
		for (Job job : store.pipelines(namespace)) {
			summaries.add(summarize(job, byJob.get(job.key()), now));
		}
		return summaries;
	}

	public PipelineSummary summarize(Job job, Ownership ownership, Instant now) {
		String schedule = ownership == null ? null : ownership.schedule();
		Instant due = Freshness.dueBy(schedule, job.lastCompletedAt(), job.createdAt(), properties.scheduleGrace());
		return new PipelineSummary(job, ownership, due != null && now.isAfter(due), due, List.of());
	}

	/** The summary of one pipeline with its recent runs. */
	public PipelineSummary summary(Job job) {
		return withRecent(List.of(summarize(job, owners.of(job.key()), clock.instant()))).get(0);
	}

	private List<PipelineSummary> withRecent(List<PipelineSummary> page) {
		Map<java.util.UUID, List<RunPoint>> recent = store.recentRuns(page.stream().map(s -> s.job().id()).toList(),
				properties.recentRuns());
		return page.stream().map(s -> s.withRecent(recent.getOrDefault(s.job().id(), List.of()))).toList();
	}

	private static boolean matches(PipelineSummary s, Filter f) {
		if (f.state() != null && !f.state().isBlank()) {
			String state = f.state().toLowerCase(Locale.ROOT);
			boolean ok = state.equals("late") ? s.late() : state.equals(s.state().toLowerCase(Locale.ROOT));
			if (!ok) {
				return false;
			}
		}
		if (f.owner() != null && !f.owner().isBlank()) {
			EntityRef owner = s.ownership() == null ? null : s.ownership().owner();
			if (owner == null || !(owner.toString().equalsIgnoreCase(f.owner().trim())
					|| owner.name().equalsIgnoreCase(f.owner().trim()))) {
				return false;
			}
		}
		if (f.text() != null && !f.text().isBlank()) {
			String text = f.text().toLowerCase(Locale.ROOT).trim();
			return s.job().key().toLowerCase(Locale.ROOT).contains(text) || s.title().toLowerCase(Locale.ROOT).contains(text);
		}
		return true;
	}

}
