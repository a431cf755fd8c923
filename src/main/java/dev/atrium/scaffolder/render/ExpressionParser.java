package dev.atrium.scaffolder.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Nunjucks expressions: literals, names, {@code a.b} and {@code a['b']}, lists, dicts,
 * arithmetic, comparisons, {@code and/or/not}, {@code in}, {@code is} tests, {@code a if b else c},
 * filters {@code value | name(args)} and the one global function {@code range}. Anything else, such as
 * calling a value ({@code x.constructor()}), is a syntax error: there is no way to call Java.
 */
final class ExpressionParser {

	private static final int MAX_DEPTH = 64;

	static final Set<String> FUNCTIONS = Set.of("range");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else");

	private final List<ExpressionLexer.Token> tokens;

	private final int line;

	private int pos;

	private int depth;

	private ExpressionParser(List<ExpressionLexer.Token> tokens, int line) {
		this.tokens = tokens;
		this.line = line;
	}

	/** Parses a whole expression. */
	static Expr parse(String source, int line) {
		ExpressionParser parser = new ExpressionParser(ExpressionLexer.tokenize(source, line), line);
		Expr expr = parser.expression();
		if (!parser.at("end")) {
			throw parser.error("Unexpected '" + parser.peek().text() + "'");
		}
		return expr;
	}

	/** Parses the head of a for tag: {@code a in expr} or {@code k, v in expr}. */
	static Object[] parseFor(String source, int line) {
		ExpressionParser parser = new ExpressionParser(ExpressionLexer.tokenize(source, line), line);
		List<String> names = new ArrayList<>();
		names.add(parser.name());
		while (parser.accept("op", ",")) {
			names.add(parser.name());
		}
		if (!parser.acceptWord("in")) {
			throw parser.error("A for loop reads 'for item in list'");
		}
		Expr iterable = parser.expression();
		if (!parser.at("end")) {
			throw parser.error("Unexpected '" + parser.peek().text() + "'");
		}
		return new Object[] { names, iterable };
	}

	/** Parses the head of a set tag: {@code name = expr}. */
	static Object[] parseSet(String source, int line) {
		ExpressionParser parser = new ExpressionParser(ExpressionLexer.tokenize(source, line), line);
		String name = parser.name();
		if (!parser.accept("op", "=")) {
			throw parser.error("A set tag reads 'set name = value'");
		}
		Expr value = parser.expression();
		if (!parser.at("end")) {
			throw parser.error("Unexpected '" + parser.peek().text() + "'");
		}
		return new Object[] { name, value };
	}

	private String name() {
		ExpressionLexer.Token t = peek();
		if (!t.kind().equals("name") || KEYWORDS.contains(t.text())) {
			throw error("Expected a name but found '" + t.text() + "'");
		}
		pos++;
		return t.text();
	}

	private Expr expression() {
		if (++depth > MAX_DEPTH) {
			throw error("Expression nested too deeply (more than " + MAX_DEPTH + " levels)");
		}
		try {
			Expr value = or();
			if (acceptWord("if")) {
				Expr condition = or();
				Expr otherwise = acceptWord("else") ? expression() : new Expr.Literal(Values.UNDEFINED, line);
				return new Expr.Conditional(condition, value, otherwise, line);
			}
			return value;
		}
		finally {
			depth--;
		}
	}

	private Expr or() {
		Expr left = and();
		while (acceptWord("or")) {
			left = new Expr.Binary("or", left, and(), line);
		}
		return left;
	}

	private Expr and() {
		Expr left = not();
		while (acceptWord("and")) {
			left = new Expr.Binary("and", left, not(), line);
		}
		return left;
	}

	private Expr not() {
		if (acceptWord("not")) {
			guardDepth();
			try {
				return new Expr.Unary("not", not(), line);
			}
			finally {
				depth--;
			}
		}
		return compare();
	}

	private Expr compare() {
		Expr left = concat();
		while (true) {
			ExpressionLexer.Token t = peek();
			if (t.kind().equals("op") && Set.of("==", "===", "!=", "!==", "<", ">", "<=", ">=").contains(t.text())) {
				pos++;
				String op = t.text().length() == 3 ? t.text().substring(0, 2) : t.text();
				left = new Expr.Binary(op, left, concat(), line);
			}
			else if (acceptWord("in")) {
				left = new Expr.Binary("in", left, concat(), line);
			}
			else if (isWord(t, "not") && isWord(peekAt(1), "in")) {
				pos += 2;
				left = new Expr.Unary("not", new Expr.Binary("in", left, concat(), line), line);
			}
			else if (acceptWord("is")) {
				boolean negated = acceptWord("not");
				String test = name();
				List<Expr> args = new ArrayList<>();
				if (accept("op", "(")) {
					args = arguments(")");
				}
				else if (!at("end") && !peek().kind().equals("op") && !KEYWORDS.contains(peek().text())) {
					args.add(concat());
				}
				left = new Expr.Test(left, test, negated, args, line);
			}
			else {
				return left;
			}
		}
	}

	private Expr concat() {
		Expr left = add();
		while (accept("op", "~")) {
			left = new Expr.Binary("~", left, add(), line);
		}
		return left;
	}

	private Expr add() {
		Expr left = multiply();
		while (true) {
			if (accept("op", "+")) {
				left = new Expr.Binary("+", left, multiply(), line);
			}
			else if (accept("op", "-")) {
				left = new Expr.Binary("-", left, multiply(), line);
			}
			else {
				return left;
			}
		}
	}

	private Expr multiply() {
		Expr left = unary();
		while (true) {
			ExpressionLexer.Token t = peek();
			if (t.kind().equals("op") && Set.of("*", "/", "//", "%", "**").contains(t.text())) {
				pos++;
				left = new Expr.Binary(t.text(), left, unary(), line);
			}
			else {
				return left;
			}
		}
	}

	private Expr unary() {
		if (accept("op", "-")) {
			guardDepth();
			try {
				return new Expr.Unary("-", unary(), line);
			}
			finally {
				depth--;
			}
		}
		if (accept("op", "+")) {
			return unary();
		}
		return postfix(primary());
	}

	private Expr postfix(Expr target) {
		while (true) {
			if (accept("op", ".")) {
				ExpressionLexer.Token t = peek();
				if (!t.kind().equals("name") && !t.kind().equals("number")) {
					throw error("Expected a name after '.'");
				}
				pos++;
				target = new Expr.Member(target, new Expr.Literal(t.kind().equals("number") ? t.value() : t.text(), line), line);
			}
			else if (accept("op", "[")) {
				Expr key = expression();
				expect("]");
				target = new Expr.Member(target, key, line);
			}
			else if (accept("op", "|")) {
				String filter = name();
				List<Expr> args = accept("op", "(") ? arguments(")") : List.of();
				target = new Expr.Filter(target, filter, args, line);
			}
			else if (at("op", "(")) {
				throw error("Calling a value is not allowed in templates; only filters (value | filter) and range() are");
			}
			else {
				return target;
			}
		}
	}

	private Expr primary() {
		ExpressionLexer.Token t = peek();
		pos++;
		switch (t.kind()) {
			case "number", "string" -> {
				return new Expr.Literal(t.value(), line);
			}
			case "name" -> {
				switch (t.text()) {
					case "true", "True" -> {
						return new Expr.Literal(Boolean.TRUE, line);
					}
					case "false", "False" -> {
						return new Expr.Literal(Boolean.FALSE, line);
					}
					case "none", "None", "null" -> {
						return new Expr.Literal(null, line);
					}
					default -> {
					}
				}
				if (KEYWORDS.contains(t.text())) {
					throw error("Unexpected '" + t.text() + "'");
				}
				if (at("op", "(")) {
					if (!FUNCTIONS.contains(t.text())) {
						throw error("Calling '" + t.text() + "' is not allowed in templates; only filters (value | filter) and range() are");
					}
					pos++;
					return new Expr.Call(t.text(), arguments(")"), line);
				}
				return new Expr.Name(t.text(), line);
			}
			case "op" -> {
				switch (t.text()) {
					case "(" -> {
						Expr inner = expression();
						expect(")");
						return inner;
					}
					case "[" -> {
						return new Expr.ListOf(arguments("]"), line);
					}
					case "{" -> {
						List<Expr> keys = new ArrayList<>();
						List<Expr> values = new ArrayList<>();
						if (!accept("op", "}")) {
							do {
								keys.add(expression());
								expect(":");
								values.add(expression());
							}
							while (accept("op", ","));
							expect("}");
						}
						return new Expr.DictOf(keys, values, line);
					}
					default -> throw error("Unexpected '" + t.text() + "'");
				}
			}
			default -> throw error("The expression ends too early");
		}
	}

	private List<Expr> arguments(String close) {
		guardDepth();
		try {
			List<Expr> args = new ArrayList<>();
			if (accept("op", close)) {
				return args;
			}
			do {
				if (at("op", close)) {
					break;
				}
				args.add(expression());
			}
			while (accept("op", ","));
			expect(close);
			return args;
		}
		finally {
			depth--;
		}
	}

	private void guardDepth() {
		if (++depth > MAX_DEPTH) {
			throw error("Expression nested too deeply (more than " + MAX_DEPTH + " levels)");
		}
	}

	private ExpressionLexer.Token peek() {
		return tokens.get(pos);
	}

	private ExpressionLexer.Token peekAt(int ahead) {
		return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
	}

	private boolean at(String kind) {
		return peek().kind().equals(kind);
	}

	private boolean at(String kind, String text) {
		return peek().kind().equals(kind) && peek().text().equals(text);
	}

	private boolean accept(String kind, String text) {
		if (at(kind, text)) {
			pos++;
			return true;
		}
		return false;
	}

	private static boolean isWord(ExpressionLexer.Token t, String word) {
		return t.kind().equals("name") && t.text().equals(word);
	}

	private boolean acceptWord(String word) {
		if (isWord(peek(), word)) {
			pos++;
			return true;
		}
		return false;
	}

	private void expect(String op) {
		if (!accept("op", op)) {
			throw error("Expected '" + op + "' but found '" + peek().text() + "'");
		}
	}

	private RenderException error(String message) {
		return new RenderException("Line " + line + ": " + message);
	}

}
