package dev.atrium.workflows.run;

import java.time.Instant;

/**
 * A pipeline as the index lists it.
 *
 * @param job the top-level job, with its recent runs
 * @param ownership the owning catalog entity, or null
 * @param late whether its schedule says a run should have completed by now
 * @param dueBy when a run should complete by, or null without a schedule
 */
public record PipelineSummary(Job job, Ownership ownership, boolean late, Instant dueBy) {

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

	/** Its latest runs, newest first. */
	public RecentRuns recent() {
		return job.recent();
	}

	/** Completed runs among the recent ended ones, 0 to 100; null when none ended. */
	public Integer successRate() {
		return job.recent().successRate();
	}

}
