package dev.atrium.scaffolder.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.scaffolder.template.Parameters;
import dev.atrium.scaffolder.template.Template;

/**
 * Turns a template's JSON Schema pages into fields, and submitted form parameters back into typed
 * values: strings, numbers, integers, booleans, enums (with enumNames), arrays of enums, and the
 * {@code ui:} options Backstage templates use ({@code ui:widget} textarea/password/radio,
 * {@code ui:help}, {@code ui:placeholder}, {@code ui:autofocus}, {@code ui:field} OwnerPicker and
 * EntityPicker as selects filled from the catalog).
 */
final class TemplateForm {

	private static final int MAX_PICKER_ENTITIES = 500;

	private TemplateForm() {
	}

	/**
	 * Reads every field from the request's parameters. Fields of pages after the current one that the
	 * request does not carry (pages not shown yet) take their schema's default.
	 */
	static Map<String, Object> values(Template template, int currentPage, Map<String, String[]> params) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < template.pages().size(); i++) {
			boolean shown = i <= currentPage;
			template.pages().get(i).properties().forEach((name, schema) -> {
				String[] raw = params.get("v." + name);
				if (raw == null && !shown) {
					if (schema.containsKey("default")) {
						values.put(name, schema.get("default"));
					}
					return;
				}
				if (raw == null && !Parameters.type(schema).equals("boolean") && !Parameters.type(schema).equals("array")) {
					return;
				}
				Object value = Parameters.fromForm(schema, raw == null ? List.of() : List.of(raw));
				if (value != null) {
					values.put(name, value);
				}
			});
		}
		return values;
	}

	static List<FieldView> fields(Template.Page page, Map<String, Object> values, Map<String, String> errors, EntityLookup catalog) {
		List<FieldView> fields = new ArrayList<>();
		List<String> required = page.required();
		page.properties().forEach((name, schema) -> fields.add(field(name, schema, required.contains(name), values.get(name),
				errors.get(name), catalog)));
		return fields;
	}

	private static FieldView field(String name, Map<String, Object> schema, boolean required, Object value, String error,
			EntityLookup catalog) {
		String type = Parameters.type(schema);
		String uiWidget = Entity.string(schema.get("ui:widget"));
		String uiField = Entity.string(schema.get("ui:field"));
		List<FieldView.Option> options = new ArrayList<>();
		String widget;
		if ("OwnerPicker".equals(uiField) || "EntityPicker".equals(uiField) || "MyGroupsPicker".equals(uiField)) {
			widget = "entity";
			options.addAll(pickerOptions(schema, uiField, catalog));
		}
		else if (type.equals("array")) {
			widget = "checkboxes";
			options.addAll(enumOptions(Entity.map(schema.get("items"))));
		}
		else if (schema.get("enum") instanceof List<?>) {
			widget = "radio".equals(uiWidget) ? "radio" : "select";
			options.addAll(enumOptions(schema));
		}
		else if (type.equals("boolean")) {
			widget = "checkbox";
		}
		else if (type.equals("number") || type.equals("integer")) {
			widget = "number";
		}
		else if ("textarea".equals(uiWidget) || "password".equals(uiWidget)) {
			widget = uiWidget;
		}
		else {
			widget = "text";
		}
		List<String> chosen = new ArrayList<>();
		if (value instanceof List<?> l) {
			l.forEach(v -> chosen.add(String.valueOf(v)));
		}
		String text = value == null || value instanceof List<?> ? "" : text(value);
		if (widget.equals("password")) {
			text = value == null ? "" : text;
		}
		return new FieldView(name, Parameters.title(name, schema), Entity.string(schema.get("description")),
				Entity.string(schema.get("ui:help")), Entity.string(schema.get("ui:placeholder")), widget, required,
				Boolean.TRUE.equals(schema.get("ui:autofocus")), text, chosen, options, error,
				Entity.string(schema.get("pattern")), integer(schema.get("minLength")), integer(schema.get("maxLength")),
				number(schema.get("minimum")), number(schema.get("maximum")), type.equals("integer") ? "1" : "any");
	}

	private static List<FieldView.Option> enumOptions(Map<String, Object> schema) {
		List<FieldView.Option> options = new ArrayList<>();
		List<?> values = schema.get("enum") instanceof List<?> l ? l : List.of();
		List<String> names = Entity.strings(schema.get("enumNames"));
		for (int i = 0; i < values.size(); i++) {
			String value = text(values.get(i));
			options.add(new FieldView.Option(value, i < names.size() ? names.get(i) : value));
		}
		return options;
	}

	/** Entities of the kinds the picker's catalogFilter (or allowedKinds / defaultKind) names, as refs. */
	private static List<FieldView.Option> pickerOptions(Map<String, Object> schema, String uiField, EntityLookup catalog) {
		Map<String, Object> options = Entity.map(schema.get("ui:options"));
		List<String> kinds = new ArrayList<>();
		Object filter = options.get("catalogFilter");
		List<?> filters = filter instanceof List<?> l ? l : filter == null ? List.of() : List.of(filter);
		for (Object f : filters) {
			Object kind = Entity.map(f).get("kind");
			if (kind instanceof List<?> list) {
				list.forEach(k -> kinds.add(String.valueOf(k)));
			}
			else if (kind != null) {
				kinds.add(kind.toString());
			}
		}
		kinds.addAll(Entity.strings(options.get("allowedKinds")));
		if (kinds.isEmpty() && options.get("defaultKind") != null) {
			kinds.add(options.get("defaultKind").toString());
		}
		if (kinds.isEmpty()) {
			kinds.addAll("EntityPicker".equals(uiField) ? List.of("Component", "System") : List.of("Group", "User"));
		}
		List<FieldView.Option> out = new ArrayList<>();
		for (String kind : kinds) {
			catalog.ofKind(kind, MAX_PICKER_ENTITIES)
				.forEach(e -> out.add(new FieldView.Option(e.ref().toString(), e.title() + " (" + e.ref().toString().toLowerCase(Locale.ROOT) + ")")));
		}
		return out;
	}

	static String text(Object value) {
		if (value instanceof Double d && d == Math.rint(d)) {
			return String.valueOf(d.longValue());
		}
		return value == null ? "" : value.toString();
	}

	private static Integer integer(Object v) {
		return v instanceof Number n ? n.intValue() : null;
	}

	private static String number(Object v) {
		return v instanceof Number ? text(v) : null;
	}

	/** The values of the other pages, carried in hidden fields: name and each value as text. */
	static List<Map.Entry<String, String>> hidden(Template template, int currentPage, Map<String, Object> values) {
		List<Map.Entry<String, String>> hidden = new ArrayList<>();
		for (int i = 0; i < template.pages().size(); i++) {
			if (i == currentPage) {
				continue;
			}
			for (String name : template.pages().get(i).properties().keySet()) {
				Object value = values.get(name);
				if (value instanceof List<?> list) {
					list.forEach(v -> hidden.add(Map.entry("v." + name, text(v))));
				}
				else if (value != null) {
					hidden.add(Map.entry("v." + name, text(value)));
				}
			}
		}
		return hidden;
	}

	/** The review step's rows: label and value as shown, secrets masked. */
	static List<Map.Entry<String, String>> review(Template template, Map<String, Object> values) {
		List<String> secret = template.secretFields();
		List<Map.Entry<String, String>> rows = new ArrayList<>();
		template.fields().forEach((name, schema) -> {
			Object value = values.get(name);
			String shown = value == null ? "" : secret.contains(name) ? "••••••" : value instanceof List<?> l
					? String.join(", ", l.stream().map(TemplateForm::text).toList()) : text(value);
			rows.add(Map.entry(Parameters.title(name, schema), shown));
		});
		return rows;
	}

}
