package dev.atrium.catalog.web;

import java.time.Duration;

import dev.atrium.support.TestSignIn;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog page's owner and tag filters over the demo catalog: text boxes whose suggestions come
 * from {@code /catalog/suggestions/{facet}} (a fragment of links for htmx, a page without it), and a
 * page that no longer lists every owner and tag as an option.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogFilterSuggestionsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void demoLoaded() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("SELECT count(*) FROM catalog_entities WHERE owner = 'group:default/playback-team'")
				.query(Long.class)
				.single() > 0);
	}

	@Test
	void theBoxGetsMatchingOwnersWithCountsAsLinksToTheFilteredPage() {
		assertThat(mvc.get()
			.uri("/catalog/suggestions/owner?kind=component&type=service&owner=PAY")
			.header("HX-Request", "true")
			.with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains("role=\"option\"", ">payments-team</span>")
			.contains("href=\"/catalog?kind=component&amp;type=service&amp;owner=group:default/payments-team\"")
			.doesNotContain("playback-team")
			.doesNotContain("<html");
		assertThat(mvc.get()
			.uri("/catalog/suggestions/owner?kind=component&owner=no-such-team")
			.header("HX-Request", "true")
			.with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains("No owner matches")
			.doesNotContain("role=\"option\"");
	}

	@Test
	void tagsAreSuggestedTooAndTypedTextIsEscaped() {
		assertThat(mvc.get()
			.uri("/catalog/suggestions/tag?kind=component&tag=kot")
			.header("HX-Request", "true")
			.with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains(">kotlin</span>", "href=\"/catalog?kind=component&amp;tag=kotlin\"")
			.doesNotContain(">java</span>");
		assertThat(mvc.get()
			.uri("/catalog/suggestions/tag?kind=component&tag=<script>alert(1)</script>")
			.with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
		assertThat(mvc.get().uri("/catalog/suggestions/password").header("HX-Request", "true").with(TestSignIn.token()))
			.hasStatus(404);
	}

	@Test
	void withoutJavaScriptTheSuggestionsAreAPageToBrowse() {
		assertThat(mvc.get().uri("/catalog/suggestions/owner?kind=component").with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains("<html", "<h1>Owners</h1>", ">playback-team</span>", ">payments-team</span>",
					"href=\"/catalog?kind=component&amp;owner=group:default/playback-team\"");
	}

	@Test
	void thePageHasBoxesForOwnerAndTagAndATypedOwnerNameFilters() {
		assertThat(mvc.get().uri("/catalog?kind=component").with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains("id=\"filter-owner\"", "hx-get=\"/catalog/suggestions/owner\"", "id=\"filter-tag\"",
					"hx-get=\"/catalog/suggestions/tag\"", "href=\"/catalog/suggestions/owner?kind=component\"",
					"<script src=\"/catalog/filters.js\" defer></script>")
			.doesNotContain("All owners")
			.doesNotContain("All tags");
		assertThat(mvc.get().uri("/catalog?kind=component&owner=payments-team").with(TestSignIn.token())).hasStatusOk()
			.bodyText()
			.contains("data-ref=\"component:default/payment-gateway\"", "data-ref=\"component:default/fraud-scoring\"")
			.contains("value=\"group:default/payments-team\"")
			.doesNotContain("data-ref=\"component:default/recommendations\"");
	}

}
