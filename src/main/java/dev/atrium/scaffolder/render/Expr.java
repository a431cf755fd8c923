package dev.atrium.scaffolder.render;

import java.util.List;

/**
 * A parsed expression. The tree has no node that could reach Java: names read the context's maps,
 * member access reads map keys and list items, and calls exist only for filters and {@code range}.
 */
sealed interface Expr {

	int line();

	record Literal(Object value, int line) implements Expr {
	}

	record Name(String name, int line) implements Expr {
	}

	record Member(Expr target, Expr key, int line) implements Expr {
	}

	record ListOf(List<Expr> items, int line) implements Expr {
	}

	record DictOf(List<Expr> keys, List<Expr> values, int line) implements Expr {
	}

	record Unary(String op, Expr operand, int line) implements Expr {
	}

	record Binary(String op, Expr left, Expr right, int line) implements Expr {
	}

	record Test(Expr target, String test, boolean negated, List<Expr> args, int line) implements Expr {
	}

	record Conditional(Expr condition, Expr then, Expr otherwise, int line) implements Expr {
	}

	record Filter(Expr target, String name, List<Expr> args, int line) implements Expr {
	}

	record Call(String function, List<Expr> args, int line) implements Expr {
	}

}
