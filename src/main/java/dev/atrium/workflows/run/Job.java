package dev.atrium.workflows.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored job: a pipeline (no parent) or one of its tasks, with its latest run's summary and its
 * latest runs' states and durations ({@link RecentRuns#NONE} where a query leaves them out).
 */
public record Job(UUID id, String namespace, String name, UUID parentId, String facets, Instant createdAt,
		Instant updatedAt, UUID latestRunId, Instant latestRunAt, String latestState, Instant latestStartedAt,
		Instant latestEndedAt, Instant lastCompletedAt, RecentRuns recent) {

	/** The id the writer gives a job: a name-based UUID, as {@code RunEvent.JobName#id}. */
	public static UUID idOf(String namespace, String name) {
		return UUID.nameUUIDFromBytes(("job\n" + namespace + '\n' + name).getBytes(StandardCharsets.UTF_8));
	}

	/** A pipeline the catalog declares (with a schedule) that never sent an event: no runs since {@code since}. */
	public static Job unreported(String namespace, String name, Instant since) {
		return new Job(idOf(namespace, name), namespace, name, null, "{}", since, since, null, null, null, null, null, null,
				RecentRuns.NONE);
	}

	/** namespace/name, as the {@code openlineage.io/job} annotation writes it. */
	public String key() {
		return namespace + "/" + name;
	}

	/** The latest run's duration, or null while it has not ended. */
	public Duration latestDuration() {
		return latestStartedAt == null || latestEndedAt == null ? null : Duration.between(latestStartedAt, latestEndedAt);
	}

	/** The part of a task's name after its DAG's name (Airflow names tasks dag_id.task_id). */
	public String shortName(Job parent) {
		return parent != null && name.startsWith(parent.name() + ".") ? name.substring(parent.name().length() + 1) : name;
	}

}
