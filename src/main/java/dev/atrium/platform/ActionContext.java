package dev.atrium.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link ScaffolderAction} gets while it runs: its input, the task's workspace, a log that
 * the task page streams, a place for outputs, and who started the task.
 */
public interface ActionContext {

	/** The task's id. */
	String taskId();

	/** The step's input, expressions evaluated. Secrets appear here in clear; never log them. */
	Map<String, Object> input();

	/** The task's working directory; every file an action writes stays below it. */
	Path workspace();

	/**
	 * Resolves a path relative to the workspace, refusing one that leaves it ({@code ..}, absolute
	 * paths, symbolic links pointing outside).
	 * @throws InputException when the path leaves the workspace
	 */
	Path resolve(String relativePath);

	/** Writes a line to the task log; secrets in it are masked before it is stored. */
	void log(String message);

	/** Sets one of the step's outputs, readable by later steps as {@code steps.<id>.output.<name>}. */
	void output(String name, Object value);

	/** The task's secrets (from {@code ui:widget: password} fields and the request's {@code secrets}). */
	Map<String, String> secrets();

	/** Who started the task. */
	Identity user();

	/** The template's own location (its {@code backstage.io/managed-by-location} value), for relative URLs. */
	String templateLocation();

	/** True in a dry run: render, but publish and register nothing. */
	boolean dryRun();

	/** True once the task was cancelled; long actions check it and stop. */
	boolean cancelled();

}
