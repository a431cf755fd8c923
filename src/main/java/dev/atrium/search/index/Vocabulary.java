package dev.atrium.search.index;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import dev.atrium.platform.SearchDocument;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The words typos are corrected to ({@code search_words}, read by the query side's spelling): those of
 * every document's title, name and text, each with the newest generation that wrote it, so a rebuild
 * can forget the words no live document holds any more.
 */
@Component
public class Vocabulary {

	private final JdbcClient jdbc;

	Vocabulary(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds the words of documents written into a generation to the words typos are corrected to, noting
	 * the generation. Called once per transaction, after its writes: one statement locks its words in
	 * order, so two transactions adding words never deadlock.
	 */
	void add(long generation, Collection<SearchDocument> documents) {
		Set<String> words = new TreeSet<>();
		for (SearchDocument d : documents) {
			words.addAll(Words.vocabulary(d.title()));
			words.addAll(Words.vocabulary(d.name()));
			words.addAll(Words.vocabulary(d.text()));
		}
		if (!words.isEmpty()) {
			jdbc.sql("""
					INSERT INTO search_words (word, seen_generation) SELECT unnest(?::text[]), ?
					ON CONFLICT (word) DO UPDATE SET seen_generation = excluded.seen_generation
					WHERE search_words.seen_generation < excluded.seen_generation""")
				.params(words.toArray(String[]::new), generation)
				.update();
		}
	}

	/**
	 * Forgets the words no live document can hold: every live document was written by its generation's
	 * build or later, which noted its words with that generation or a newer one.
	 */
	int prune() {
		return jdbc.sql("DELETE FROM search_words WHERE seen_generation < (SELECT min(live_generation) FROM search_sources)")
			.update();
	}

}
