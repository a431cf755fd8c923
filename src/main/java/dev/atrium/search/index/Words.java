package dev.atrium.search.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How names become words, the same way for documents and for queries: {@code payment-gateway},
 * {@code payment_gateway}, {@code emma.clarke} and {@code paymentGateway} all split into their
 * words, and neighbouring words joined ({@code paymentgateway}) are a word too, so each spelling finds the others.
 */
public final class Words {

	private Words() {
	}

	/** The lower-case words of a text: runs of letters and digits, camelCase split. */
	public static List<String> parts(String text) {
		List<String> parts = new ArrayList<>();
		if (text == null) {
			return parts;
		}
		StringBuilder word = new StringBuilder();
		int n = text.length();
		for (int i = 0; i < n; i++) {
			char c = text.charAt(i);
			if (!Character.isLetterOrDigit(c)) {
				flush(word, parts);
				continue;
			}
			if (!word.isEmpty() && Character.isUpperCase(c)) {
				char prev = text.charAt(i - 1);
				boolean nextLower = i + 1 < n && Character.isLowerCase(text.charAt(i + 1));
				if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
					flush(word, parts);
				}
			}
			word.append(c);
		}
		flush(word, parts);
		return parts;
	}

	/**
	 * What a name or text is indexed as: its words, and each two neighbouring words of letters joined
	 * ({@code paymentgateway}). Never a name whole: PostgreSQL's parser would keep
	 * {@code agile-payment-gateway-0042} as one more word, unique to each name, and a prefix query
	 * would then have to walk all of them. The joined pairs answer phrases ({@code "payment gateway"})
	 * as one indexed word, with no positions to check in each document.
	 */
	public static String expand(String name) {
		if (name == null || name.isBlank()) {
			return "";
		}
		List<String> parts = parts(name);
		StringBuilder out = new StringBuilder(name.length() * 2);
		parts.forEach(p -> out.append(p).append(' '));
		for (int i = 0; i + 1 < parts.size(); i++) {
			if (letters(parts.get(i)) && letters(parts.get(i + 1))) {
				out.append(parts.get(i)).append(parts.get(i + 1)).append(' ');
			}
		}
		return out.toString().strip();
	}

	/** Whether two neighbouring words are indexed joined (both of letters). */
	public static boolean joined(String word, String next) {
		return letters(word) && letters(next);
	}

	private static boolean letters(String word) {
		return word.chars().allMatch(Character::isLetter);
	}

	/** Words worth correcting a typo to: letters only, 3 to 40 of them. */
	public static Set<String> vocabulary(String text) {
		Set<String> words = new LinkedHashSet<>();
		for (String p : parts(text)) {
			if (p.length() >= 3 && p.length() <= 40 && p.chars().allMatch(Character::isLetter)) {
				words.add(p);
			}
		}
		return words;
	}

	/** A name as compared for exact and prefix matches. */
	public static String key(String name) {
		return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
	}

	private static void flush(StringBuilder word, List<String> parts) {
		if (!word.isEmpty()) {
			parts.add(word.toString().toLowerCase(Locale.ROOT));
			word.setLength(0);
		}
	}

}
