package dev.atrium.workflows.run;

import java.time.Instant;
import java.util.List;

import dev.atrium.workflows.run.RunStore.RunPoint;

/**
 * A pipeline as the index lists it.
 *
 * @param job the top-level job
 * @param ownership the owning catalog entity, or null
 * @param late whether its schedule says a run should have completed by now
 * @param dueBy when a run should complete by, or null without a schedule
 * @param recent its latest runs, latest first (filled for the page shown)
 */
public record PipelineSummary(Job job, Ownership ownership, boolean late, Instant dueBy, List<RunPoint> recent) {

	/** The latest run's state, or NEW without runs. */
	public String state() {
		return job.latestState() == null ? "NEW" : job.latestState();
	}

	public boolean failing() {
		return "FAILED".equals(state());
	}

	/** What the index shows first: failing, then late, then the rest. */
	public int urgency() {
		return failing() ? 0 : late ? 1 : 2;
	}

	/** The title of the owning entity, else the job name. */
	public String title() {
		return ownership != null ? ownership.title() : job.name();
	}

	/** Completed runs among the recent ended ones, 0 to 100; null when none ended. */
	public Integer successRate() {
		long ended = recent.stream().filter(r -> r.endedAt() != null && !"RUNNING".equals(r.state()) && !"NEW".equals(r.state())).count();
		if (ended == 0) {
			return null;
		}
		long completed = recent.stream().filter(r -> "COMPLETED".equals(r.state())).count();
		return (int) Math.round(100.0 * completed / ended);
	}

	PipelineSummary withRecent(List<RunPoint> runs) {
		return new PipelineSummary(job, ownership, late, dueBy, runs);
	}

}
