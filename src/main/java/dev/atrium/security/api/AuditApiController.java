package dev.atrium.security.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.security.AuditLog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log as JSON: {@code GET /api/audit/events?actor=&path=&before=&limit=}, newest first;
 * {@code next} is the {@code before} of the following page.
 */
@RestController
class AuditApiController {

	private final AuditLog audit;

	AuditApiController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping(path = "/api/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> events(@RequestParam(required = false) String actor, @RequestParam(required = false) String path,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
		List<AuditLog.Event> events = audit.events(actor, path, before, limit);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("items", events.stream().map(AuditApiController::json).toList());
		answer.put("next", events.size() < Math.max(1, Math.min(limit, 1000)) ? null : events.get(events.size() - 1).id());
		return answer;
	}

	private static Map<String, Object> json(AuditLog.Event event) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", event.id());
		json.put("occurredAt", event.occurredAt().toString());
		json.put("actor", Map.of("name", event.actor(), "type", event.actorType()));
		json.put("method", event.method());
		json.put("path", event.path());
		json.put("status", event.status());
		json.put("remoteAddress", event.remoteAddress());
		return json;
	}

}
