package dev.atrium.scaffolder.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.Entity;

/**
 * A run of a template, as stored.
 *
 * @param spec what the run needs and nothing secret: {@code templateInfo}, {@code parameters} (secret
 *     fields left out), {@code steps}, {@code output}, {@code user}
 * @param state how far it got: {@code steps} by id ({@code status}, {@code startedAt}, {@code endedAt},
 *     {@code output}) and the rendered {@code output}
 */
public record Task(UUID id, String templateRef, Map<String, Object> spec, String status, String createdBy,
		Instant createdAt, Instant startedAt, Instant finishedAt, Instant lastHeartbeatAt, Map<String, Object> state,
		String error) {

	public static final String OPEN = "open";

	public static final String PROCESSING = "processing";

	public static final String COMPLETED = "completed";

	public static final String FAILED = "failed";

	public static final String CANCELLED = "cancelled";

	/** A step that did not run (its if was false, or a dry run). */
	public static final String SKIPPED = "skipped";

	public static final List<String> STATUSES = List.of(OPEN, PROCESSING, COMPLETED, FAILED, CANCELLED);

	public boolean finished() {
		return status.equals(COMPLETED) || status.equals(FAILED) || status.equals(CANCELLED);
	}

	/** The template's steps as stored in the spec. */
	public List<Map<String, Object>> steps() {
		Object steps = spec.get("steps");
		return steps instanceof List<?> l ? l.stream().map(Entity::map).toList() : List.of();
	}

	/** A step's recorded state, empty when it has not started. */
	public Map<String, Object> stepState(String stepId) {
		return Entity.map(Entity.map(state.get("steps")).get(stepId));
	}

	/** The rendered output ({@code links}, {@code text}), empty until the run completes. */
	public Map<String, Object> output() {
		return Entity.map(state.get("output"));
	}

	public String templateTitle() {
		Map<String, Object> info = Entity.map(spec.get("templateInfo"));
		Object title = Entity.map(Entity.map(info.get("entity")).get("metadata")).get("title");
		return title != null ? title.toString() : templateRef;
	}

}
