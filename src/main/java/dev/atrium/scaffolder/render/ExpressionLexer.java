package dev.atrium.scaffolder.render;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens: strings, numbers, names and operators; anything else is refused. */
final class ExpressionLexer {

	/** A token: kind is string, number, name, op or end. */
	record Token(String kind, String text, Object value) {
	}

	private ExpressionLexer() {
	}

	static List<Token> tokenize(String s, int line) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '\'' || c == '"') {
				StringBuilder text = new StringBuilder();
				int j = i + 1;
				while (j < s.length() && s.charAt(j) != c) {
					char d = s.charAt(j);
					if (d == '\\' && j + 1 < s.length()) {
						char e = s.charAt(++j);
						text.append(switch (e) {
							case 'n' -> '\n';
							case 't' -> '\t';
							case 'r' -> '\r';
							default -> e;
						});
					}
					else {
						text.append(d);
					}
					j++;
				}
				if (j >= s.length()) {
					throw new RenderException("Line " + line + ": A string is not closed");
				}
				tokens.add(new Token("string", s.substring(i, j + 1), text.toString()));
				i = j + 1;
			}
			else if (Character.isDigit(c)) {
				int j = i;
				while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
					j++;
				}
				boolean decimal = j + 1 < s.length() && s.charAt(j) == '.' && Character.isDigit(s.charAt(j + 1));
				if (decimal) {
					j++;
					while (j < s.length() && Character.isDigit(s.charAt(j))) {
						j++;
					}
				}
				String text = s.substring(i, j).replace("_", "");
				Object value;
				try {
					value = decimal ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
				}
				catch (NumberFormatException ex) {
					throw new RenderException("Line " + line + ": Number too large: " + text);
				}
				tokens.add(new Token("number", text, value));
				i = j;
			}
			else if (Character.isLetter(c) || c == '_' || c == '$') {
				int j = i;
				while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
					j++;
				}
				tokens.add(new Token("name", s.substring(i, j), null));
				i = j;
			}
			else {
				String op = null;
				for (String candidate : List.of("===", "!==", "==", "!=", "<=", ">=", "//", "**")) {
					if (s.startsWith(candidate, i)) {
						op = candidate;
						break;
					}
				}
				if (op == null) {
					if ("+-*/%~<>=()[]{}.,:|".indexOf(c) < 0) {
						throw new RenderException("Line " + line + ": Unexpected character '" + c + "'");
					}
					op = String.valueOf(c);
				}
				tokens.add(new Token("op", op, null));
				i += op.length();
			}
		}
		tokens.add(new Token("end", "end of expression", null));
		return tokens;
	}

}
