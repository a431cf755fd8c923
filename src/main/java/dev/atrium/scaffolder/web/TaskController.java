package dev.atrium.scaffolder.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.platform.NotFoundException;
import dev.atrium.scaffolder.task.Task;
import dev.atrium.scaffolder.task.TaskEvent;
import dev.atrium.scaffolder.task.Tasks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A task's live page (steps, log streamed over server-sent events, output links) and the task history. */
@Controller
class TaskController {

	private final Tasks tasks;

	TaskController(Tasks tasks) {
		this.tasks = tasks;
	}

	/** A step as the task page shows it. */
	public record StepView(String id, String name, String action, String status, String duration, String error) {
	}

	/** An output link: an http(s) URL or the page of a catalog entity. */
	public record LinkView(String title, String href) {
	}

	@GetMapping("/create/tasks")
	String history(@RequestParam(defaultValue = "mine") String owner, Model model) {
		Identity who = caller();
		boolean all = owner.equals("all") && who.admin();
		// "All" is for admins only; anybody else sees their own runs (nobody's when not signed in).
		model.addAttribute("tasks", all ? tasks.list(null, List.of(), 100, 0)
				: Tasks.listedCreator(who.name(), who).map(mine -> tasks.list(mine, List.of(), 100, 0)).orElse(List.of()));
		model.addAttribute("owner", all ? "all" : "mine");
		model.addAttribute("admin", who.admin());
		return "scaffolder/tasks";
	}

	@GetMapping("/create/tasks/{id}")
	String task(@PathVariable String id, Model model) {
		Task task = tasks.visible(uuid(id), caller());
		List<StepView> steps = new ArrayList<>();
		int done = 0;
		for (Map<String, Object> step : task.steps()) {
			String stepId = Entity.string(step.get("id"));
			Map<String, Object> state = task.stepState(stepId);
			String status = Entity.string(state.getOrDefault("status", "open"));
			if (status.equals(Task.COMPLETED) || status.equals(Task.SKIPPED)) {
				done++;
			}
			steps.add(new StepView(stepId, Entity.string(step.get("name")), Entity.string(step.get("action")), status,
					duration(state), Entity.string(state.get("error"))));
		}
		List<TaskEvent> events = tasks.events(task.id(), 0);
		model.addAttribute("task", task);
		model.addAttribute("steps", steps);
		model.addAttribute("progress", steps.isEmpty() ? 100 : task.status().equals(Task.COMPLETED) ? 100 : done * 100 / steps.size());
		model.addAttribute("log", events.stream().filter(e -> e.body().get("message") != null).toList());
		model.addAttribute("lastEvent", events.isEmpty() ? 0 : events.get(events.size() - 1).id());
		model.addAttribute("links", links(task.output()));
		model.addAttribute("texts", texts(task.output()));
		return "scaffolder/task";
	}

	@PostMapping("/create/tasks/{id}/cancel")
	String cancel(@PathVariable String id, RedirectAttributes redirect) {
		tasks.cancel(tasks.visible(uuid(id), caller()).id());
		redirect.addFlashAttribute("notice", "Cancelling: the running step is asked to stop and no further step starts.");
		return "redirect:/create/tasks/" + id;
	}

	@PostMapping("/create/tasks/{id}/retry")
	String retry(@PathVariable String id, RedirectAttributes redirect) {
		tasks.retry(tasks.visible(uuid(id), caller()).id(), null);
		redirect.addFlashAttribute("notice", "Retrying from the failed step.");
		return "redirect:/create/tasks/" + id;
	}

	static List<LinkView> links(Map<String, Object> output) {
		List<LinkView> links = new ArrayList<>();
		Object raw = output.get("links");
		if (raw instanceof List<?> list) {
			for (Object item : list) {
				Map<String, Object> link = Entity.map(item);
				String url = Entity.string(link.get("url"));
				String entityRef = Entity.string(link.get("entityRef"));
				String title = Entity.string(link.getOrDefault("title", url != null ? url : entityRef));
				if (url != null && (url.startsWith("https://") || url.startsWith("http://") || (url.startsWith("/") && !url.startsWith("//")))) {
					links.add(new LinkView(title, url));
				}
				else if (entityRef != null) {
					try {
						EntityRef ref = EntityRef.parse(entityRef, "component", EntityRef.DEFAULT_NAMESPACE);
						links.add(new LinkView(title, "/catalog/" + ref.namespace().toLowerCase() + "/" + ref.kind().toLowerCase() + "/" + ref.name()));
					}
					catch (IllegalArgumentException ex) {
						// not a reference: no link
					}
				}
			}
		}
		return links;
	}

	static List<Map<String, String>> texts(Map<String, Object> output) {
		List<Map<String, String>> texts = new ArrayList<>();
		if (output.get("text") instanceof List<?> list) {
			for (Object item : list) {
				Map<String, Object> text = Entity.map(item);
				Map<String, String> shown = new LinkedHashMap<>();
				shown.put("title", Entity.string(text.getOrDefault("title", "")));
				shown.put("content", Entity.string(text.getOrDefault("content", "")));
				texts.add(shown);
			}
		}
		return texts;
	}

	private static String duration(Map<String, Object> state) {
		String started = Entity.string(state.get("startedAt"));
		if (started == null) {
			return "";
		}
		String ended = Entity.string(state.get("endedAt"));
		Duration d = Duration.between(Instant.parse(started), ended == null ? Instant.now() : Instant.parse(ended));
		return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0);
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("Found no task with id " + id);
		}
	}

	private Identity caller() {
		return tasks.caller();
	}

}
