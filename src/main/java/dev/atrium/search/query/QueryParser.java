package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;
import dev.atrium.search.index.Words;
import dev.atrium.search.query.ParsedQuery.Item;

/**
 * Reads web-search syntax: words (all must match, each also as a prefix), {@code "quoted phrases"},
 * {@code OR} between alternatives, and {@code -word} or {@code -"phrase"} to exclude. Anything else is
 * punctuation between words (control characters too: PostgreSQL refuses NUL), so a query never fails
 * to parse; it only fails when too long or with too many words.
 */
public final class QueryParser {

	/** Longest query accepted. */
	public static final int MAX_LENGTH = 500;

	/** Most words (and phrases) a query may hold. */
	public static final int MAX_ITEMS = 24;

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}]");

	private QueryParser() {
	}

	public static ParsedQuery parse(String term) {
		String input = clean(term).strip();
		if (input.length() > MAX_LENGTH) {
			throw new InputException("The search term is too long (at most " + MAX_LENGTH + " characters)");
		}
		List<List<Item>> groups = new ArrayList<>();
		List<Item> excluded = new ArrayList<>();
		boolean or = false;
		int i = 0;
		int n = input.length();
		int items = 0;
		while (i < n) {
			char c = input.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			boolean negative = false;
			if (c == '-' && i + 1 < n && !Character.isWhitespace(input.charAt(i + 1))) {
				negative = true;
				i++;
				c = input.charAt(i);
			}
			String raw;
			boolean quoted = c == '"';
			if (quoted) {
				int close = input.indexOf('"', i + 1);
				raw = close < 0 ? input.substring(i + 1) : input.substring(i + 1, close);
				i = close < 0 ? n : close + 1;
			}
			else {
				int end = i;
				while (end < n && !Character.isWhitespace(input.charAt(end)) && input.charAt(end) != '"') {
					end++;
				}
				raw = input.substring(i, end);
				i = end;
			}
			if (!quoted && !negative && raw.equals("OR")) {
				or = !groups.isEmpty();
				continue;
			}
			List<String> parts = Words.parts(raw);
			if (parts.isEmpty()) {
				continue;
			}
			if (++items > MAX_ITEMS) {
				throw new InputException("The search term has too many words (at most " + MAX_ITEMS + ")");
			}
			Item item = new Item(parts, quoted);
			if (negative) {
				excluded.add(item);
			}
			else if (or) {
				groups.get(groups.size() - 1).add(item);
			}
			else {
				groups.add(new ArrayList<>(List.of(item)));
			}
			or = false;
		}
		return new ParsedQuery(groups.stream().map(List::copyOf).toList(), List.copyOf(excluded), exact(input));
	}

	/** The text with control characters (and halves of broken surrogate pairs) as spaces: never part of a word. */
	public static String clean(String text) {
		return text == null ? "" : CONTROL.matcher(text).replaceAll(" ");
	}

	/** Whether a text holds a control character (or half a surrogate pair). */
	public static boolean hasControl(String text) {
		return text != null && CONTROL.matcher(text).find();
	}

	/** The query as a name reads: without quotes, operators and surrounding punctuation. */
	private static String exact(String input) {
		return input.replace("\"", "").strip().toLowerCase(Locale.ROOT);
	}

}
