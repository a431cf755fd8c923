package dev.atrium.workflows.web;

import java.util.Locale;

import dev.atrium.workflows.run.Run;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run as pages show it: state, times, duration, error, and its facets pretty-printed. */
public record RunRow(String id, String href, String name, String state, String badge, String tone, String started,
		String ended, String duration, String error, String facets, String inputs, String outputs, boolean derived) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static RunRow of(Run r, String name) {
		String tone = switch (r.state()) {
			case "FAILED" -> "bad";
			case "RUNNING" -> "info";
			case "COMPLETED" -> "ok";
			case "ABORTED" -> "warn";
			default -> "muted";
		};
		return new RunRow(r.id().toString(), PipelineLinks.run(r.id()), name, r.state(),
				r.state().charAt(0) + r.state().substring(1).toLowerCase(Locale.ROOT), tone, Svg.time(r.startedAt()),
				Svg.time(r.endedAt()), Svg.duration(r.durationMs()), r.errorMessage(), pretty(r.facets()), pretty(r.inputs()),
				pretty(r.outputs()), r.derived());
	}

	private static String pretty(String json) {
		if (json == null) {
			return "";
		}
		JsonNode node = JSON.readTree(json);
		return node.isEmpty() ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

}
