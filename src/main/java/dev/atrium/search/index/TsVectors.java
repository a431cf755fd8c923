package dev.atrium.search.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL {@code tsvector} values written as text, for words already split the way search splits
 * them ({@link Words#expand}): the same value {@code to_tsvector('simple', ...)} would compute for
 * them, with positions running on from one text to the next as {@code ||} makes them. Computed here, a
 * rebuild's rows cost the database a parse of this text instead of running its text parser on every
 * field of every document (most of a rebuild's database time). Texts are cut at 8,000 characters, so
 * the limits below (positions past 16,383, more than 255 of one word) only touch pathological texts,
 * where the vector keeps every word but fewer of its positions than PostgreSQL's own would.
 */
final class TsVectors {

	/** PostgreSQL keeps positions up to this; later ones are stored as this. */
	private static final int MAX_POSITION = 16_383;

	/** Positions kept per word, as {@code to_tsvector} keeps them. */
	private static final int MAX_POSITIONS = 255;

	/** Longest word PostgreSQL indexes, in bytes; longer ones are left out, as its parser does. */
	private static final int MAX_WORD = 2_047;

	private TsVectors() {
	}

	/** A text and the weight of its words (A, B, C or D). */
	record Part(String words, char weight) {
	}

	/** The tsvector of these parts, in order, as text. */
	static String of(Part... parts) {
		Map<String, List<String>> positions = new LinkedHashMap<>();
		int position = 0;
		for (Part part : parts) {
			String words = part.words();
			int n = words.length();
			int i = 0;
			while (i < n) {
				while (i < n && words.charAt(i) == ' ') {
					i++;
				}
				int end = i;
				while (end < n && words.charAt(end) != ' ') {
					end++;
				}
				if (end > i) {
					String word = words.substring(i, end);
					position++;
					if (word.length() * 4 > MAX_WORD && word.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_WORD) {
						i = end;
						continue;
					}
					List<String> at = positions.computeIfAbsent(word, w -> new ArrayList<>(2));
					int clamped = Math.min(position, MAX_POSITION);
					if (at.size() < MAX_POSITIONS && !(at.isEmpty() ? "" : at.get(at.size() - 1)).startsWith(clamped + "")) {
						at.add(clamped + String.valueOf(part.weight()));
					}
				}
				i = end;
			}
		}
		StringBuilder out = new StringBuilder(positions.size() * 16);
		positions.forEach((word, at) -> {
			if (!out.isEmpty()) {
				out.append(' ');
			}
			// Words are letters and digits only (Words.parts): nothing in them needs escaping.
			out.append('\'').append(word).append("':").append(String.join(",", at));
		});
		return out.toString();
	}

}
