package dev.atrium.scaffolder.task;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of a task's log, in Backstage's shape: {@code type} is {@code log}, {@code completion},
 * {@code cancelled} or {@code recovered}; {@code body} holds {@code message} and, for step events,
 * {@code stepId} and {@code status}.
 */
public record TaskEvent(long id, UUID taskId, String type, Map<String, Object> body, Instant createdAt) {

	/** Whether the stream ends with this event. */
	public boolean last() {
		return type.equals("completion") || type.equals("cancelled");
	}

}
