package dev.atrium.scaffolder.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;

/**
 * A software template: a catalog entity of kind Template in Backstage's
 * {@code scaffolder.backstage.io/v1beta3} format, read as its parameter pages, steps and output.
 *
 * @param entity the catalog entity
 * @param pages the parameter pages (JSON Schema objects), in order
 * @param steps the steps, in order
 * @param output {@code spec.output} ({@code links}, {@code text}) before rendering
 */
public record Template(Entity entity, List<Page> pages, List<Step> steps, Map<String, Object> output) {

	/** The annotation Backstage templates use to name where their files are. */
	public static final String SOURCE_LOCATION = "backstage.io/source-location";

	/**
	 * A page of the form.
	 * @param title the page's title
	 * @param description what the page is for, or null
	 * @param schema the page's JSON Schema object, {@code ui:*} keys included
	 */
	public record Page(String title, String description, Map<String, Object> schema) {

		@SuppressWarnings("unchecked")
		public Map<String, Map<String, Object>> properties() {
			Object p = schema.get("properties");
			Map<String, Map<String, Object>> out = new LinkedHashMap<>();
			if (p instanceof Map<?, ?> map) {
				map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
			}
			return out;
		}

		public List<String> required() {
			return Entity.strings(schema.get("required"));
		}

	}

	/**
	 * A step.
	 * @param id unique id, {@code step-<n>} when the template names none
	 * @param name shown name, the action's id when the template names none
	 * @param action the action's id
	 * @param input the input before rendering
	 * @param condition the {@code if} value before rendering, or null
	 */
	public record Step(String id, String name, String action, Map<String, Object> input, Object condition) {
	}

	/** Reads a Template entity. */
	public static Template of(Entity entity) {
		Map<String, Object> spec = entity.spec();
		List<Page> pages = new ArrayList<>();
		Object parameters = spec.get("parameters");
		List<?> rawPages = parameters instanceof List<?> l ? l : parameters instanceof Map<?, ?> m ? List.of(m) : List.of();
		for (Object raw : rawPages) {
			Map<String, Object> schema = Entity.map(raw);
			String title = Entity.string(schema.get("title"));
			pages.add(new Page(title == null ? "Page " + (pages.size() + 1) : title, Entity.string(schema.get("description")), schema));
		}
		List<Step> steps = new ArrayList<>();
		Object rawSteps = spec.get("steps");
		if (rawSteps instanceof List<?> list) {
			for (Object raw : list) {
				Map<String, Object> step = Entity.map(raw);
				String action = Entity.string(step.get("action"));
				String id = Entity.string(step.get("id"));
				String name = Entity.string(step.get("name"));
				steps.add(new Step(id == null ? "step-" + (steps.size() + 1) : id, name == null ? action : name, action,
						Entity.map(step.get("input")), step.get("if")));
			}
		}
		return new Template(entity, pages, steps, Entity.map(spec.get("output")));
	}

	public EntityRef ref() {
		return entity.ref();
	}

	public String title() {
		return entity.title();
	}

	public String description() {
		return entity.description();
	}

	public List<String> tags() {
		return entity.tags();
	}

	/** spec.owner as written, or null. */
	public String owner() {
		return Entity.string(entity.spec().get("owner"));
	}

	/** spec.type, such as {@code service}. */
	public String type() {
		return entity.type();
	}

	/**
	 * Where the template's files are: its {@code backstage.io/managed-by-location}, or its
	 * {@code backstage.io/source-location} when the catalog got it from a provider.
	 */
	public String location() {
		String managed = entity.annotation("backstage.io/managed-by-location");
		String source = entity.annotation(SOURCE_LOCATION);
		if (managed == null || managed.startsWith("provider:")) {
			return source != null ? source : managed;
		}
		return managed;
	}

	/** The fields of every page, by name. */
	public Map<String, Map<String, Object>> fields() {
		Map<String, Map<String, Object>> all = new LinkedHashMap<>();
		pages.forEach(p -> all.putAll(p.properties()));
		return all;
	}

	/** Names of fields whose values are secrets ({@code ui:widget: password}, {@code ui:field: Secret}). */
	public List<String> secretFields() {
		List<String> names = new ArrayList<>();
		fields().forEach((name, schema) -> {
			if ("password".equals(schema.get("ui:widget")) || "Secret".equals(schema.get("ui:field"))) {
				names.add(name);
			}
		});
		return names;
	}

}
