package dev.atrium.scaffolder.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.task.InvalidValuesException;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Template;
import dev.atrium.scaffolder.template.Templates;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backstage's scaffolder API for actions, template parameter schemas and dry runs. */
@RestController
@RequestMapping("/api/scaffolder/v2")
class TemplatesApiController {

	private static final int MAX_DRY_RUN_FILES = 1_000;

	private final Tasks tasks;

	private final Templates templates;

	TemplatesApiController(Tasks tasks, Templates templates) {
		this.tasks = tasks;
		this.templates = templates;
	}

	@GetMapping("/actions")
	List<Map<String, Object>> actions() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (ScaffolderAction action : tasks.actions().values()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", action.id());
			item.put("description", action.description());
			item.put("examples", action.examples().stream().map(e -> Map.of("description", e.description(), "example", e.yaml())).toList());
			Map<String, Object> schema = new LinkedHashMap<>();
			schema.put("input", action.inputSchema());
			schema.put("output", action.outputSchema());
			item.put("schema", schema);
			out.add(item);
		}
		return out;
	}

	@GetMapping("/templates/{namespace}/{kind}/{name}/parameter-schema")
	Map<String, Object> parameterSchema(@PathVariable String namespace, @PathVariable String kind, @PathVariable String name) {
		EntityRef ref = new EntityRef(kind, namespace, name);
		Template template = templates.find(ref).orElseThrow(() -> new NotFoundException("Found no template " + ref));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("title", template.title());
		out.put("description", template.description());
		out.put("steps", template.pages().stream().map(p -> {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("title", p.title());
			step.put("description", p.description());
			step.put("schema", p.schema());
			return step;
		}).toList());
		return out;
	}

	/**
	 * Renders an inline template with the given files as its folder; its own location annotations are
	 * ignored, so a dry run reads nothing but what the request sent.
	 */
	@PostMapping("/dry-run")
	ResponseEntity<?> dryRun(@RequestBody Map<String, Object> body, HttpServletRequest request) {
		Map<String, Object> entity = new LinkedHashMap<>(Entity.map(body.get("template")));
		if (!"Template".equals(entity.get("kind"))) {
			throw new InputException("template must be a Template entity (kind: Template, apiVersion scaffolder.backstage.io/v1beta3)");
		}
		Map<String, Object> metadata = new LinkedHashMap<>(Entity.map(entity.get("metadata")));
		metadata.putIfAbsent("name", "dry-run");
		metadata.remove("annotations");
		entity.put("metadata", metadata);
		Map<String, byte[]> files = new LinkedHashMap<>();
		Object contents = body.get("directoryContents");
		List<?> list = contents instanceof List<?> l ? l : List.of();
		if (list.size() > MAX_DRY_RUN_FILES) {
			throw new InputException("directoryContents has more than " + MAX_DRY_RUN_FILES + " files");
		}
		for (Object raw : list) {
			Map<String, Object> file = Entity.map(raw);
			String path = Entity.string(file.get("path"));
			if (path == null) {
				throw new InputException("Each directoryContents item needs a path");
			}
			try {
				files.put(path, Base64.getDecoder().decode(Entity.string(file.getOrDefault("base64Content", ""))));
			}
			catch (IllegalArgumentException ex) {
				throw new InputException("directoryContents item " + path + " is not valid base64");
			}
		}
		try {
			Tasks.DryRun run = tasks.dryRun(Template.of(new Entity(entity)), Entity.map(body.get("values")),
					TasksApiController.strings(body.get("secrets")), tasks.caller(), files);
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("log", run.log().stream().map(e -> Map.of("body", e.body())).toList());
			out.put("output", run.output());
			out.put("steps", run.steps());
			out.put("status", run.status());
			if (run.error() != null) {
				out.put("error", Map.of("name", "Error", "message", run.error()));
			}
			out.put("directoryContents", run.files().stream()
				.map(f -> Map.of("path", f.path(), "executable", f.executable(), "base64Content", f.base64()))
				.toList());
			return ResponseEntity.ok(out);
		}
		catch (InvalidValuesException ex) {
			return Serialized.invalid(ex, request.getMethod(), request.getRequestURI());
		}
	}

}
