package dev.atrium.platform;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A catalog entity as plugins see it: the whole descriptor (apiVersion, kind, metadata, spec,
 * relations, status) as a tree of maps, lists and scalars, with accessors for the common fields.
 * Instances handed to plugins must be treated as read-only.
 */
public record Entity(Map<String, Object> body) {

	public Entity {
		Objects.requireNonNull(body, "body");
	}

	public String apiVersion() {
		return string(body.get("apiVersion"));
	}

	public String kind() {
		return string(body.get("kind"));
	}

	public Map<String, Object> metadata() {
		return map(body.get("metadata"));
	}

	public Map<String, Object> spec() {
		return map(body.get("spec"));
	}

	public String name() {
		return string(metadata().get("name"));
	}

	public String namespace() {
		String ns = string(metadata().get("namespace"));
		return ns == null ? EntityRef.DEFAULT_NAMESPACE : ns;
	}

	public EntityRef ref() {
		return new EntityRef(kind(), namespace(), name());
	}

	/** metadata.title when set, else the name. */
	public String title() {
		String title = string(metadata().get("title"));
		return title == null || title.isBlank() ? name() : title;
	}

	public String description() {
		return string(metadata().get("description"));
	}

	/** spec.type, or null. */
	public String type() {
		return string(spec().get("type"));
	}

	public String uid() {
		return string(metadata().get("uid"));
	}

	@SuppressWarnings("unchecked")
	public Map<String, String> annotations() {
		Object a = metadata().get("annotations");
		return a instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
	}

	public String annotation(String key) {
		Object value = annotations().get(key);
		return value == null ? null : value.toString();
	}

	public List<String> tags() {
		return strings(metadata().get("tags"));
	}

	/** The relations the catalog derived for this entity, as {type, targetRef} maps. */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> relations() {
		Object r = body.get("relations");
		return r instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
	}

	/** Targets of this entity's relations of one type, such as {@code ownedBy}. */
	public List<EntityRef> relationTargets(String type) {
		return relations().stream()
			.filter(r -> type.equalsIgnoreCase(string(r.get("type"))))
			.map(r -> EntityRef.parse(string(r.get("targetRef"))))
			.toList();
	}

	/** Reads a dotted path such as {@code spec.lifecycle}; null when absent. */
	public Object path(String dotted) {
		Object node = body;
		for (String part : dotted.split("\\.")) {
			if (!(node instanceof Map<?, ?> m)) {
				return null;
			}
			node = m.get(part);
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object value) {
		return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Collections.emptyMap();
	}

	public static String string(Object value) {
		return value instanceof String s ? s : value == null ? null : value.toString();
	}

	public static List<String> strings(Object value) {
		if (!(value instanceof List<?> l)) {
			return List.of();
		}
		return l.stream().filter(Objects::nonNull).map(Object::toString).toList();
	}

}
