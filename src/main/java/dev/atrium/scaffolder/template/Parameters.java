package dev.atrium.scaffolder.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.atrium.platform.Entity;

/**
 * The JSON Schema subset the form speaks, checked on the server: types string, number, integer,
 * boolean and array (of enums or strings), {@code enum}, {@code const}, {@code required},
 * {@code pattern}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum},
 * {@code minItems}/{@code maxItems}, {@code uniqueItems}. Messages are for the person filling the form.
 */
public final class Parameters {

	/** Longest value a field takes, whatever its schema says. */
	public static final int MAX_VALUE_LENGTH = 10_000;

	/** Steps a pattern may take on one value before it counts as not matching (patterns are the author's). */
	private static final long MAX_PATTERN_STEPS = 1_000_000;

	private Parameters() {
	}

	/** A field's problem: the field and the message shown beside it. */
	public record Problem(String field, String message, String keyword) {
	}

	/** Checks the values of one page; empty when they are all valid. */
	public static List<Problem> validate(Template.Page page, Map<String, Object> values) {
		List<Problem> problems = new ArrayList<>();
		List<String> required = page.required();
		page.properties().forEach((name, schema) -> {
			Object value = values.get(name);
			if (isEmpty(value)) {
				if (required.contains(name)) {
					problems.add(new Problem(name, title(name, schema) + " is required", "required"));
				}
				return;
			}
			String message = check(schema, value);
			if (message != null) {
				problems.add(new Problem(name, message, "type"));
			}
		});
		return problems;
	}

	/** Checks the values of every page. */
	public static List<Problem> validate(Template template, Map<String, Object> values) {
		List<Problem> all = new ArrayList<>();
		template.pages().forEach(p -> all.addAll(validate(p, values)));
		return all;
	}

	/** Reads a form field's submitted strings as the schema's type; values that do not convert stay strings. */
	public static Object fromForm(Map<String, Object> schema, List<String> raw) {
		String type = type(schema);
		if (type.equals("array")) {
			return raw.stream().filter(s -> !s.isEmpty()).toList();
		}
		String value = raw.isEmpty() ? null : raw.get(raw.size() - 1);
		if (type.equals("boolean")) {
			return value != null && (value.equals("true") || value.equals("on"));
		}
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (type.equals("integer") || type.equals("number")) {
			try {
				return type.equals("integer") ? (Object) Long.parseLong(value.trim()) : (Object) Double.parseDouble(value.trim());
			}
			catch (NumberFormatException ex) {
				return value;
			}
		}
		return value;
	}

	/** The defaults the schema declares, by field. */
	public static Map<String, Object> defaults(Template template) {
		Map<String, Object> values = new LinkedHashMap<>();
		template.fields().forEach((name, schema) -> {
			if (schema.containsKey("default")) {
				values.put(name, schema.get("default"));
			}
		});
		return values;
	}

	public static String type(Map<String, Object> schema) {
		Object type = schema.get("type");
		if (type instanceof List<?> l && !l.isEmpty()) {
			type = l.stream().map(String::valueOf).filter(t -> !"null".equals(t)).findFirst().orElse("string");
		}
		return type == null ? "string" : type.toString();
	}

	public static String title(String name, Map<String, Object> schema) {
		String title = Entity.string(schema.get("title"));
		return title == null || title.isBlank() ? name : title;
	}

	private static boolean isEmpty(Object value) {
		return value == null || (value instanceof String s && s.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
	}

	private static String check(Map<String, Object> schema, Object value) {
		String type = type(schema);
		switch (type) {
			case "string" -> {
				if (!(value instanceof String s)) {
					return "Must be text";
				}
				return checkString(schema, s);
			}
			case "integer", "number" -> {
				if (!(value instanceof Number n) || (type.equals("integer") && n.doubleValue() != Math.rint(n.doubleValue()))) {
					return type.equals("integer") ? "Must be a whole number" : "Must be a number";
				}
				Number min = number(schema.get("minimum"));
				Number max = number(schema.get("maximum"));
				if (min != null && n.doubleValue() < min.doubleValue()) {
					return "Must be at least " + min;
				}
				if (max != null && n.doubleValue() > max.doubleValue()) {
					return "Must be at most " + max;
				}
				return checkEnum(schema, value);
			}
			case "boolean" -> {
				return value instanceof Boolean ? checkEnum(schema, value) : "Must be true or false";
			}
			case "array" -> {
				if (!(value instanceof List<?> list)) {
					return "Must be a list";
				}
				Number minItems = number(schema.get("minItems"));
				Number maxItems = number(schema.get("maxItems"));
				if (minItems != null && list.size() < minItems.intValue()) {
					return "Choose at least " + minItems;
				}
				if (maxItems != null && list.size() > maxItems.intValue()) {
					return "Choose at most " + maxItems;
				}
				if (Boolean.TRUE.equals(schema.get("uniqueItems")) && list.stream().distinct().count() < list.size()) {
					return "Each item may appear only once";
				}
				Map<String, Object> items = Entity.map(schema.get("items"));
				for (Object item : list) {
					String problem = check(items.isEmpty() ? Map.of("type", "string") : items, item);
					if (problem != null) {
						return problem;
					}
				}
				return null;
			}
			case "object" -> {
				return value instanceof Map<?, ?> ? null : "Must be an object";
			}
			default -> {
				return null;
			}
		}
	}

	private static String checkString(Map<String, Object> schema, String s) {
		if (s.length() > MAX_VALUE_LENGTH) {
			return "At most " + MAX_VALUE_LENGTH + " characters";
		}
		Number min = number(schema.get("minLength"));
		Number max = number(schema.get("maxLength"));
		if (min != null && s.codePointCount(0, s.length()) < min.intValue()) {
			return "At least " + min + " characters";
		}
		if (max != null && s.codePointCount(0, s.length()) > max.intValue()) {
			return "At most " + max + " characters";
		}
		String pattern = Entity.string(schema.get("pattern"));
		if (pattern != null && !matches(pattern, s)) {
			Map<String, Object> messages = Entity.map(Entity.map(schema.get("ui:options")).get("errorMessages"));
			String custom = Entity.string(schema.get("ui:help-pattern"));
			return custom != null ? custom : messages.containsKey("pattern") ? messages.get("pattern").toString()
					: "Must match the pattern " + pattern;
		}
		return checkEnum(schema, s);
	}

	private static String checkEnum(Map<String, Object> schema, Object value) {
		Object options = schema.get("enum");
		if (options instanceof List<?> list && list.stream().noneMatch(o -> same(o, value))) {
			return "Choose one of the options";
		}
		if (schema.containsKey("const") && !same(schema.get("const"), value)) {
			return "Must be " + schema.get("const");
		}
		return null;
	}

	private static boolean same(Object a, Object b) {
		if (a instanceof Number x && b instanceof Number y) {
			return x.doubleValue() == y.doubleValue();
		}
		return a != null && a.equals(b);
	}

	private static Number number(Object v) {
		return v instanceof Number n ? n : null;
	}

	/** Matches with a step budget, so a catastrophic pattern cannot stall the server. */
	static boolean matches(String pattern, String value) {
		Pattern compiled;
		try {
			compiled = Pattern.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			return false;
		}
		try {
			return compiled.matcher(new Budget(value, new long[] { MAX_PATTERN_STEPS })).find();
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/** A char sequence that counts reads and stops a runaway match. */
	private record Budget(String text, long[] left) implements CharSequence {

		@Override
		public int length() {
			return text.length();
		}

		@Override
		public char charAt(int index) {
			if (--left[0] < 0) {
				throw new IllegalStateException("pattern too expensive");
			}
			return text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return new Budget(text.substring(start, end), left);
		}

		@Override
		public String toString() {
			return text;
		}

	}

}
