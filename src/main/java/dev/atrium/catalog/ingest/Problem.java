package dev.atrium.catalog.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Something wrong found while reading a location: in which file, about which entity (when one is
 * concerned), and what, in words for the user. Stored per file as JSON.
 */
public record Problem(String source, String ref, String message) {

	/** NUL characters, which PostgreSQL cannot store, are written as {@code \0}. */
	public Problem {
		source = printable(source);
		ref = printable(ref);
		message = printable(message);
	}

	private static String printable(String s) {
		return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\0");
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static String toJson(List<Problem> problems) {
		List<Map<String, String>> items = new ArrayList<>();
		for (Problem p : problems) {
			Map<String, String> item = new LinkedHashMap<>();
			if (p.ref() != null) {
				item.put("ref", p.ref());
			}
			item.put("message", p.message());
			items.add(item);
		}
		return JSON.writeValueAsString(items);
	}

	@SuppressWarnings("unchecked")
	static List<Problem> fromJson(String source, String json) {
		if (json == null || json.isBlank() || json.equals("[]")) {
			return List.of();
		}
		List<Problem> problems = new ArrayList<>();
		for (Map<String, String> item : (List<Map<String, String>>) JSON.readValue(json, List.class)) {
			problems.add(new Problem(source, item.get("ref"), item.get("message")));
		}
		return problems;
	}

}
