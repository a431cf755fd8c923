package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The matches of a query in a text, as segments (matched or not), so pages render them with escaped
 * text and a {@code <mark>} element, and the API with Backstage's pre and post tags. No markup ever
 * comes from the text itself.
 *
 * @param segments the text in order, matches marked
 */
public record Highlight(List<Segment> segments) {

	/** A run of text, and whether it matched the query. */
	public record Segment(String text, boolean match) {
	}

	/** How long a text shown in results may be before it is cut around its first match. */
	static final int SNIPPET = 240;

	/**
	 * Marks the words of {@code text} that begin with one of {@code prefixes} (lower case); with
	 * {@code snippet}, a long text is cut to the part around its first match.
	 */
	public static Highlight of(String text, List<String> prefixes, boolean snippet) {
		String source = text == null ? "" : text;
		int from = 0;
		int to = source.length();
		List<int[]> matches = matches(source, prefixes);
		if (snippet && source.length() > SNIPPET) {
			int first = matches.isEmpty() ? 0 : matches.get(0)[0];
			from = first < SNIPPET / 3 ? 0 : wordStart(source, first - SNIPPET / 3);
			to = Math.min(source.length(), wordEnd(source, from + SNIPPET));
		}
		List<Segment> segments = new ArrayList<>();
		if (from > 0) {
			segments.add(new Segment("…", false));
		}
		int at = from;
		for (int[] m : matches) {
			if (m[1] <= from || m[0] >= to) {
				continue;
			}
			int start = Math.max(m[0], from);
			int end = Math.min(m[1], to);
			if (start > at) {
				segments.add(new Segment(source.substring(at, start), false));
			}
			segments.add(new Segment(source.substring(start, end), true));
			at = end;
		}
		if (at < to) {
			segments.add(new Segment(source.substring(at, to), false));
		}
		if (to < source.length()) {
			segments.add(new Segment("…", false));
		}
		return new Highlight(segments);
	}

	/** Whether any part matched. */
	public boolean matched() {
		return segments.stream().anyMatch(Segment::match);
	}

	/** The text with each match between the tags: Backstage's highlight field. */
	public String tagged(String preTag, String postTag) {
		StringBuilder out = new StringBuilder();
		segments.forEach(s -> out.append(s.match() ? preTag + s.text() + postTag : s.text()));
		return out.toString();
	}

	private static List<int[]> matches(String text, List<String> prefixes) {
		List<int[]> matches = new ArrayList<>();
		if (prefixes.isEmpty()) {
			return matches;
		}
		int i = 0;
		int n = text.length();
		while (i < n) {
			if (!Character.isLetterOrDigit(text.charAt(i))) {
				i++;
				continue;
			}
			int end = i;
			while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
				end++;
			}
			int length = asciiStartsWith(text, i, end, prefixes);
			if (length == NOT_ASCII) {
				String word = text.substring(i, end).toLowerCase(Locale.ROOT);
				length = -1;
				for (String prefix : prefixes) {
					if (word.startsWith(prefix)) {
						length = Math.max(prefix.length(), word.length());
						break;
					}
				}
			}
			if (length >= 0) {
				matches.add(new int[] { i, Math.min(end, i + length) });
			}
			i = end;
		}
		return matches;
	}

	private static final int NOT_ASCII = -2;

	/**
	 * For a word of ASCII letters and digits (most words; no copy, no case mapping): the length to mark
	 * when it starts with a prefix, -1 when it starts with none; {@link #NOT_ASCII} for other words.
	 */
	private static int asciiStartsWith(String text, int from, int to, List<String> prefixes) {
		for (int k = from; k < to; k++) {
			if (text.charAt(k) >= 0x80) {
				return NOT_ASCII;
			}
		}
		for (String prefix : prefixes) {
			int n = prefix.length();
			if (n > to - from) {
				continue;
			}
			int k = 0;
			while (k < n) {
				char c = text.charAt(from + k);
				if (c >= 'A' && c <= 'Z') {
					c = (char) (c + ('a' - 'A'));
				}
				if (c != prefix.charAt(k)) {
					break;
				}
				k++;
			}
			if (k == n) {
				return to - from;
			}
		}
		return -1;
	}

	private static int wordStart(String text, int at) {
		int i = Math.max(0, at);
		while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
			i--;
		}
		return i;
	}

	private static int wordEnd(String text, int at) {
		int i = Math.min(text.length(), at);
		while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

}
