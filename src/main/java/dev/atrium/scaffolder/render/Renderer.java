package dev.atrium.scaffolder.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Backstage's template syntax (Nunjucks with {@code ${{ }}} for values) in a small
 * interpreter of its own: expressions read only the maps, lists, strings, numbers and booleans of
 * the context and call only the built-in filters, so a template has no way to reach Java classes,
 * methods, files or the environment. Every rendering is bounded by {@link Limits}.
 * Backstage sandboxes Nunjucks in a JavaScript isolate for the same reason (its vm2 sandbox was
 * escaped twice, CVE-2022-36067 and CVE-2023-35926); an interpreter with nothing to escape to needs
 * no sandbox.
 */
public final class Renderer {

	/**
	 * Bounds of one rendering.
	 * @param maxOutput characters of output (and of any one string built on the way)
	 * @param maxIterations loop iterations in total, and items of any list built
	 * @param maxSteps expression evaluations
	 */
	public record Limits(long maxOutput, long maxIterations, long maxSteps) {

		public static final Limits DEFAULT = new Limits(5_000_000, 10_000, 1_000_000);

	}

	private static final Pattern SINGLE = Pattern.compile("^\\s*\\$\\{\\{(.*)}}\\s*$", Pattern.DOTALL);

	private final Limits limits;

	public Renderer(Limits limits) {
		this.limits = limits;
	}

	public Renderer() {
		this(Limits.DEFAULT);
	}

	/** Renders template text. */
	public String render(String template, Map<String, ?> context) {
		return render(template, context, false, false);
	}

	/**
	 * Renders template text with Nunjucks' whitespace options.
	 * @param trimBlocks drop the first newline after a tag
	 * @param lstripBlocks strip spaces and tabs before a tag at the start of a line
	 * @throws RenderException on a syntax error, a refused construct or a limit
	 */
	public String render(String template, Map<String, ?> context, boolean trimBlocks, boolean lstripBlocks) {
		if (template.length() > limits.maxOutput()) {
			throw new RenderException("The template is longer than " + limits.maxOutput() + " characters");
		}
		if (!template.contains("${{") && !template.contains("{%") && !template.contains("{#")) {
			return template;
		}
		return new Evaluation(plainContext(context), limits).run(Syntax.parse(template, trimBlocks, lstripBlocks));
	}

	/**
	 * Renders a step's input tree: every string is rendered; a string that is exactly one
	 * {@code ${{ expression }}} keeps the expression's type (a list stays a list), as in Backstage.
	 * Undefined values become null.
	 */
	public Object evaluate(Object value, Map<String, ?> context) {
		return evaluate(value, plainContext(context), 0);
	}

	/** Whether a step's {@code if} holds: a missing one does, otherwise the value's truthiness. */
	public boolean condition(Object value, Map<String, ?> context) {
		if (value == null) {
			return true;
		}
		Object result = evaluate(value, context);
		return Values.truthy(result == null ? Values.UNDEFINED : result);
	}

	private Object evaluate(Object value, Map<String, Object> context, int depth) {
		if (depth > 64) {
			throw new RenderException("Input nested too deeply (more than 64 levels)");
		}
		if (value instanceof String s) {
			Matcher single = SINGLE.matcher(s);
			if (single.matches() && !single.group(1).contains("}}") && !single.group(1).contains("${{")) {
				String inner = single.group(1).trim();
				if (inner.startsWith("-")) {
					inner = inner.substring(1);
				}
				if (inner.endsWith("-")) {
					inner = inner.substring(0, inner.length() - 1);
				}
				return export(new Evaluation(context, limits).eval(ExpressionParser.parse(inner, 1)));
			}
			return render(s, context);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((k, v) -> out.put(String.valueOf(k), evaluate(v, context, depth + 1)));
			return out;
		}
		if (value instanceof List<?> list) {
			List<Object> out = new ArrayList<>();
			list.forEach(v -> out.add(evaluate(v, context, depth + 1)));
			return out;
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> plainContext(Map<String, ?> context) {
		return (Map<String, Object>) Values.plain(context, 0);
	}

	private static Object export(Object v) {
		if (v == Values.UNDEFINED) {
			return null;
		}
		if (v instanceof Map<?, ?> map) {
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((k, x) -> {
				if (x != Values.UNDEFINED) {
					out.put(String.valueOf(k), export(x));
				}
			});
			return out;
		}
		if (v instanceof List<?> list) {
			List<Object> out = new ArrayList<>();
			list.forEach(x -> out.add(export(x)));
			return out;
		}
		return v;
	}

}
