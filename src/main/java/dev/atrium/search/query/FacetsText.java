package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A result's facets as PostgreSQL prints their {@code jsonb} ({@code {"kind": ["API"], "tag": ["go", "java"]}}),
 * read without a JSON mapper: every result row carries them, and a mapper's parser, its context and its
 * untyped collections cost a tenth of a query's time in the application. Anything not of that one shape
 * is read by the mapper instead.
 */
final class FacetsText {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, List<String>>> FACETS = new TypeReference<>() {
	};

	private final String s;

	private int i;

	private FacetsText(String s) {
		this.s = s;
	}

	static Map<String, List<String>> read(String json) {
		if (json == null) {
			return Map.of();
		}
		Map<String, List<String>> read = new FacetsText(json).object();
		return read != null ? read : JSON.readValue(json, FACETS);
	}

	/** The object, or null when the text is not an object of string arrays as jsonb prints it. */
	private Map<String, List<String>> object() {
		Map<String, List<String>> facets = new LinkedHashMap<>();
		if (!take('{')) {
			return null;
		}
		if (take('}')) {
			return end() ? facets : null;
		}
		do {
			String key = string();
			if (key == null || !take(':') || !take('[')) {
				return null;
			}
			List<String> values = new ArrayList<>(2);
			if (!take(']')) {
				do {
					String value = string();
					if (value == null) {
						return null;
					}
					values.add(value);
				}
				while (take(','));
				if (!take(']')) {
					return null;
				}
			}
			facets.put(key, values);
		}
		while (take(','));
		return take('}') && end() ? facets : null;
	}

	private boolean take(char c) {
		while (i < s.length() && s.charAt(i) == ' ') {
			i++;
		}
		if (i < s.length() && s.charAt(i) == c) {
			i++;
			return true;
		}
		return false;
	}

	private boolean end() {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
		return i == s.length();
	}

	/** A JSON string at the cursor, or null when there is none or it holds an escape (the mapper reads those). */
	private String string() {
		if (!take('"')) {
			return null;
		}
		int start = i;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (c == '"') {
				return s.substring(start, i++);
			}
			if (c == '\\' || c < 0x20) {
				return null;
			}
			i++;
		}
		return null;
	}

}
