package dev.atrium.scaffolder.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses template text as Backstage configures Nunjucks: {@code ${{ expr }}} outputs a value,
 * {@code {% if %}{% elif %}{% else %}{% endif %}}, {@code {% for %}{% else %}{% endfor %}},
 * {@code {% set %}} and {@code {% raw %}} are the tags, {@code {# #}} a comment; a {@code -} inside a
 * delimiter ({@code {%-}, {@code -%}}) trims the whitespace on that side. Tags that would read other
 * files ({@code include}, {@code import}, {@code extends}) are refused: a template renders alone.
 */
final class Syntax {

	sealed interface Node {
	}

	record Text(String text) implements Node {
	}

	record Output(Expr expr) implements Node {
	}

	record If(List<Expr> conditions, List<List<Node>> bodies, List<Node> otherwise) implements Node {
	}

	record For(List<String> names, Expr iterable, List<Node> body, List<Node> otherwise, int line) implements Node {
	}

	record Set(String name, Expr value) implements Node {
	}

	/** A tag or output found in the text, with its position. */
	private record Piece(String kind, String content, int line) {
	}

	private static final int MAX_NESTING = 64;

	private final List<Piece> pieces;

	private int pos;

	private int nesting;

	private Syntax(List<Piece> pieces) {
		this.pieces = pieces;
	}

	static List<Node> parse(String text, boolean trimBlocks, boolean lstripBlocks) {
		Syntax syntax = new Syntax(scan(text, trimBlocks, lstripBlocks));
		List<Node> nodes = syntax.block(List.of());
		if (syntax.pos < syntax.pieces.size()) {
			Piece p = syntax.pieces.get(syntax.pos);
			throw new RenderException("Line " + p.line() + ": '{% " + p.content() + " %}' has no matching opening tag");
		}
		return nodes;
	}

	/** Parses nodes until one of the end tags (left unconsumed) or the end of the text. */
	private List<Node> block(List<String> endTags) {
		if (++nesting > MAX_NESTING) {
			throw new RenderException("Tags nested too deeply (more than " + MAX_NESTING + " levels)");
		}
		List<Node> nodes = new ArrayList<>();
		while (pos < pieces.size()) {
			Piece p = pieces.get(pos);
			switch (p.kind()) {
				case "text" -> {
					nodes.add(new Text(p.content()));
					pos++;
				}
				case "output" -> {
					nodes.add(new Output(ExpressionParser.parse(p.content(), p.line())));
					pos++;
				}
				default -> {
					String word = word(p.content());
					if (endTags.contains(word)) {
						nesting--;
						return nodes;
					}
					pos++;
					nodes.add(tag(word, p));
				}
			}
		}
		if (!endTags.isEmpty()) {
			throw new RenderException("The template ends before '{% " + endTags.get(endTags.size() - 1) + " %}'");
		}
		nesting--;
		return nodes;
	}

	private Node tag(String word, Piece p) {
		String rest = p.content().substring(word.length()).trim();
		switch (word) {
			case "if" -> {
				List<Expr> conditions = new ArrayList<>();
				List<List<Node>> bodies = new ArrayList<>();
				conditions.add(ExpressionParser.parse(rest, p.line()));
				List<String> ends = List.of("elif", "elseif", "else", "endif");
				bodies.add(block(ends));
				List<Node> otherwise = List.of();
				while (true) {
					Piece end = pieces.get(pos++);
					String endWord = word(end.content());
					if (endWord.equals("endif")) {
						break;
					}
					if (endWord.equals("else")) {
						otherwise = block(List.of("endif"));
						pos++;
						break;
					}
					conditions.add(ExpressionParser.parse(end.content().substring(endWord.length()).trim(), end.line()));
					bodies.add(block(ends));
				}
				return new If(conditions, bodies, otherwise);
			}
			case "for" -> {
				Object[] head = ExpressionParser.parseFor(rest, p.line());
				@SuppressWarnings("unchecked")
				List<String> names = (List<String>) head[0];
				List<Node> body = block(List.of("else", "endfor"));
				List<Node> otherwise = List.of();
				if (word(pieces.get(pos++).content()).equals("else")) {
					otherwise = block(List.of("endfor"));
					pos++;
				}
				return new For(names, (Expr) head[1], body, otherwise, p.line());
			}
			case "set" -> {
				Object[] head = ExpressionParser.parseSet(rest, p.line());
				return new Set((String) head[0], (Expr) head[1]);
			}
			case "include", "import", "from", "extends", "block", "macro", "call", "filter" -> throw new RenderException(
					"Line " + p.line() + ": '{% " + word + " %}' is not supported: a template renders on its own, without other files or macros");
			case "elif", "elseif", "else", "endif", "endfor", "endraw" -> throw new RenderException(
					"Line " + p.line() + ": '{% " + p.content() + " %}' has no matching opening tag");
			default -> throw new RenderException("Line " + p.line() + ": Unknown tag '{% " + word + " %}'");
		}
	}

	private static String word(String content) {
		int i = 0;
		while (i < content.length() && Character.isLetter(content.charAt(i))) {
			i++;
		}
		return content.substring(0, i);
	}

	/** Splits the text into text, output and tag pieces. */
	private static List<Piece> scan(String s, boolean trimBlocks, boolean lstripBlocks) {
		List<Piece> pieces = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		int i = 0;
		int line = 1;
		boolean trimNext = false;
		while (i < s.length()) {
			int var = s.indexOf("${{", i);
			int tag = s.indexOf("{%", i);
			int comment = s.indexOf("{#", i);
			int next = min(var, tag, comment);
			if (next < 0) {
				text.append(s, i, s.length());
				break;
			}
			text.append(s, i, next);
			if (trimNext) {
				trimLeading(text);
				trimNext = false;
			}
			String open = next == var ? "${{" : next == tag ? "{%" : "{#";
			String close = next == var ? "}}" : next == tag ? "%}" : "#}";
			int start = next + open.length();
			int end = findClose(s, start, close, next == comment);
			if (end < 0) {
				throw new RenderException("Line " + (line + count(s, i, next)) + ": '" + open + "' is never closed with '" + close + "'");
			}
			String inner = s.substring(start, end);
			boolean trimBefore = inner.startsWith("-");
			boolean trimAfter = inner.endsWith("-");
			inner = inner.substring(trimBefore ? 1 : 0, Math.max(trimBefore ? 1 : 0, inner.length() - (trimAfter ? 1 : 0))).trim();
			if (trimBefore) {
				trimTrailing(text);
			}
			else if (lstripBlocks && !open.equals("${{")) {
				stripLineStart(text);
			}
			line += count(s, i, next);
			if (text.length() > 0) {
				pieces.add(new Piece("text", text.toString(), line));
				text.setLength(0);
			}
			i = end + close.length();
			if (open.equals("{%") && word(inner).equals("raw")) {
				int endRaw = findEndRaw(s, i);
				if (endRaw < 0) {
					throw new RenderException("Line " + line + ": '{% raw %}' is never closed with '{% endraw %}'");
				}
				pieces.add(new Piece("text", s.substring(i, endRaw), line));
				line += count(s, next, endRaw);
				i = s.indexOf("%}", endRaw) + 2;
				continue;
			}
			if (open.equals("${{")) {
				pieces.add(new Piece("output", inner, line));
			}
			else if (open.equals("{%")) {
				pieces.add(new Piece("tag", inner, line));
			}
			line += count(s, next, i);
			trimNext = trimAfter;
			if (!trimAfter && trimBlocks && !open.equals("${{") && i < s.length() && s.charAt(i) == '\n') {
				i++;
				line++;
			}
		}
		if (trimNext) {
			trimLeading(text);
		}
		if (text.length() > 0) {
			pieces.add(new Piece("text", text.toString(), line));
		}
		return pieces;
	}

	private static int findClose(String s, int from, String close, boolean comment) {
		if (comment) {
			return s.indexOf(close, from);
		}
		char quote = 0;
		for (int i = from; i < s.length() - 1; i++) {
			char c = s.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (s.startsWith(close, i)) {
				return i;
			}
		}
		return -1;
	}

	private static int findEndRaw(String s, int from) {
		int i = from;
		while ((i = s.indexOf("{%", i)) >= 0) {
			int close = s.indexOf("%}", i);
			if (close < 0) {
				return -1;
			}
			String inner = s.substring(i + 2, close).replace("-", "").trim();
			if (inner.equals("endraw")) {
				return i;
			}
			i += 2;
		}
		return -1;
	}

	private static int min(int... positions) {
		int best = -1;
		for (int p : positions) {
			if (p >= 0 && (best < 0 || p < best)) {
				best = p;
			}
		}
		return best;
	}

	private static int count(String s, int from, int to) {
		int n = 0;
		for (int i = from; i < to && i < s.length(); i++) {
			if (s.charAt(i) == '\n') {
				n++;
			}
		}
		return n;
	}

	private static void trimTrailing(StringBuilder text) {
		int end = text.length();
		while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		text.setLength(end);
	}

	private static void trimLeading(StringBuilder text) {
		int start = 0;
		while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		text.delete(0, start);
	}

	private static void stripLineStart(StringBuilder text) {
		int end = text.length();
		int i = end;
		while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
			i--;
		}
		if (i == 0 || text.charAt(i - 1) == '\n') {
			text.setLength(i);
		}
	}

}
