package dev.atrium.scaffolder.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filters and tests templates may use: Nunjucks' common ones and Backstage's scaffolder filters
 * ({@code parseRepoUrl}, {@code parseEntityRef}, {@code pick}, {@code projectSlug}). Each works on
 * plain values only; an unknown name is an error, never a lookup of something else.
 */
final class Filters {

	private Filters() {
	}

	static Object apply(String name, Object v, List<Object> args, int line, Renderer.Limits limits) {
		String where = "Line " + line + ": filter '" + name + "'";
		switch (name) {
			case "lower":
				return Values.text(v).toLowerCase(Locale.ROOT);
			case "upper":
				return Values.text(v).toUpperCase(Locale.ROOT);
			case "capitalize": {
				String s = Values.text(v);
				return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
			}
			case "title": {
				StringBuilder out = new StringBuilder();
				boolean start = true;
				for (char c : Values.text(v).toCharArray()) {
					out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
					start = Character.isWhitespace(c) || c == '-';
				}
				return out.toString();
			}
			case "trim":
				return Values.text(v).strip();
			case "replace": {
				String s = Values.text(v);
				String from = Values.text(arg(args, 0, where));
				String to = Values.text(arg(args, 1, where));
				long max = args.size() > 2 ? (long) Values.number(args.get(2), where) : -1;
				if (from.isEmpty()) {
					return s;
				}
				StringBuilder out = new StringBuilder();
				int i = 0;
				int found;
				long done = 0;
				while ((max < 0 || done < max) && (found = s.indexOf(from, i)) >= 0) {
					out.append(s, i, found).append(to);
					if (out.length() > limits.maxOutput()) {
						throw new RenderException(where + " would make a text longer than " + limits.maxOutput() + " characters");
					}
					i = found + from.length();
					done++;
				}
				return out.append(s.substring(i)).toString();
			}
			case "default":
			case "d": {
				boolean falsy = args.size() > 1 && Values.truthy(args.get(1));
				boolean missing = v == Values.UNDEFINED || (falsy && !Values.truthy(v));
				return missing ? (args.isEmpty() ? "" : args.get(0)) : v;
			}
			case "join": {
				String sep = args.isEmpty() ? "" : Values.text(args.get(0));
				StringBuilder out = new StringBuilder();
				List<?> list = list(v, where);
				for (int i = 0; i < list.size(); i++) {
					Object item = args.size() > 1 ? Evaluation.member(list.get(i), args.get(1)) : list.get(i);
					out.append(i == 0 ? "" : sep).append(Values.text(item));
					if (out.length() > limits.maxOutput()) {
						throw new RenderException(where + " would make a text longer than " + limits.maxOutput() + " characters");
					}
				}
				return out.toString();
			}
			case "dump":
			case "json":
			case "jsonify": {
				int indent = args.isEmpty() ? 0 : (int) Math.min(10, Values.number(args.get(0), where));
				StringBuilder out = new StringBuilder();
				Json.write(v, indent, 0, out, limits.maxOutput());
				return out.toString();
			}
			case "length":
			case "count":
				if (v instanceof List<?> l) {
					return (long) l.size();
				}
				if (v instanceof Map<?, ?> m) {
					return (long) m.size();
				}
				return (long) Values.text(v).length();
			case "first":
				return v instanceof String s ? (s.isEmpty() ? Values.UNDEFINED : s.substring(0, 1))
						: list(v, where).isEmpty() ? Values.UNDEFINED : list(v, where).get(0);
			case "last": {
				if (v instanceof String s) {
					return s.isEmpty() ? Values.UNDEFINED : s.substring(s.length() - 1);
				}
				List<?> l = list(v, where);
				return l.isEmpty() ? Values.UNDEFINED : l.get(l.size() - 1);
			}
			case "reverse": {
				if (v instanceof String s) {
					return new StringBuilder(s).reverse().toString();
				}
				List<Object> copy = new ArrayList<>(list(v, where));
				java.util.Collections.reverse(copy);
				return copy;
			}
			case "sort": {
				List<Object> copy = new ArrayList<>(list(v, where));
				boolean reverse = !args.isEmpty() && Values.truthy(args.get(0));
				Object attribute = args.size() > 2 ? args.get(2) : null;
				Comparator<Object> order = (a, b) -> Values.compare(attribute == null ? a : Evaluation.member(a, attribute),
						attribute == null ? b : Evaluation.member(b, attribute));
				copy.sort(reverse ? order.reversed() : order);
				return copy;
			}
			case "list":
				if (v instanceof String s) {
					List<Object> chars = new ArrayList<>();
					s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
					return chars;
				}
				if (v instanceof Map<?, ?> m) {
					return new ArrayList<Object>(m.keySet());
				}
				return new ArrayList<>(list(v, where));
			case "string":
				return Values.text(v);
			case "int":
				try {
					return (long) Values.number(v, where);
				}
				catch (RenderException ex) {
					return args.isEmpty() ? 0L : args.get(0);
				}
			case "float":
				try {
					return Values.number(v, where);
				}
				catch (RenderException ex) {
					return args.isEmpty() ? 0.0 : args.get(0);
				}
			case "abs":
				return Values.numeric(Math.abs(Values.number(v, where)));
			case "round": {
				int precision = args.isEmpty() ? 0 : (int) Math.max(0, Math.min(15, Values.number(args.get(0), where)));
				String method = args.size() > 1 ? Values.text(args.get(1)) : "common";
				double scale = Math.pow(10, precision);
				double d = Values.number(v, where) * scale;
				double r = method.equals("floor") ? Math.floor(d) : method.equals("ceil") ? Math.ceil(d) : Math.round(d);
				return Values.numeric(r / scale);
			}
			case "truncate": {
				String s = Values.text(v);
				int length = args.isEmpty() ? 255 : (int) Math.max(0, Values.number(args.get(0), where));
				String end = args.size() > 2 ? Values.text(args.get(2)) : "...";
				return s.length() <= length ? s : s.substring(0, length) + end;
			}
			case "urlencode":
				return URLEncoder.encode(Values.text(v), StandardCharsets.UTF_8).replace("+", "%20");
			case "escape":
			case "e":
				return Values.text(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
					.replace("'", "&#39;");
			case "safe":
				return v;
			case "indent": {
				int width = args.isEmpty() ? 4 : (int) Math.max(0, Math.min(64, Values.number(args.get(0), where)));
				boolean first = args.size() > 1 && Values.truthy(args.get(1));
				String pad = " ".repeat(width);
				String indented = Values.text(v).replace("\n", "\n" + pad);
				return first ? pad + indented : indented;
			}
			case "sum": {
				double total = 0;
				for (Object item : list(v, where)) {
					total += Values.number(args.isEmpty() ? item : Evaluation.member(item, args.get(0)), where);
				}
				return Values.numeric(total);
			}
			case "split": {
				String sep = args.isEmpty() ? " " : Values.text(args.get(0));
				List<Object> parts = new ArrayList<>();
				String s = Values.text(v);
				if (sep.isEmpty()) {
					return apply("list", s, List.of(), line, limits);
				}
				int i = 0;
				int found;
				while ((found = s.indexOf(sep, i)) >= 0) {
					parts.add(s.substring(i, found));
					i = found + sep.length();
				}
				parts.add(s.substring(i));
				return parts;
			}
			case "parseRepoUrl":
				return RepoUrls.parse(Values.text(v));
			case "projectSlug": {
				Map<String, Object> repo = RepoUrls.parse(Values.text(v));
				Object owner = repo.getOrDefault("owner", repo.getOrDefault("organization", repo.get("workspace")));
				return (owner == null ? "" : owner + "/") + repo.get("repo");
			}
			case "parseEntityRef":
				return RepoUrls.entityRef(Values.text(v), args.isEmpty() ? Map.of() : args.get(0));
			case "pick":
				return Evaluation.member(v, arg(args, 0, where));
			default:
				throw new RenderException("Line " + line + ": Unknown filter '" + name + "'");
		}
	}

	static boolean test(String name, Object v, List<Object> args, int line) {
		String where = "Line " + line + ": test '" + name + "'";
		return switch (name) {
			case "defined" -> v != Values.UNDEFINED;
			case "undefined" -> v == Values.UNDEFINED;
			case "none", "null" -> v == null;
			case "number" -> Values.isNumber(v);
			case "string" -> v instanceof String;
			case "boolean" -> v instanceof Boolean;
			case "mapping" -> v instanceof Map<?, ?>;
			case "iterable", "sequence" -> v instanceof List<?> || v instanceof String;
			case "odd" -> ((long) Values.number(v, where)) % 2 != 0;
			case "even" -> ((long) Values.number(v, where)) % 2 == 0;
			case "truthy" -> Values.truthy(v);
			case "falsy" -> !Values.truthy(v);
			case "lower" -> Values.text(v).equals(Values.text(v).toLowerCase(Locale.ROOT));
			case "upper" -> Values.text(v).equals(Values.text(v).toUpperCase(Locale.ROOT));
			case "divisibleby" -> ((long) Values.number(v, where)) % (long) Values.number(arg(args, 0, where), where) == 0;
			case "equalto", "eq", "sameas" -> Values.equal(v, arg(args, 0, where));
			case "callable" -> false;
			default -> throw new RenderException("Line " + line + ": Unknown test '" + name + "'");
		};
	}

	private static Object arg(List<Object> args, int i, String where) {
		if (args.size() <= i) {
			throw new RenderException(where + " needs " + (i + 1) + " argument" + (i == 0 ? "" : "s"));
		}
		return args.get(i);
	}

	private static List<?> list(Object v, String where) {
		if (v instanceof List<?> l) {
			return l;
		}
		if (v == null || v == Values.UNDEFINED) {
			return List.of();
		}
		if (v instanceof Map<?, ?> m) {
			return new ArrayList<>(m.values());
		}
		throw new RenderException(where + " needs a list, not " + Values.describe(v));
	}

	/** A JSON writer for plain values, bounded in size. */
	static final class Json {

		private Json() {
		}

		static void write(Object v, int indent, int level, StringBuilder out, long max) {
			if (out.length() > max) {
				throw new RenderException("The JSON would be longer than " + max + " characters");
			}
			if (v == null || v == Values.UNDEFINED) {
				out.append(v == null ? "null" : "");
			}
			else if (v instanceof Boolean || Values.isNumber(v)) {
				out.append(Values.text(v));
			}
			else if (v instanceof String s) {
				quote(s, out);
			}
			else if (v instanceof List<?> list) {
				out.append('[');
				for (int i = 0; i < list.size(); i++) {
					out.append(i == 0 ? "" : ",");
					newline(indent, level + 1, out);
					write(list.get(i), indent, level + 1, out, max);
				}
				if (!list.isEmpty()) {
					newline(indent, level, out);
				}
				out.append(']');
			}
			else if (v instanceof Map<?, ?> map) {
				out.append('{');
				int i = 0;
				for (Map.Entry<?, ?> e : new LinkedHashMap<>(map).entrySet()) {
					if (e.getValue() == Values.UNDEFINED) {
						continue;
					}
					out.append(i++ == 0 ? "" : ",");
					newline(indent, level + 1, out);
					quote(String.valueOf(e.getKey()), out);
					out.append(indent > 0 ? ": " : ":");
					write(e.getValue(), indent, level + 1, out, max);
				}
				if (i > 0) {
					newline(indent, level, out);
				}
				out.append('}');
			}
			else {
				quote(v.toString(), out);
			}
		}

		private static void newline(int indent, int level, StringBuilder out) {
			if (indent > 0) {
				out.append('\n').append(" ".repeat(indent * level));
			}
		}

		static void quote(String s, StringBuilder out) {
			out.append('"');
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					case '\t' -> out.append("\\t");
					default -> {
						if (c < 0x20) {
							out.append(String.format("\\u%04x", (int) c));
						}
						else {
							out.append(c);
						}
					}
				}
			}
			out.append('"');
		}

	}

}
