package dev.atrium.search.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The indexed words ({@code search_words}) in memory, read again every ten seconds: what a word typed
 * as a prefix stands for. PostgreSQL answers {@code 'stab':*} by walking every indexed term that starts
 * so (names are also indexed as joined neighbours, {@code stableitem}, {@code stablewarehouse}, …) and
 * merging their document lists: tens of milliseconds for a common word. The query asks for the few
 * words it can mean instead, each a direct lookup. A word not read yet (indexed in the last ten
 * seconds) is asked for as typed beside them; one held by no word here (digits, one or two letters, new
 * words) stays a prefix query.
 */
@Component
public class Lexicon {

	private static final Logger log = LoggerFactory.getLogger(Lexicon.class);

	/** Beyond this many words, prefixes stay prefix queries (the set would cost more memory than it saves). */
	static final int MAX_WORDS = 500_000;

	/** Words a prefix stands for, at most: the shortest that start with it. */
	static final int EXPANSIONS = 6;

	private final JdbcClient jdbc;

	private volatile NavigableSet<String> words;

	Lexicon(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The words a word typed as a prefix stands for: itself (indexed or not: it may be new since the last
	 * read), then the shortest indexed words starting with it, at most {@link #EXPANSIONS} in all; null
	 * when it must stay a prefix query (no word held here starts with it).
	 */
	public List<String> expansions(String prefix) {
		NavigableSet<String> all = loaded();
		if (all == null || all.isEmpty() || !held(prefix)) {
			return null;
		}
		NavigableSet<String> starting = all.subSet(prefix, true, prefix + Character.MAX_VALUE, false);
		if (starting.isEmpty()) {
			return null;
		}
		List<String> candidates = new ArrayList<>();
		candidates.add(prefix);
		for (String word : starting.tailSet(prefix, false)) {
			candidates.add(word);
			if (candidates.size() == 256) {
				break;
			}
		}
		candidates.subList(1, candidates.size()).sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
		return List.copyOf(candidates.subList(0, Math.min(EXPANSIONS, candidates.size())));
	}

	/** Whether some indexed word starts with this one, as far as this instance knows (false: ask the database). */
	public boolean knownPrefix(String prefix) {
		NavigableSet<String> all = loaded();
		if (all == null) {
			return false;
		}
		String next = all.ceiling(prefix);
		return next != null && next.startsWith(prefix);
	}

	/**
	 * The words as last read, as an object that stays the same while they do: what is derived from them
	 * (corrections of typos) may be kept until it changes; null when none are held (too many, or none read).
	 */
	public Object version() {
		NavigableSet<String> all = loaded();
		return all == null || all.isEmpty() ? null : all;
	}

	private NavigableSet<String> loaded() {
		NavigableSet<String> current = words;
		if (current == null) {
			synchronized (this) {
				if (words == null) {
					reload();
				}
				current = words;
			}
		}
		return current;
	}

	@Scheduled(fixedDelayString = "${atrium.search.lexicon-refresh:10s}", initialDelayString = "${atrium.search.lexicon-refresh:10s}")
	void reload() {
		try {
			List<String> all = jdbc.sql("SELECT word FROM search_words LIMIT " + (MAX_WORDS + 1)).query(String.class).list();
			NavigableSet<String> read = all.size() > MAX_WORDS ? Collections.emptyNavigableSet()
					: Collections.unmodifiableNavigableSet(new TreeSet<>(all));
			if (!read.equals(words)) {
				words = read; // a new version: what was derived from the words before is dropped (see version())
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the search vocabulary; prefixes stay prefix queries until the next try: {}", ex.getMessage());
			if (words == null) {
				words = Collections.emptyNavigableSet();
			}
		}
	}

	/** Whether this set can hold the word: letters only, as {@code search_words} keeps them. */
	private static boolean held(String word) {
		return word.length() >= 3 && word.length() <= 40 && word.chars().allMatch(Character::isLetter);
	}

}
