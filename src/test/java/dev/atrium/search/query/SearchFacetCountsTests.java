package dev.atrium.search.query;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.atrium.search.SearchApplicationTest;
import dev.atrium.search.query.SearchResults.FacetCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results page's facet counts say how the results it pages through divide: for each query (words
 * in names, words only in texts, typos, phrases, exclusions, with a filter), the kinds and owners of
 * every result, read page by page, are exactly the counts shown, and the types add up to the total.
 */
class SearchFacetCountsTests extends SearchApplicationTest {

	@Autowired
	Searcher searcher;

	@BeforeEach
	void demoIndexed() {
		awaitDemoIndexed();
	}

	@Test
	void facetCountsAreTheResultsDivided() {
		for (String term : List.of("payment", "payments team", "paymnet", "\"payment gateway\"", "service -payment", "ledger OR checkout",
				"stripe", "team")) {
			for (Map<String, List<String>> filters : List.of(Map.<String, List<String>>of(), Map.of("kind", List.of("Component")))) {
				SearchResults counted = searcher.search(new SearchRequest(term, List.of(), filters, 0, 5), true);
				List<SearchResult> all = searcher.search(new SearchRequest(term, List.of(), filters, 0, Searcher.MAX_RESULTS), false).results();
				String what = "'" + term + "' with " + filters;
				assertThat(all).as(what).isNotEmpty();
				assertThat(counted.total()).as(what).isEqualTo(all.size());
				assertThat(sum(counted.facets().get(Searcher.TYPE_FACET))).as(what).isEqualTo(all.size());
				assertThat(shown(counted.facets().get("kind"))).as("kinds of " + what).isEqualTo(divided(all, "kind"));
				Map<String, Long> owners = divided(all, "owner");
				if (owners.size() <= 12) { // the page shows a key's 12 most frequent values
					assertThat(shown(counted.facets().get("owner"))).as("owners of " + what).isEqualTo(owners);
				}
			}
		}
	}

	private static long sum(List<FacetCount> counts) {
		return counts.stream().mapToLong(FacetCount::count).sum();
	}

	private static Map<String, Long> shown(List<FacetCount> counts) {
		return counts.stream().collect(Collectors.toMap(c -> c.value().toLowerCase(), FacetCount::count, Long::sum, TreeMap::new));
	}

	private static Map<String, Long> divided(List<SearchResult> results, String key) {
		return results.stream()
			.flatMap(r -> r.facets().getOrDefault(key, List.of()).stream())
			.collect(Collectors.groupingBy(String::toLowerCase, TreeMap::new, Collectors.counting()));
	}

}
