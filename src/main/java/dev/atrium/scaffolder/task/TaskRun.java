package dev.atrium.scaffolder.task;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.atrium.platform.Entity;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's steps in order: renders each step's {@code if} and input with the parameters, the
 * earlier steps' outputs, the user and the secrets, calls its action, and records state and log as it
 * goes. Steps a previous attempt completed are not run again (a retry starts at the failed step).
 * The same code runs real tasks (journal in the database) and dry runs (journal in memory).
 */
final class TaskRun {

	private static final Logger log = LoggerFactory.getLogger(TaskRun.class);

	/** Where the run writes what happens. */
	interface Journal {

		void event(String type, Map<String, Object> body);

		void state(Map<String, Object> state);

	}

	/** How the run ended. */
	record Result(String status, String error) {
	}

	/** What a run needs. */
	record Setup(String taskId, Map<String, Object> spec, Map<String, Object> parameters, Map<String, String> secrets,
			Identity user, Path workspace, boolean dryRun) {
	}

	private final Setup setup;

	private final Map<String, ScaffolderAction> actions;

	private final Renderer renderer;

	private final Journal journal;

	private final BooleanSupplier cancelled;

	private final Masker masker;

	private final Map<String, Object> state;

	TaskRun(Setup setup, Map<String, Object> state, Map<String, ScaffolderAction> actions, Renderer renderer, Journal journal,
			BooleanSupplier cancelled) {
		this.setup = setup;
		this.state = state;
		this.actions = actions;
		this.renderer = renderer;
		this.journal = journal;
		this.cancelled = cancelled;
		List<String> secretValues = new ArrayList<>(setup.secrets().values());
		this.masker = new Masker(secretValues);
	}

	Result run() {
		Map<String, Object> steps = stepStates();
		Map<String, Object> outputs = new LinkedHashMap<>();
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("parameters", setup.parameters());
		context.put("steps", outputs);
		context.put("user", Entity.map(setup.spec().get("user")));
		context.put("secrets", setup.secrets());
		context.put("context", Map.of("task", Map.of("id", setup.taskId())));
		for (Map<String, Object> step : stepsOf(setup.spec())) {
			String id = Entity.string(step.get("id"));
			String name = Entity.string(step.getOrDefault("name", step.get("action")));
			Map<String, Object> recorded = Entity.map(steps.get(id));
			if (Task.COMPLETED.equals(recorded.get("status"))) {
				outputs.put(id, Map.of("output", Entity.map(recorded.get("output"))));
				continue;
			}
			if (cancelled.getAsBoolean()) {
				return new Result(Task.CANCELLED, "Cancelled before step '" + name + "'");
			}
			Map<String, Object> stepState = new LinkedHashMap<>();
			steps.put(id, stepState);
			String stepError = runStep(step, id, name, context, stepState, outputs);
			save();
			if (stepError != null) {
				return cancelled.getAsBoolean() ? new Result(Task.CANCELLED, "Cancelled during step '" + name + "'")
						: new Result(Task.FAILED, stepError);
			}
		}
		try {
			Object output = renderer.evaluate(Entity.map(setup.spec().get("output")), context);
			state.put("output", masker.mask(safeOutput(Entity.map(output))));
		}
		catch (InputException ex) {
			save();
			return new Result(Task.FAILED, "The template's output could not be rendered: " + masker.mask(ex.getMessage()));
		}
		save();
		return new Result(Task.COMPLETED, null);
	}

	/** Runs one step; returns its error, or null when it completed or was skipped. */
	private String runStep(Map<String, Object> step, String id, String name, Map<String, Object> context,
			Map<String, Object> stepState, Map<String, Object> outputs) {
		String actionId = Entity.string(step.get("action"));
		try {
			if (!renderer.condition(step.get("if"), context)) {
				skip(id, name, stepState, "Skipping step " + name + " because its if condition was false");
				return null;
			}
		}
		catch (InputException ex) {
			return fail(id, name, stepState, "The if condition of step " + name + " failed: " + ex.getMessage());
		}
		ScaffolderAction action = actionId == null ? null : actions.get(actionId);
		if (action == null) {
			return fail(id, name, stepState, "Template action with ID '" + actionId + "' is not registered");
		}
		if (setup.dryRun() && !action.supportsDryRun()) {
			skip(id, name, stepState, "Skipping step " + name + " because " + actionId + " does not support dry runs");
			return null;
		}
		stepState.put("status", Task.PROCESSING);
		stepState.put("startedAt", Instant.now().toString());
		save();
		event(id, Task.PROCESSING, "Beginning step " + name);
		Map<String, Object> input;
		try {
			input = Entity.map(renderer.evaluate(Entity.map(step.get("input")), context));
			checkInput(action, input);
		}
		catch (InputException ex) {
			return fail(id, name, stepState, "Step " + name + ": " + ex.getMessage());
		}
		StepContext stepContext = new StepContext(setup.taskId(), id, input, setup.workspace(), setup.secrets(), setup.user(),
				Entity.string(Entity.map(setup.spec().get("templateInfo")).get("baseUrl")), setup.dryRun(), cancelled, journal,
				masker);
		try {
			action.execute(stepContext);
		}
		catch (InputException ex) {
			return fail(id, name, stepState, ex.getMessage());
		}
		catch (Exception ex) {
			log.info("Step {} ({}) of task {} failed", id, actionId, setup.taskId(), ex);
			String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
			return fail(id, name, stepState, actionId + " failed: " + message);
		}
		if (cancelled.getAsBoolean()) {
			return fail(id, name, stepState, "Cancelled");
		}
		stepState.put("status", Task.COMPLETED);
		stepState.put("endedAt", Instant.now().toString());
		stepState.put("output", stepContext.outputs);
		outputs.put(id, Map.of("output", stepContext.outputs));
		event(id, Task.COMPLETED, "Finished step " + name);
		return null;
	}

	private void skip(String id, String name, Map<String, Object> stepState, String message) {
		stepState.put("status", Task.SKIPPED);
		stepState.put("reason", message);
		event(id, Task.SKIPPED, message);
	}

	private String fail(String id, String name, Map<String, Object> stepState, String message) {
		String masked = masker.mask(message);
		stepState.put("status", Task.FAILED);
		stepState.put("endedAt", Instant.now().toString());
		stepState.put("error", masked);
		event(id, Task.FAILED, masked);
		return masked;
	}

	private void event(String stepId, String status, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", masker.mask(message));
		body.put("stepId", stepId);
		body.put("status", status);
		journal.event("log", body);
	}

	private void save() {
		journal.state(state);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> stepStates() {
		Object steps = state.get("steps");
		if (!(steps instanceof Map<?, ?>)) {
			steps = new LinkedHashMap<String, Object>();
			state.put("steps", steps);
		}
		return (Map<String, Object>) steps;
	}

	static List<Map<String, Object>> stepsOf(Map<String, Object> spec) {
		Object steps = spec.get("steps");
		return steps instanceof List<?> l ? l.stream().map(Entity::map).toList() : List.of();
	}

	/** Checks the input against the top level of the action's schema: required keys and basic types. */
	static void checkInput(ScaffolderAction action, Map<String, Object> input) {
		Map<String, Object> schema = action.inputSchema();
		for (String required : Entity.strings(schema.get("required"))) {
			if (input.get(required) == null) {
				throw new InputException("Input '" + required + "' is required by " + action.id());
			}
		}
		Entity.map(schema.get("properties")).forEach((name, raw) -> {
			Object value = input.get(name);
			Object type = Entity.map(raw).get("type");
			if (value == null || type == null) {
				return;
			}
			boolean ok = switch (type.toString()) {
				case "string" -> value instanceof String;
				case "boolean" -> value instanceof Boolean;
				case "number", "integer" -> value instanceof Number;
				case "array" -> value instanceof List<?>;
				case "object" -> value instanceof Map<?, ?>;
				default -> true;
			};
			if (!ok) {
				throw new InputException("Input '" + name + "' of " + action.id() + " must be of type " + type);
			}
		});
	}

	/** Keeps output links with an http(s) URL or an entity reference; a link with a script URL is dropped. */
	private static Map<String, Object> safeOutput(Map<String, Object> output) {
		Map<String, Object> safe = new LinkedHashMap<>(output);
		if (output.get("links") instanceof List<?> links) {
			List<Object> kept = new ArrayList<>();
			for (Object raw : links) {
				Map<String, Object> link = Entity.map(raw);
				String url = Entity.string(link.get("url"));
				boolean web = url != null && (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/"))
						&& !url.startsWith("//");
				if (web || (url == null && link.get("entityRef") != null)) {
					kept.add(link);
				}
			}
			safe.put("links", kept);
		}
		return safe;
	}

}
