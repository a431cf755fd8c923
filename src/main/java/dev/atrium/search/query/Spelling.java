package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Typo tolerance: a query word that no indexed word starts with is matched by its nearest indexed
 * words as well. Candidates come from the trigram index on the words of names, titles and texts
 * (nearest first); a candidate is kept when it, or its beginning as long as the word typed, is at most
 * one edit away (two for words of six letters or more), a swap of two letters counting as one.
 */
@Component
public class Spelling {

	private static final int CANDIDATES = 12;

	private static final int KEEP = 3;

	/** Words whose corrections are kept, at most; beyond, the kept ones are dropped and kept anew. */
	static final int KEPT_WORDS = 20_000;

	private final JdbcClient jdbc;

	private final Lexicon lexicon;

	/**
	 * Corrections found, per word typed (none: an empty list), for one version of the lexicon: the same
	 * typos come back (people mistype the same names), and finding them is a walk of the trigram index.
	 */
	private volatile Kept kept = new Kept(null, new ConcurrentHashMap<>());

	private record Kept(Object version, Map<String, List<String>> byWord) {
	}

	Spelling(SearchConnections connections, Lexicon lexicon) {
		this.jdbc = connections.jdbc();
		this.lexicon = lexicon;
	}

	/** For each word typed that looks like a typo, the words it probably meant, best first. */
	public Map<String, List<String>> corrections(Collection<String> words) {
		List<String> candidates = words.stream()
			.filter(w -> w.length() >= 3 && w.length() <= 40 && w.chars().allMatch(Character::isLetter))
			.filter(w -> !lexicon.knownPrefix(w))
			.distinct()
			.toList();
		Map<String, List<String>> corrections = new LinkedHashMap<>();
		if (candidates.isEmpty()) {
			return corrections;
		}
		Kept now = kept();
		List<String> unknown = new ArrayList<>();
		for (String word : candidates) {
			List<String> found = now.byWord().get(word);
			if (found == null) {
				unknown.add(word);
			}
		}
		if (!unknown.isEmpty()) {
			Map<String, List<String>> found = find(unknown);
			for (String word : unknown) {
				now.byWord().put(word, found.getOrDefault(word, List.of()));
			}
		}
		for (String word : candidates) {
			List<String> found = now.byWord().get(word);
			if (found != null && !found.isEmpty()) {
				corrections.put(word, found);
			}
		}
		return corrections;
	}

	private Kept kept() {
		Object version = lexicon.version();
		Kept now = kept;
		if (version == null) {
			return new Kept(null, new java.util.HashMap<>()); // no lexicon to tell when they change: none kept
		}
		if (now.version() != version || now.byWord().size() > KEPT_WORDS) {
			now = new Kept(version, new ConcurrentHashMap<>());
			kept = now;
		}
		return now;
	}

	/** Corrections of words none held here starts with, read from the index of words. */
	private Map<String, List<String>> find(List<String> candidates) {
		Map<String, List<String>> corrections = new LinkedHashMap<>();
		Set<String> known = new HashSet<>(jdbc.sql("""
				SELECT q.word FROM unnest(?::text[]) AS q(word)
				WHERE EXISTS (SELECT 1 FROM search_words w WHERE w.word >= q.word AND w.word < q.word || chr(1114111))""")
			.param(candidates.toArray(String[]::new))
			.query(String.class)
			.list());
		for (String word : candidates) {
			if (known.contains(word)) {
				continue;
			}
			List<String> near = jdbc.sql("SELECT word FROM search_words ORDER BY word <-> ? LIMIT " + CANDIDATES)
				.param(word)
				.query(String.class)
				.list();
			int allowed = word.length() >= 6 ? 2 : 1;
			List<String> best = new ArrayList<>();
			near.stream()
				.filter(c -> distance(word, c) <= allowed)
				// Nearest first; a whole word that close before a longer one only its beginning is that close to.
				.sorted(Comparator.comparingInt((String c) -> distance(word, c)).thenComparingInt(c -> osa(word, c)))
				.limit(KEEP)
				.forEach(best::add);
			if (!best.isEmpty()) {
				corrections.put(word, best);
			}
		}
		return corrections;
	}

	/** Edits between a word typed and a candidate, or the candidate's beginning (the word may be half typed). */
	static int distance(String typed, String candidate) {
		int whole = osa(typed, candidate);
		if (candidate.length() > typed.length()) {
			return Math.min(whole, osa(typed, candidate.substring(0, typed.length())));
		}
		return whole;
	}

	/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
	static int osa(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
