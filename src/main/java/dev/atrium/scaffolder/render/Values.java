package dev.atrium.scaffolder.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values templates work with: null, {@link #UNDEFINED}, booleans, numbers (long or double),
 * strings, lists and string-keyed maps. {@link #plain} turns anything else into one of these before a
 * template sees it, so no Java object ever reaches an expression.
 */
final class Values {

	/** What a missing name or key evaluates to; renders as the empty string. */
	static final Object UNDEFINED = new Object() {
		@Override
		public String toString() {
			return "undefined";
		}
	};

	private Values() {
	}

	/** A deep copy made of plain values only; other objects become their string form. */
	static Object plain(Object value, int depth) {
		if (depth > 64) {
			throw new RenderException("Value nested too deeply (more than 64 levels)");
		}
		if (value == null || value instanceof String || value instanceof Boolean || value == UNDEFINED) {
			return value;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number n) {
			double d = n.doubleValue();
			return d == Math.rint(d) && Math.abs(d) < 1e15 && !(value instanceof BigDecimal bd && bd.scale() > 0)
					? (Object) (long) d : (Object) d;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v, depth + 1)));
			return copy;
		}
		if (value instanceof Collection<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach(v -> copy.add(plain(v, depth + 1)));
			return copy;
		}
		if (value instanceof Object[] array) {
			return plain(List.of(array), depth);
		}
		return value.toString();
	}

	static boolean truthy(Object v) {
		if (v == null || v == UNDEFINED) {
			return false;
		}
		if (v instanceof Boolean b) {
			return b;
		}
		if (v instanceof Long l) {
			return l != 0;
		}
		if (v instanceof Double d) {
			return d != 0 && !d.isNaN();
		}
		if (v instanceof String s) {
			return !s.isEmpty();
		}
		// Nunjucks follows JavaScript: an empty list or object is truthy.
		return true;
	}

	/** The text a value renders as, following Nunjucks (JavaScript's String()). */
	static String text(Object v) {
		if (v == null || v == UNDEFINED) {
			return "";
		}
		if (v instanceof Double d) {
			if (d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e21) {
				return new BigDecimal(d).toPlainString();
			}
			return d.toString();
		}
		if (v instanceof List<?> list) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ",").append(text(list.get(i)));
			}
			return out.toString();
		}
		if (v instanceof Map<?, ?>) {
			return "[object Object]";
		}
		return v.toString();
	}

	static boolean isNumber(Object v) {
		return v instanceof Long || v instanceof Double;
	}

	static double number(Object v, String what) {
		if (v instanceof Long l) {
			return l;
		}
		if (v instanceof Double d) {
			return d;
		}
		if (v instanceof String s) {
			try {
				return Double.parseDouble(s.trim());
			}
			catch (NumberFormatException ex) {
				// fall through
			}
		}
		if (v instanceof Boolean b) {
			return b ? 1 : 0;
		}
		throw new RenderException(what + " needs a number, not " + describe(v));
	}

	/** A long when the value is integral, else a double. */
	static Object numeric(double d) {
		return d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : (Object) d;
	}

	static boolean equal(Object a, Object b) {
		if (isNumber(a) && isNumber(b)) {
			return number(a, "") == number(b, "");
		}
		if ((a == null || a == UNDEFINED) && (b == null || b == UNDEFINED)) {
			return true;
		}
		return Objects.equals(a, b);
	}

	static int compare(Object a, Object b) {
		if (isNumber(a) && isNumber(b)) {
			return Double.compare(number(a, ""), number(b, ""));
		}
		if (a instanceof String x && b instanceof String y) {
			return x.compareTo(y);
		}
		if (isNumber(a) || isNumber(b)) {
			return Double.compare(number(a, "Comparing"), number(b, "Comparing"));
		}
		throw new RenderException("Cannot compare " + describe(a) + " with " + describe(b));
	}

	static String describe(Object v) {
		if (v == null) {
			return "none";
		}
		if (v == UNDEFINED) {
			return "an undefined value";
		}
		if (v instanceof String) {
			return "a string";
		}
		if (isNumber(v)) {
			return "a number";
		}
		if (v instanceof Boolean) {
			return "a boolean";
		}
		if (v instanceof List<?>) {
			return "a list";
		}
		return "an object";
	}

}
