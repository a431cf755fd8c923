package dev.atrium.scaffolder.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.scaffolder.task.InvalidValuesException;
import dev.atrium.scaffolder.task.Task;
import dev.atrium.scaffolder.task.TaskEvent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Backstage's JSON shapes for tasks, events and validation errors. */
final class Serialized {

	private Serialized() {
	}

	/** Backstage's SerializedTask; secrets are never part of a task, so there is nothing to delete. */
	static Map<String, Object> task(Task task) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", task.id().toString());
		out.put("spec", task.spec());
		out.put("status", task.status());
		out.put("createdAt", task.createdAt().toString());
		out.put("lastHeartbeatAt", task.lastHeartbeatAt() == null ? null : task.lastHeartbeatAt().toString());
		out.put("createdBy", createdBy(task));
		out.put("state", task.state());
		if (task.error() != null) {
			out.put("error", Map.of("name", "Error", "message", task.error()));
		}
		return out;
	}

	/** As Backstage answers: the creator's user entity ref when they have one in the catalog, else their name. */
	private static String createdBy(Task task) {
		return task.spec().get("user") instanceof Map<?, ?> user && user.get("ref") instanceof String ref ? ref : task.createdBy();
	}

	static Map<String, Object> event(TaskEvent event) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", event.id());
		out.put("taskId", event.taskId() == null ? null : event.taskId().toString());
		out.put("body", event.body());
		out.put("type", event.type());
		out.put("createdAt", event.createdAt().toString());
		return out;
	}

	/** A 400 with Backstage's {@code errors} (one per field) beside the usual error object. */
	static ResponseEntity<Map<String, Object>> invalid(InvalidValuesException ex, String method, String url) {
		List<Map<String, Object>> errors = ex.problems()
			.stream()
			.map(p -> Map.<String, Object>of("property", "instance." + p.field(), "message", p.message(), "name", p.keyword(),
					"stack", "instance." + p.field() + " " + p.message()))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errors", errors);
		body.put("error", Map.of("name", "InputError", "message", ex.getMessage()));
		body.put("request", Map.of("method", method, "url", url));
		body.put("response", Map.of("statusCode", 400));
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
	}

}
