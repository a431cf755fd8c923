package dev.atrium.platform;

import java.util.List;
import java.util.Map;

/**
 * A step a software template can run, after Backstage's scaffolder actions: declare one as a bean
 * and templates can name it in {@code steps[].action}. The scaffolder renders the step's input
 * (expressions already evaluated), checks it against {@link #inputSchema()}, and calls
 * {@link #execute}. Actions run in the task's workspace and must never touch files outside it.
 */
public interface ScaffolderAction {

	/** Backstage's {@code namespace:verb} form, such as {@code fetch:template} or {@code publish:git}. */
	String id();

	/** One sentence on what the action does, shown on the actions page and in {@code GET /v2/actions}. */
	String description();

	/** JSON Schema of the input, as a tree of maps and lists. */
	Map<String, Object> inputSchema();

	/** JSON Schema of the output; empty when the action has none. */
	default Map<String, Object> outputSchema() {
		return Map.of();
	}

	/**
	 * Whether the action runs in a dry run. An action that supports it must not publish or register
	 * anything when {@link ActionContext#dryRun()} is true; one that does not is skipped in dry runs.
	 */
	default boolean supportsDryRun() {
		return false;
	}

	/**
	 * Runs the action.
	 * @throws InputException when the input is wrong; the message is shown to the user beside the step
	 * @throws Exception anything else fails the step with its message
	 */
	void execute(ActionContext context) throws Exception;

	/** Runnable examples (shown on the actions page, executed by the action's tests). */
	default List<Example> examples() {
		return List.of();
	}

	/**
	 * An example use of the action.
	 * @param description what it shows
	 * @param yaml a template step in YAML
	 */
	record Example(String description, String yaml) {
	}

}
