package dev.atrium.workflows.web;

import dev.atrium.workflows.run.Run;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run as pages show it: state, times, duration, error, and its facets pretty-printed. */
public record RunRow(String id, String href, String name, String state, String badge, String tone, String started,
		String ended, String duration, String error, String facets, String inputs, String outputs, boolean derived) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** With facets, inputs and outputs pretty-printed, for the run page. */
	static RunRow of(Run r, String name) {
		return of(r, name, true);
	}

	/** Without facets: lists that never show them skip parsing them. */
	static RunRow brief(Run r, String name) {
		return of(r, name, false);
	}

	private static RunRow of(Run r, String name, boolean facets) {
		return new RunRow(r.id().toString(), PipelineLinks.run(r.id()), name, r.state(),
				Svg.label(r.state()), Svg.tone(r.state()), Svg.time(r.startedAt()),
				Svg.time(r.endedAt()), Svg.duration(r.durationMs()), r.errorMessage(), facets ? pretty(r.facets()) : "",
				facets ? pretty(r.inputs()) : "", facets ? pretty(r.outputs()) : "", r.derived());
	}

	private static String pretty(String json) {
		if (json == null) {
			return "";
		}
		JsonNode node = JSON.readTree(json);
		return node.isEmpty() ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

}
