package dev.atrium.scaffolder.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Identity;
import dev.atrium.scaffolder.task.Workspace;

/**
 * The {@link ActionContext} an action gets from the task runner, for running one action directly in
 * a test: a real workspace directory, the log and outputs collected for assertions.
 */
public final class TestActionContext implements ActionContext {

	private final Path workspace;

	private final Map<String, Object> input;

	private final boolean dryRun;

	private final Identity user;

	private final Map<String, String> secrets;

	public final List<String> log = new ArrayList<>();

	public final Map<String, Object> outputs = new LinkedHashMap<>();

	public TestActionContext(Path workspace, Map<String, Object> input, boolean dryRun, Identity user,
			Map<String, String> secrets) {
		this.workspace = workspace;
		this.input = input;
		this.dryRun = dryRun;
		this.user = user;
		this.secrets = secrets;
	}

	public TestActionContext(Path workspace, Map<String, Object> input) {
		this(workspace, input, false, Identity.ANONYMOUS, Map.of());
	}

	@Override
	public String taskId() {
		return "test-task";
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
		// the task runner's own rule, so actions are tested against what they get in a task
		return Workspace.resolve(workspace, relativePath);
	}

	@Override
	public void log(String message) {
		log.add(message);
	}

	@Override
	public void output(String name, Object value) {
		outputs.put(name, value);
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
		return null;
	}

	@Override
	public boolean dryRun() {
		return dryRun;
	}

	@Override
	public boolean cancelled() {
		return false;
	}

}
