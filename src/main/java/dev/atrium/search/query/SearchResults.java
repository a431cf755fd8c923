package dev.atrium.search.query;

import java.util.List;
import java.util.Map;

/**
 * A page of results with what narrows them.
 *
 * @param results this page, best first
 * @param page zero-based page
 * @param more whether another page follows
 * @param total how many documents match (counted up to {@link Searcher#COUNT_LIMIT})
 * @param facets counts per facet key ({@code type} for the result type, then {@code kind}, {@code owner}, ...)
 * @param didYouMean the query with its typos corrected, when a word matched nothing as typed
 */
public record SearchResults(List<SearchResult> results, int page, boolean more, long total,
		Map<String, List<FacetCount>> facets, String didYouMean) {

	/** How many results carry a facet value. */
	public record FacetCount(String value, long count) {
	}

	/** Whether {@link #total} reached the counting limit. */
	public boolean totalAtLeast() {
		return total >= Searcher.COUNT_LIMIT;
	}

}
