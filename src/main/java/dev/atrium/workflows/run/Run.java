package dev.atrium.workflows.run;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A stored run: state, times and facets (facets, inputs and outputs as JSON text). */
public record Run(UUID id, UUID jobId, UUID parentRunId, String state, Instant runAt, Instant startedAt,
		Instant endedAt, Instant nominalStart, Instant nominalEnd, String facets, String errorMessage, String inputs,
		String outputs, boolean derived, Instant createdAt, Instant updatedAt) {

	/** Milliseconds from start to end, or null while either is unknown. */
	public Long durationMs() {
		return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt).toMillis();
	}

	public boolean terminal() {
		return "COMPLETED".equals(state) || "FAILED".equals(state) || "ABORTED".equals(state);
	}

}
