package dev.atrium.search.web;

import java.time.Duration;

import dev.atrium.search.SearchApplicationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search page and the header's suggestions over HTTP: the whole page, only the results for htmx,
 * the suggestions fragment, a helpful empty state, and hostile documents rendered harmless.
 */
class SearchPageTests extends SearchApplicationTest {

	@BeforeEach
	void demoIndexed() {
		awaitDemoIndexed();
	}

	@Test
	void pageShowsResultsWithFacetsAndHighlights() {
		Response page = get("/search?term=payment+gateway");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<nav class=\"sidebar\"", "id=\"search-results\"", "data-facet=\"kind\"",
				"href=\"/catalog/default/component/payment-gateway\"", "<mark>Payment</mark>");
	}

	@Test
	void htmxGetsOnlyTheResults() {
		Response fragment = get("/search?term=checkout", "HX-Request", "true");

		assertThat(fragment.status()).isEqualTo(200);
		assertThat(fragment.body()).contains("id=\"search-results\"", "/catalog/default/component/checkout-service")
			.doesNotContain("<nav class=\"sidebar\"")
			.doesNotContain("<html");
	}

	@Test
	void suggestionsAreAFragmentOfOptions() {
		Response suggestions = get("/search/suggestions?term=paymnet", "HX-Request", "true");

		assertThat(suggestions.status()).isEqualTo(200);
		assertThat(suggestions.body()).contains("role=\"option\"", "href=\"/catalog/default/component/payment-gateway\"",
				"id=\"suggestion-all\"").doesNotContain("<nav");
		assertThat(get("/search/suggestions?term=").body()).doesNotContain("role=\"option\"");
	}

	@Test
	void suggestionsFindTheStartOfANameAndAWordInsideOne() {
		String start = get("/search/suggestions?term=Payment-Ga", "HX-Request", "true").body();
		assertThat(start).as("the start of a name, any case").contains("href=\"/catalog/default/component/payment-gateway\"");

		String inside = get("/search/suggestions?term=gateway", "HX-Request", "true").body();
		assertThat(inside).as("a word inside a name, found by the ranked match")
			.contains("href=\"/catalog/default/component/payment-gateway\"");
	}

	@Test
	void anEmptySearchTeachesHowToSearchAndATypoSuggestsASpelling() {
		assertThat(get("/search").body()).contains("id=\"search-help\"", "stripe OR adyen");

		Response none = get("/search?term=paymnet+xylophone");
		assertThat(none.body()).contains("id=\"search-empty\"", "did you mean", "paymnet xylophone")
			.contains("term=payment%20xylophone");
	}

	@Test
	void hostileDocumentsAreEscapedAndNeverLinkedToScripts() {
		pipelines.put("<script>alert('pwned')</script>", "<img src=x onerror=alert(1)> quokkaplatypus");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> get("/search?term=quokkaplatypus").body().contains("search-hit"));

		String page = get("/search?term=quokkaplatypus+script").body();
		assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
		String suggestions = get("/search/suggestions?term=script").body();
		assertThat(suggestions).doesNotContain("<script>alert");
		pipelines.remove("<script>alert('pwned')</script>");
	}

	@Test
	void aTooLongSearchIsAnErrorOnThePageNotAFailure() {
		Response page = get("/search?term=" + "a".repeat(600));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("too long");
	}

}
