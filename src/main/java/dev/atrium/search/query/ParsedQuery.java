package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.atrium.search.index.Words;

/**
 * A query in web-search syntax, parsed: groups that must all match (each a set of alternatives
 * joined by {@code OR}), and items that must not ({@code -word}, {@code -"a phrase"}) in a name, title or text.
 *
 * @param groups every group must match
 * @param excluded no excluded item may match
 * @param exact the whole query as a name or title would read when typed exactly
 */
public record ParsedQuery(List<List<Item>> groups, List<Item> excluded, String exact) {

	/**
	 * A word (split into its parts: {@code payment-gateway} is payment, gateway) or a quoted phrase.
	 *
	 * @param parts lower-case words of letters and digits
	 * @param quoted a phrase in quotes: its words match as written, in order, without prefixes or corrections
	 */
	public record Item(List<String> parts, boolean quoted) {
	}

	public boolean isEmpty() {
		return groups.isEmpty() && excluded.isEmpty();
	}

	/** The words that may be typos: those of unquoted items, in order. */
	public List<String> correctable() {
		List<String> words = new ArrayList<>();
		groups.forEach(g -> g.stream().filter(i -> !i.quoted()).forEach(i -> words.addAll(i.parts())));
		return words;
	}

	/** The query for PostgreSQL's {@code to_tsquery('simple', ...)}: prefixes, phrases, corrections as alternatives. */
	public String toTsQuery(Map<String, List<String>> corrections) {
		return toTsQuery(corrections, null);
	}

	/**
	 * The same, with the words each typed word stands for as a prefix ({@code prefixes}, from the
	 * {@link Lexicon}) asked for as themselves; a word without an entry stays a prefix query. With a
	 * lexicon ({@code prefixes} not null) corrections are whole words, asked for as themselves too.
	 */
	public String toTsQuery(Map<String, List<String>> corrections, Map<String, List<String>> prefixes) {
		StringJoiner all = new StringJoiner(" & ");
		for (List<Item> group : groups) {
			StringJoiner any = new StringJoiner(" | ", "(", ")");
			group.forEach(item -> any.add(item(item, corrections, prefixes)));
			all.add(any.toString());
		}
		for (Item item : excluded) {
			all.add("!(" + String.join(" <-> ", item.parts().stream().map(w -> lexeme(w) + ":AB").toList()) + ")");
		}
		return all.toString();
	}

	/**
	 * Any word of the query (as a prefix, or with {@code exactOnly} as typed), phrases and best corrections
	 * included, singular or plural: for ranking documents whose name holds some of the words, and those
	 * holding a word as typed ("payment", not only "payments"), above the others.
	 */
	public String toAnyWordTsQuery(Map<String, List<String>> corrections, boolean exactOnly) {
		return toAnyWordTsQuery(corrections, null, exactOnly);
	}

	/** The same, with prefixes standing for the words in {@code prefixes} (see {@link #toTsQuery(Map, Map)}). */
	public String toAnyWordTsQuery(Map<String, List<String>> corrections, Map<String, List<String>> prefixes,
			boolean exactOnly) {
		java.util.Set<String> words = new java.util.LinkedHashSet<>();
		for (List<Item> group : groups) {
			for (Item item : group) {
				for (String part : item.parts()) {
					List<String> expanded = exactOnly || prefixes == null ? null : prefixes.get(part);
					if (expanded != null) {
						expanded.forEach(w -> words.add(lexeme(w)));
					}
					else {
						words.add(lexeme(part) + (exactOnly ? "" : ":*"));
					}
					if (part.length() > 3 && part.endsWith("s")) {
						words.add(lexeme(part.substring(0, part.length() - 1)));
					}
					List<String> corrected = corrections.getOrDefault(part, List.of());
					if (!corrected.isEmpty()) {
						words.add(lexeme(corrected.get(0)) + (exactOnly || prefixes != null ? "" : ":*"));
					}
				}
			}
		}
		return String.join(" | ", words);
	}

	private static String item(Item item, Map<String, List<String>> corrections, Map<String, List<String>> prefixes) {
		List<String> parts = item.parts();
		if (item.quoted()) {
			return "(" + phrase(parts) + ")";
		}
		StringJoiner phrase = new StringJoiner(" <-> ");
		for (String part : parts) {
			StringJoiner alternatives = new StringJoiner(" | ", "(", ")");
			List<String> expanded = prefixes == null ? null : prefixes.get(part);
			if (expanded != null) {
				expanded.forEach(w -> alternatives.add(lexeme(w)));
			}
			else {
				alternatives.add(lexeme(part) + ":*");
			}
			// Corrections are whole indexed words; as prefixes only without a lexicon (they would walk every joined name).
			String suffix = prefixes == null ? ":*" : "";
			corrections.getOrDefault(part, List.of()).forEach(c -> alternatives.add(lexeme(c) + suffix));
			phrase.add(alternatives.toString());
		}
		if (parts.size() == 1) {
			return "(" + phrase + ")";
		}
		// A name typed whole or in part (payment-gate): its words in order, the last one as typed so far;
		// the words before it are whole, so their joined pairs say the same without positions to check.
		String whole = lexeme(String.join("", parts)) + ":*";
		List<String> done = parts.subList(0, parts.size() - 1);
		if (done.size() > 1 && joinedThroughout(done)) {
			return "((" + pairs(done) + " & " + phrase + ") | " + whole + ")";
		}
		return "((" + phrase + ") | " + whole + ")";
	}

	/**
	 * Words in this order. Neighbours of letters are indexed joined ({@code Words.expand}), so a phrase of
	 * such words is its joined pairs, each one indexed word: no positions to read in each document.
	 */
	private static String phrase(List<String> parts) {
		if (parts.size() > 1 && joinedThroughout(parts)) {
			return pairs(parts);
		}
		StringJoiner phrase = new StringJoiner(" <-> ");
		parts.forEach(part -> phrase.add(lexeme(part)));
		return phrase.toString();
	}

	private static boolean joinedThroughout(List<String> parts) {
		for (int i = 0; i + 1 < parts.size(); i++) {
			if (!Words.joined(parts.get(i), parts.get(i + 1))) {
				return false;
			}
		}
		return true;
	}

	private static String pairs(List<String> parts) {
		StringJoiner pairs = new StringJoiner(" & ");
		for (int i = 0; i + 1 < parts.size(); i++) {
			pairs.add(lexeme(parts.get(i) + parts.get(i + 1)));
		}
		return pairs.toString();
	}

	/** Parts are letters and digits only; quoting keeps PostgreSQL from reading anything else into them. */
	private static String lexeme(String part) {
		return "'" + part + "'";
	}

}
