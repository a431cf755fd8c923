package dev.atrium.catalog.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Backstage's {@code fields} projection: keeps only the listed dotted paths of an entity. */
final class Fields {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Fields() {
	}

	/** Parses {@code fields} parameters, each a comma-separated list. */
	static List<String> parse(List<String> params) {
		List<String> fields = new ArrayList<>();
		if (params != null) {
			for (String p : params) {
				for (String f : p.split(",")) {
					if (!f.isBlank()) {
						fields.add(f.trim());
					}
				}
			}
		}
		return fields;
	}

	@SuppressWarnings("unchecked")
	static String project(String json, List<String> fields) {
		if (fields.isEmpty()) {
			return json;
		}
		Map<String, Object> entity = JSON.readValue(json, LinkedHashMap.class);
		Map<String, Object> result = new LinkedHashMap<>();
		for (String field : fields) {
			copy(entity, result, field.split("\\."), 0);
		}
		return JSON.writeValueAsString(result);
	}

	@SuppressWarnings("unchecked")
	private static void copy(Map<String, Object> from, Map<String, Object> to, String[] path, int i) {
		String key = path[i];
		if (!from.containsKey(key)) {
			// annotation keys contain dots: try the rest of the path as one key
			String rest = String.join(".", java.util.Arrays.copyOfRange(path, i, path.length));
			if (i < path.length - 1 && from.containsKey(rest)) {
				to.put(rest, from.get(rest));
			}
			return;
		}
		Object value = from.get(key);
		if (i == path.length - 1) {
			to.put(key, value);
			return;
		}
		if (value instanceof Map<?, ?> child) {
			Map<String, Object> target = (Map<String, Object>) to.computeIfAbsent(key, k -> new LinkedHashMap<>());
			copy((Map<String, Object>) child, target, path, i + 1);
		}
	}

}
