package dev.atrium.scaffolder.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.atrium.platform.Entity;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import dev.atrium.scaffolder.task.InvalidValuesException;
import dev.atrium.scaffolder.task.Task;
import dev.atrium.scaffolder.task.TaskEvent;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Templates;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Backstage's scaffolder task API: create, list, read, stream, cancel and retry tasks. */
@RestController
@RequestMapping("/api/scaffolder/v2/tasks")
class TasksApiController {

	/** How long a long-poll for events waits before answering an empty list (Backstage: 30 s, per RFC 6202). */
	private static final Duration LONG_POLL = Duration.ofSeconds(30);

	private final Tasks tasks;

	private final Templates templates;

	private final ExecutorService streams = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "scaffolder-eventstream");
		t.setDaemon(true);
		return t;
	});

	TasksApiController(Tasks tasks, Templates templates) {
		this.tasks = tasks;
		this.templates = templates;
	}

	@PreDestroy
	void close() {
		streams.shutdownNow();
	}

	@PostMapping
	ResponseEntity<?> create(@RequestBody Map<String, Object> body, HttpServletRequest request) {
		String templateRef = Entity.string(body.get("templateRef"));
		if (templateRef == null) {
			throw new InputException("templateRef is required, e.g. template:default/spring-boot-service");
		}
		try {
			UUID id = tasks.submit(templates.require(templateRef), Entity.map(body.get("values")), strings(body.get("secrets")),
					tasks.caller());
			return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id.toString()));
		}
		catch (InvalidValuesException ex) {
			return Serialized.invalid(ex, request.getMethod(), request.getRequestURI());
		}
	}

	@GetMapping
	Map<String, Object> list(@RequestParam(required = false) List<String> createdBy, @RequestParam(required = false) List<String> status,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
		Identity who = tasks.caller();
		String requested = createdBy == null || createdBy.isEmpty() ? null
				: createdBy.stream().filter(c -> Tasks.isCaller(c, who)).findFirst().orElse(createdBy.get(0));
		Optional<String> creator = Tasks.listedCreator(requested, who);
		if (creator.isEmpty() && !who.admin()) {
			return Map.of("tasks", List.of(), "totalTasks", 0);
		}
		List<String> statuses = status == null ? List.of() : status;
		return Map.of("tasks", tasks.list(creator.orElse(null), statuses, limit, offset).stream().map(Serialized::task).toList(),
				"totalTasks", tasks.count(creator.orElse(null), statuses));
	}

	@GetMapping("/{id}")
	Map<String, Object> get(@PathVariable String id) {
		return Serialized.task(visible(id));
	}

	/** The task if the caller may see it; 404 otherwise (see {@link Tasks#visible}). */
	private Task visible(String id) {
		return tasks.visible(uuid(id), tasks.caller());
	}

	@GetMapping(path = "/{id}/eventstream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter eventStream(@PathVariable String id, @RequestParam(defaultValue = "0") long after) {
		UUID task = visible(id).id();
		SseEmitter emitter = new SseEmitter(Duration.ofHours(1).toMillis());
		streams.submit(() -> {
			long last = after;
			try {
				while (true) {
					List<TaskEvent> events = tasks.awaitEvents(task, last, Duration.ofSeconds(15));
					if (events.isEmpty()) {
						emitter.send(SseEmitter.event().comment("keep-alive"));
						continue;
					}
					for (TaskEvent event : events) {
						emitter.send(SseEmitter.event().id(String.valueOf(event.id())).name(event.type()).data(Serialized.event(event),
								MediaType.APPLICATION_JSON));
						last = event.id();
						if (event.last()) {
							emitter.complete();
							return;
						}
					}
				}
			}
			catch (IOException | IllegalStateException ex) {
				emitter.completeWithError(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				emitter.complete();
			}
		});
		return emitter;
	}

	@GetMapping("/{id}/events")
	List<Map<String, Object>> events(@PathVariable String id, @RequestParam(defaultValue = "0") long after) throws InterruptedException {
		UUID task = visible(id).id();
		return tasks.awaitEvents(task, after, LONG_POLL).stream().map(Serialized::event).toList();
	}

	@PostMapping("/{id}/cancel")
	Map<String, Object> cancel(@PathVariable String id) {
		UUID task = visible(id).id();
		tasks.cancel(task);
		return Map.of("status", tasks.require(task).status().equals(Task.CANCELLED) ? Task.CANCELLED : "cancelling");
	}

	@PostMapping("/{id}/retry")
	ResponseEntity<Map<String, Object>> retry(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
		UUID task = visible(id).id();
		tasks.retry(task, body == null ? null : strings(body.get("secrets")));
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", task.toString()));
	}

	static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("Found no task with id " + id);
		}
	}

	static Map<String, String> strings(Object value) {
		Map<String, String> out = new java.util.LinkedHashMap<>();
		Entity.map(value).forEach((k, v) -> {
			if (v != null) {
				out.put(k, v.toString());
			}
		});
		return out;
	}

}
