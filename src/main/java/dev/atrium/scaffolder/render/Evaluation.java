package dev.atrium.scaffolder.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendering: evaluates expressions over plain values and runs the parsed tags, counting what it
 * does so that no template can run away (loop iterations, evaluation steps, output length).
 */
final class Evaluation {

	private final Renderer.Limits limits;

	private final List<Map<String, Object>> scopes = new ArrayList<>();

	private long steps;

	private long iterations;

	private final StringBuilder out = new StringBuilder();

	Evaluation(Map<String, Object> context, Renderer.Limits limits) {
		this.limits = limits;
		this.scopes.add(new HashMap<>(context));
	}

	String run(List<Syntax.Node> nodes) {
		execute(nodes);
		return out.toString();
	}

	private void execute(List<Syntax.Node> nodes) {
		for (Syntax.Node node : nodes) {
			if (node instanceof Syntax.Text t) {
				append(t.text());
			}
			else if (node instanceof Syntax.Output o) {
				append(Values.text(eval(o.expr())));
			}
			else if (node instanceof Syntax.If branch) {
				boolean done = false;
				for (int i = 0; i < branch.conditions().size() && !done; i++) {
					if (Values.truthy(eval(branch.conditions().get(i)))) {
						execute(branch.bodies().get(i));
						done = true;
					}
				}
				if (!done) {
					execute(branch.otherwise());
				}
			}
			else if (node instanceof Syntax.For loop) {
				runFor(loop);
			}
			else if (node instanceof Syntax.Set set) {
				scopes.get(scopes.size() - 1).put(set.name(), eval(set.value()));
			}
		}
	}

	private void runFor(Syntax.For loop) {
		Object iterable = eval(loop.iterable());
		List<List<Object>> rows = new ArrayList<>();
		if (iterable instanceof List<?> list) {
			for (Object item : list) {
				rows.add(loop.names().size() > 1 && item instanceof List<?> pair ? new ArrayList<>(pair) : List.of(itemOrNull(item)));
			}
		}
		else if (iterable instanceof Map<?, ?> map) {
			map.forEach((k, v) -> rows.add(loop.names().size() > 1 ? List.of(k, itemOrNull(v)) : List.of(k)));
		}
		else if (iterable instanceof String || Values.isNumber(iterable) || iterable instanceof Boolean) {
			throw new RenderException("Line " + loop.line() + ": A for loop needs a list or an object, not " + Values.describe(iterable));
		}
		if (rows.isEmpty()) {
			execute(loop.otherwise());
			return;
		}
		Map<String, Object> scope = new HashMap<>();
		scopes.add(scope);
		try {
			for (int i = 0; i < rows.size(); i++) {
				if (++iterations > limits.maxIterations()) {
					throw new RenderException("Line " + loop.line() + ": Loops ran more than " + limits.maxIterations()
							+ " times in one template; refusing to go on");
				}
				List<Object> row = rows.get(i);
				for (int n = 0; n < loop.names().size(); n++) {
					scope.put(loop.names().get(n), n < row.size() ? row.get(n) : Values.UNDEFINED);
				}
				Map<String, Object> info = new LinkedHashMap<>();
				info.put("index", (long) i + 1);
				info.put("index0", (long) i);
				info.put("revindex", (long) (rows.size() - i));
				info.put("revindex0", (long) (rows.size() - i - 1));
				info.put("first", i == 0);
				info.put("last", i == rows.size() - 1);
				info.put("length", (long) rows.size());
				scope.put("loop", info);
				execute(loop.body());
			}
		}
		finally {
			scopes.remove(scopes.size() - 1);
		}
	}

	private static Object itemOrNull(Object item) {
		return item;
	}

	private void append(String text) {
		if (out.length() + (long) text.length() > limits.maxOutput()) {
			throw new RenderException("The rendered text would be longer than " + limits.maxOutput() + " characters");
		}
		out.append(text);
	}

	Object eval(Expr expr) {
		if (++steps > limits.maxSteps()) {
			throw new RenderException("The template takes more than " + limits.maxSteps() + " evaluation steps; refusing to go on");
		}
		if (expr instanceof Expr.Literal l) {
			return l.value();
		}
		if (expr instanceof Expr.Name n) {
			return lookup(n.name());
		}
		if (expr instanceof Expr.Member m) {
			return member(eval(m.target()), eval(m.key()));
		}
		if (expr instanceof Expr.ListOf l) {
			List<Object> items = new ArrayList<>();
			l.items().forEach(i -> items.add(eval(i)));
			return items;
		}
		if (expr instanceof Expr.DictOf d) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (int i = 0; i < d.keys().size(); i++) {
				Expr key = d.keys().get(i);
				map.put(key instanceof Expr.Name name ? name.name() : Values.text(eval(key)), eval(d.values().get(i)));
			}
			return map;
		}
		if (expr instanceof Expr.Unary u) {
			return u.op().equals("not") ? (Object) !Values.truthy(eval(u.operand()))
					: Values.numeric(-Values.number(eval(u.operand()), "Line " + u.line() + ": '-'"));
		}
		if (expr instanceof Expr.Binary b) {
			return binary(b);
		}
		if (expr instanceof Expr.Conditional c) {
			return Values.truthy(eval(c.condition())) ? eval(c.then()) : eval(c.otherwise());
		}
		if (expr instanceof Expr.Filter f) {
			Object target = eval(f.target());
			List<Object> args = new ArrayList<>();
			f.args().forEach(a -> args.add(eval(a)));
			return checked(Filters.apply(f.name(), target, args, f.line(), limits));
		}
		if (expr instanceof Expr.Test t) {
			List<Object> args = new ArrayList<>();
			t.args().forEach(a -> args.add(eval(a)));
			boolean result = Filters.test(t.test(), eval(t.target()), args, t.line());
			return t.negated() != result;
		}
		return range((Expr.Call) expr);
	}

	private Object checked(Object value) {
		if (value instanceof String s && s.length() > limits.maxOutput()) {
			throw new RenderException("A value would be longer than " + limits.maxOutput() + " characters");
		}
		return value;
	}

	private Object lookup(String name) {
		for (int i = scopes.size() - 1; i >= 0; i--) {
			Map<String, Object> scope = scopes.get(i);
			if (scope.containsKey(name)) {
				return scope.get(name);
			}
		}
		return Values.UNDEFINED;
	}

	static Object member(Object target, Object key) {
		if (target instanceof Map<?, ?> map) {
			String k = Values.text(key);
			return map.containsKey(k) ? map.get(k) : Values.UNDEFINED;
		}
		if (target instanceof List<?> list) {
			if (Values.isNumber(key)) {
				long i = (long) Values.number(key, "");
				if (i < 0) {
					i += list.size();
				}
				return i >= 0 && i < list.size() ? list.get((int) i) : Values.UNDEFINED;
			}
			return "length".equals(key) ? (Object) (long) list.size() : Values.UNDEFINED;
		}
		if (target instanceof String s && "length".equals(key)) {
			return (long) s.length();
		}
		if (target == null || target == Values.UNDEFINED) {
			// Nunjucks reads a member of an undefined value as undefined; Backstage templates rely on it.
			return Values.UNDEFINED;
		}
		return Values.UNDEFINED;
	}

	private Object binary(Expr.Binary b) {
		String where = "Line " + b.line() + ": '" + b.op() + "'";
		switch (b.op()) {
			case "and" -> {
				Object left = eval(b.left());
				return Values.truthy(left) ? eval(b.right()) : left;
			}
			case "or" -> {
				Object left = eval(b.left());
				return Values.truthy(left) ? left : eval(b.right());
			}
			default -> {
			}
		}
		Object l = eval(b.left());
		Object r = eval(b.right());
		return switch (b.op()) {
			case "==" -> Values.equal(l, r);
			case "!=" -> !Values.equal(l, r);
			case "<" -> Values.compare(l, r) < 0;
			case ">" -> Values.compare(l, r) > 0;
			case "<=" -> Values.compare(l, r) <= 0;
			case ">=" -> Values.compare(l, r) >= 0;
			case "in" -> contains(r, l);
			case "~" -> checked(Values.text(l) + Values.text(r));
			case "+" -> Values.isNumber(l) && Values.isNumber(r) ? Values.numeric(Values.number(l, where) + Values.number(r, where))
					: l instanceof List<?> x && r instanceof List<?> y ? concatLists(x, y) : checked(Values.text(l) + Values.text(r));
			case "-" -> Values.numeric(Values.number(l, where) - Values.number(r, where));
			case "*" -> Values.numeric(Values.number(l, where) * Values.number(r, where));
			case "/" -> Values.numeric(Values.number(l, where) / Values.number(r, where));
			case "//" -> Values.numeric(Math.floor(Values.number(l, where) / Values.number(r, where)));
			case "%" -> Values.numeric(Values.number(l, where) % Values.number(r, where));
			case "**" -> Values.numeric(Math.pow(Values.number(l, where), Values.number(r, where)));
			default -> throw new RenderException(where + " is not an operator");
		};
	}

	private List<Object> concatLists(List<?> x, List<?> y) {
		if (x.size() + (long) y.size() > limits.maxIterations()) {
			throw new RenderException("A list would have more than " + limits.maxIterations() + " items");
		}
		List<Object> all = new ArrayList<>(x);
		all.addAll(y);
		return all;
	}

	private static boolean contains(Object container, Object item) {
		if (container instanceof List<?> list) {
			return list.stream().anyMatch(v -> Values.equal(v, item));
		}
		if (container instanceof Map<?, ?> map) {
			return map.containsKey(Values.text(item));
		}
		if (container instanceof String s) {
			return s.contains(Values.text(item));
		}
		return false;
	}

	private Object range(Expr.Call call) {
		List<Object> args = new ArrayList<>();
		call.args().forEach(a -> args.add(eval(a)));
		String where = "Line " + call.line() + ": range()";
		if (args.isEmpty() || args.size() > 3) {
			throw new RenderException(where + " takes one to three numbers");
		}
		long start = args.size() == 1 ? 0 : (long) Values.number(args.get(0), where);
		long stop = (long) Values.number(args.get(args.size() == 1 ? 0 : 1), where);
		long step = args.size() == 3 ? (long) Values.number(args.get(2), where) : 1;
		if (step == 0) {
			throw new RenderException(where + " needs a step other than 0");
		}
		long count = Math.max(0, (stop - start + step + (step > 0 ? -1 : 1)) / step);
		if (count > limits.maxIterations()) {
			throw new RenderException(where + " would make " + count + " numbers; at most " + limits.maxIterations() + " are allowed");
		}
		List<Object> numbers = new ArrayList<>();
		for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
			numbers.add(i);
		}
		return numbers;
	}

}
