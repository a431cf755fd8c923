package dev.atrium.scaffolder.task;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Identity;

/** What one step's action sees. */
final class StepContext implements ActionContext {

	private final String taskId;

	private final Map<String, Object> input;

	private final Path workspace;

	private final Map<String, String> secrets;

	private final Identity user;

	private final String templateLocation;

	private final boolean dryRun;

	private final BooleanSupplier cancelled;

	private final TaskRun.Journal journal;

	private final String stepId;

	private final Masker masker;

	final Map<String, Object> outputs = new LinkedHashMap<>();

	StepContext(String taskId, String stepId, Map<String, Object> input, Path workspace, Map<String, String> secrets,
			Identity user, String templateLocation, boolean dryRun, BooleanSupplier cancelled, TaskRun.Journal journal,
			Masker masker) {
		this.taskId = taskId;
		this.stepId = stepId;
		this.input = input;
		this.workspace = workspace;
		this.secrets = secrets;
		this.user = user;
		this.templateLocation = templateLocation;
		this.dryRun = dryRun;
		this.cancelled = cancelled;
		this.journal = journal;
		this.masker = masker;
	}

	@Override
	public String taskId() {
		return taskId;
	}

	@Override
	public Map<String, Object> input() {
		return input;
	}

	@Override
	public Path workspace() {
		return workspace;
	}

	@Override
	public Path resolve(String relativePath) {
		return Workspace.resolve(workspace, relativePath);
	}

	@Override
	public void log(String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", masker.mask(message));
		body.put("stepId", stepId);
		journal.event("log", body);
	}

	@Override
	public void output(String name, Object value) {
		outputs.put(name, masker.mask(value));
	}

	@Override
	public Map<String, String> secrets() {
		return secrets;
	}

	@Override
	public Identity user() {
		return user;
	}

	@Override
	public String templateLocation() {
		return templateLocation;
	}

	@Override
	public boolean dryRun() {
		return dryRun;
	}

	@Override
	public boolean cancelled() {
		return cancelled.getAsBoolean();
	}

}
