package dev.atrium.search.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.SearchDocument;
import dev.atrium.search.SearchApplicationTest;
import dev.atrium.search.query.SearchParameters;
import dev.atrium.search.query.Searcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broad query over more documents than search ranks at once: the better matches are ranked whatever
 * order the documents were stored in, pages never repeat nor skip, counts say they stop at the limit, and
 * a cursor past the last page is an empty page, not an expensive query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPagingTests extends SearchApplicationTest {

	/** More text matches than a query reads ({@link Searcher#COUNT_LIMIT}). */
	private static final int MANY = Searcher.COUNT_LIMIT * 2 + 50;

	private final List<String> ids = new ArrayList<>();

	@BeforeAll
	void manyMatches() {
		awaitDemoIndexed();
		List<SearchDocument> documents = new ArrayList<>();
		for (int i = 0; i < MANY; i++) {
			String id = "batch-%04d".formatted(i);
			documents.add(new SearchDocument(id, id, id, "Moves zymurgic ledger rows.", "/workflows/" + id,
					Map.of("kind", List.of("Pipeline"), "tag", List.of("t" + i % 30))));
		}
		// Stored last: the one whose name holds one of the words, so the best of the rest.
		documents.add(new SearchDocument("ledger-keeper", "ledger-keeper", "ledger-keeper", "Keeps the zymurgic books.",
				"/workflows/ledger-keeper", Map.of("kind", List.of("Pipeline"))));
		documents.forEach(d -> ids.add(d.id()));
		for (int i = 0; i < documents.size(); i += 500) {
			pipelines.putAll(documents.subList(i, Math.min(documents.size(), i + 500)));
		}
		Awaitility.await().atMost(Duration.ofSeconds(60))
			.until(() -> locations("ledger-keeper").contains("/workflows/ledger-keeper")
					&& locations("batch-%04d".formatted(MANY - 1)).contains("/workflows/batch-%04d".formatted(MANY - 1)));
	}

	@AfterAll
	void removeThem() {
		pipelines.removeAll(ids);
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> query("zymurgic", null).get("results").isEmpty());
	}

	@Test
	void theBestOfManyTextMatchesIsRankedFirstWhereverItWasStored() {
		assertThat(locations("zymurgic ledger").get(0)).isEqualTo("/workflows/ledger-keeper");
	}

	@Test
	void pagesNeverRepeatNorSkipAndStopAtTheCountLimit() {
		Set<String> seen = new LinkedHashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = query("zymurgic ledger", "pageLimit=25" + (cursor == null ? "" : "&pageCursor=" + encode(cursor)));
			assertThat(page.get("numberOfResults").asLong()).isEqualTo(Searcher.COUNT_LIMIT);
			List<String> locations = page.get("results").findValuesAsString("location");
			assertThat(locations).hasSize(25);
			locations.forEach(l -> assertThat(seen.add(l)).as("%s repeated on page %d", l, pagesSeen(seen)).isTrue());
			cursor = page.get("nextPageCursor").isNull() ? null : page.get("nextPageCursor").asString();
			pages++;
		}
		while (cursor != null && pages < 20);
		assertThat(pages).isEqualTo(Searcher.MAX_RESULTS / 25);
		assertThat(seen).hasSize(Searcher.MAX_RESULTS);
		assertThat(query("zymurgic ledger", "pageLimit=25&pageCursor=" + encode(SearchParameters.cursor(2)))
			.get("results").findValuesAsString("location")).as("the same page twice")
			.containsExactlyElementsOf(new ArrayList<>(seen).subList(50, 75));
	}

	@Test
	void aCursorPastTheLastPageIsAnEmptyPage() {
		for (int page : List.of(10, 40, 10_000)) {
			JsonNode body = query("zymurgic", "pageLimit=100&pageCursor=" + encode(SearchParameters.cursor(page)));
			assertThat(body.get("results")).as("page %d", page).isEmpty();
			assertThat(body.get("nextPageCursor").isNull()).isTrue();
			assertThat(body.get("previousPageCursor").isNull()).isFalse();
		}
		JsonNode last = query("zymurgic", "pageLimit=30&pageCursor=" + encode(SearchParameters.cursor(3)));
		assertThat(last.get("results")).as("the results up to the limit, and no page after").hasSize(10);
		assertThat(last.get("nextPageCursor").isNull()).isTrue();
	}

	@Test
	void thePageSaysCountsStopAtTheLimit() {
		String page = get("/search?term=zymurgic").body();
		assertThat(page).contains("100+", "id=\"facet-note\"", "Counts are of the first 100 matches");
		assertThat(get("/search?term=zymurgic&page=60").body()).contains("id=\"search-empty\"", "No more results")
			.doesNotContain("id=\"next-page\"");
		assertThat(get("/search?term=ledger-keeper").body()).doesNotContain("id=\"facet-note\"");
	}

	private static int pagesSeen(Set<String> seen) {
		return seen.size() / 100;
	}

}
