package dev.atrium.search.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.atrium.platform.SearchDocument;
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
	void linksWrittenForOtherPortalsSearchToo() {
		for (String words : List.of("query=payment+gateway", "q=payment+gateway")) {
			String page = get("/search?" + words).body();
			assertThat(page).as(words).contains("value=\"payment gateway\"", "payment-gateway").doesNotContain("id=\"search-help\"");
		}
		assertThat(get("/search?term=checkout&q=payment").body()).as("term wins").contains("value=\"checkout\"");
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

		String typo = get("/search/suggestions?term=paymnet-ga", "HX-Request", "true").body();
		assertThat(typo).as("a typo in the start of a name typed with its separators")
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

	@Test
	void tooManyWordsIsAMessageOnThePageAndInTheSuggestions() {
		String words = encode("x ".repeat(25).strip());

		Response page = get("/search?term=" + words);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("too many words (at most 24)").doesNotContain("id=\"search-hits\"");
		assertThat(get("/search?term=" + words, "HX-Request", "true").body()).contains("too many words");
		Response suggestions = get("/search/suggestions?term=" + words, "HX-Request", "true");
		assertThat(suggestions.status()).isEqualTo(200);
		assertThat(suggestions.body()).contains("role=\"alert\"", "too many words", "id=\"suggestion-all\"");
	}

	@Test
	void punctuationOrEmojiOnlyIsTheEmptyStateNotEverything() {
		for (String term : List.of("🚀🔥", "!!!", "- \" :*")) {
			String page = get("/search?term=" + encode(term)).body();
			assertThat(page).as(term).contains("id=\"search-empty\"").doesNotContain("id=\"search-hits\"");
		}
	}

	@Test
	void aControlCharacterInAParameterIsIgnored() {
		for (String query : List.of("kind=%00", "term=pay%00&kind=%00", "tag=c%00%2B%2B", "owner=%00")) {
			assertThat(get("/search?" + query).status()).as(query).isEqualTo(200);
		}
		assertThat(get("/search?term=payment%00gateway").body()).contains("href=\"/catalog/default/component/payment-gateway\"");
	}

	@Test
	void facetValuesWithReservedCharactersFilterByThemselves() {
		pipelines.putAll(List.of(
				new SearchDocument("cpp-quetzal", "cpp-quetzal", "cpp-quetzal", "Builds the quetzal engine.", "/workflows/cpp-quetzal",
						Map.of("kind", List.of("Pipeline"), "tag", List.of("c++", "r&d #1"))),
				new SearchDocument("c-quetzal", "c-quetzal", "c-quetzal", "Builds the quetzal tools.", "/workflows/c-quetzal",
						Map.of("kind", List.of("Pipeline"), "tag", List.of("c", "r")))));
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> locations("quetzal").size() == 2);

		for (String tag : List.of("c++", "r&d #1")) {
			String page = get("/search?term=quetzal").body();
			Matcher link = Pattern.compile("<a href=\"([^\"]+)\"[^>]*data-value=\"" + Pattern.quote(tag.replace("&", "&amp;")) + "\"")
				.matcher(page);
			assertThat(link.find()).as("a facet link for %s", tag).isTrue();
			String filtered = get(link.group(1).replace("&amp;", "&")).body();
			assertThat(filtered).as(tag)
				.contains("href=\"/workflows/cpp-quetzal\"")
				.doesNotContain("href=\"/workflows/c-quetzal\"")
				.contains("aria-pressed=\"true\" data-value=\"" + tag.replace("&", "&amp;") + "\"");
		}
		pipelines.removeAll(List.of("cpp-quetzal", "c-quetzal"));
	}

	@Test
	void anOwnerIsOneFacetValueWhicheverSourceWroteIt() {
		// The workflows source writes owners in full; the catalog writes them as people do (payments-team).
		pipelines.putAll(List.of(new SearchDocument("owned-zebrafinch", "owned-zebrafinch", "owned-zebrafinch",
				"Reconciles zebrafinch payments.", "/workflows/owned-zebrafinch",
				Map.of("kind", List.of("Pipeline"), "owner", List.of("group:default/payments-team")))));
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> locations("zebrafinch").size() == 1);

		for (String owner : List.of("payments-team", "group:default/payments-team", "Group:payments-team")) {
			assertThat(query("zebrafinch OR gateway", "filters[owner]=" + encode(owner)).get("results").findValuesAsString("location"))
				.as(owner)
				.contains("/workflows/owned-zebrafinch", "/catalog/default/component/payment-gateway");
		}
		String page = get("/search?term=zebrafinch+OR+gateway&owner=payments-team").body();
		assertThat(page).contains("href=\"/workflows/owned-zebrafinch\"", "href=\"/catalog/default/component/payment-gateway\"")
			.doesNotContain("data-value=\"payments-team\"");
		Matcher owners = Pattern.compile("data-value=\"group:default/payments-team\"[^>]*>\\s*<span[^>]*>[^<]*</span>\\s*"
				+ "<span class=\"facet-label\">([^<]*)</span>").matcher(page);
		assertThat(owners.find()).as("one owner facet value, shown short").isTrue();
		assertThat(owners.group(1)).isEqualTo("payments-team");
		assertThat(owners.find()).isFalse();
		pipelines.remove("owned-zebrafinch");
	}

	@Test
	void aPluginsLowerCaseKindReadsLikeTheCatalogsKinds() {
		pipelines.putAll(List.of(new SearchDocument("kinded-okapi", "kinded-okapi", "kinded-okapi", "Loads okapi sightings.",
				"/workflows/kinded-okapi", Map.of("kind", List.of("pipeline")))));
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> locations("okapi").size() == 1);

		String page = get("/search?term=okapi").body();

		assertThat(page).contains("<span class=\"facet-label\">Pipeline</span>").doesNotContain(">pipeline</span>");
		assertThat(get("/search?term=okapi&kind=Pipeline").body()).as("either spelling filters")
			.contains("href=\"/workflows/kinded-okapi\"");
		pipelines.remove("kinded-okapi");
	}

}
