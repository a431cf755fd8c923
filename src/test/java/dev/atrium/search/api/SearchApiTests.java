package dev.atrium.search.api;

import java.util.ArrayList;
import java.util.List;

import dev.atrium.search.SearchApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Backstage's search query API, answered as its search backend does, and its errors in Backstage's shape. */
class SearchApiTests extends SearchApplicationTest {

	@BeforeEach
	void demoIndexed() {
		awaitDemoIndexed();
	}

	@Test
	void answersInBackstagesShapeWithHighlights() {
		JsonNode body = query("payment gateway", "types%5B0%5D=software-catalog");

		JsonNode first = body.get("results").get(0);
		assertThat(first.get("type").asString()).isEqualTo("software-catalog");
		assertThat(first.get("rank").asInt()).isEqualTo(1);
		JsonNode document = first.get("document");
		assertThat(document.get("title").asString()).isEqualTo("Payment gateway");
		assertThat(document.get("location").asString()).isEqualTo("/catalog/default/component/payment-gateway");
		assertThat(document.get("text").asString()).contains("card payments");
		assertThat(document.get("kind").asString()).isEqualTo("Component");
		assertThat(document.get("owner").asString()).as("owners in full, whichever source wrote them")
			.isEqualTo("group:default/payments-team");
		assertThat(document.get("lifecycle").asString()).isEqualTo("production");
		assertThat(document.get("tag").isArray()).isTrue();
		JsonNode highlight = first.get("highlight");
		String pre = highlight.get("preTag").asString();
		String post = highlight.get("postTag").asString();
		assertThat(pre).matches("<[0-9a-f-]{36}>");
		assertThat(post).isEqualTo("</" + pre.substring(1));
		assertThat(highlight.get("fields").get("title").asString()).isEqualTo(pre + "Payment" + post + " " + pre + "gateway" + post);
		assertThat(body.get("numberOfResults").asLong()).isPositive();
		assertThat(body.has("nextPageCursor")).isTrue();
		assertThat(body.has("previousPageCursor")).isTrue();
	}

	@Test
	void pagesWithBackstagesCursors() {
		JsonNode one = query("team", "pageLimit=2");
		assertThat(one.get("results")).hasSize(2);
		assertThat(one.get("previousPageCursor").isNull()).isTrue();
		String next = one.get("nextPageCursor").asString();
		assertThat(next).isEqualTo("MQ=="); // base64 of "1", as Backstage's Postgres engine writes it

		JsonNode two = query("team", "pageLimit=2&pageCursor=" + encode(next));
		assertThat(two.get("results").get(0).get("rank").asInt()).isEqualTo(3);
		assertThat(two.get("previousPageCursor").asString()).isEqualTo("MA==");
		List<String> seen = new ArrayList<>(one.get("results").findValuesAsString("location"));
		assertThat(seen).doesNotContainAnyElementsOf(two.get("results").findValuesAsString("location"));
	}

	@Test
	void filtersByFacetsAnyValueOfAKeyAndEveryKey() {
		JsonNode apis = query("payments", "filters%5Bkind%5D=API");
		assertThat(apis.get("results").findValuesAsString("kind")).isNotEmpty().containsOnly("API");

		JsonNode apisOrResources = query("payments", "filters[kind][]=api&filters[kind][]=resource");
		assertThat(apisOrResources.get("results").findValuesAsString("kind")).contains("API", "Resource").doesNotContain("Component");

		JsonNode owned = query("", "filters[kind]=component&filters[owner]=payments-team");
		assertThat(owned.get("results").findValuesAsString("location")).contains("/catalog/default/component/payment-gateway",
				"/catalog/default/component/fraud-scoring").doesNotContain("/catalog/default/component/checkout-service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pageLimit=0", "pageLimit=101", "pageLimit=99999999999", "pageLimit=ten", "pageCursor=%21%21",
			"pageCursor=LTE%3D", "pageCursor=OTk5OTk5OTk5OTk%3D", "types[]=nope", "types[]=%00", "filters=kind", "filters[a%20b]=x",
			"filters[kind]=%00", "filters[kind]=comp%00onent" })
	void refusesBadParametersInBackstagesErrorShape(String parameters) {
		Response r = get("/api/search/query?term=payment&" + parameters);

		assertThat(r.status()).as(parameters).isEqualTo(400);
		JsonNode error = r.json();
		assertThat(error.get("error").get("name").asString()).isEqualTo("InputError");
		assertThat(error.get("error").get("message").asString()).isNotBlank();
		assertThat(error.get("response").get("statusCode").asInt()).isEqualTo(400);
		assertThat(error.get("request").get("url").asString()).isEqualTo("/api/search/query");
	}

	@Test
	void refusesATermTooLong() {
		Response r = get("/api/search/query?term=" + "a".repeat(501));

		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("error").get("message").asString()).contains("too long");
	}

	@Test
	void queriesWithSyntaxCharactersAreWordsNotErrors() {
		for (String term : List.of("payment & | ! ( ) : * '", "\\\"", "-", "OR", "\"\"", "pay:* | !", "'; DROP TABLE x; --", "-api",
				"-\"card payments\"", "- -", "-OR")) {
			Response r = get("/api/search/query?term=" + encode(term));
			assertThat(r.status()).as(term).isEqualTo(200);
		}
		assertThat(query("payment & | ! ( ) : *", null).get("results").findValuesAsString("location"))
			.contains("/catalog/default/component/payment-gateway");
	}

	@Test
	void aQueryThatOnlyExcludesListsEverythingElse() {
		JsonNode notApi = query("-api", "pageLimit=100");
		assertThat(notApi.get("numberOfResults").asLong()).isPositive();
		assertThat(notApi.get("results").findValuesAsString("location")).isNotEmpty()
			.contains("/catalog/default/component/payment-gateway")
			.doesNotContain("/catalog/default/api/checkout-api", "/catalog/labs/api/lyrics-api");

		JsonNode notCards = query("-\"card payments\"", "filters[kind]=component&pageLimit=100");
		assertThat(notCards.get("results").findValuesAsString("location")).contains("/catalog/default/component/checkout-service")
			.doesNotContain("/catalog/default/component/payment-gateway");
	}

	@Test
	void controlCharactersInATermAreSpaces() {
		assertThat(query("payment\u0000gateway", null).get("results").findValuesAsString("location"))
			.contains("/catalog/default/component/payment-gateway");
		assertThat(get("/api/search/query?term=pay%00").status()).isEqualTo(200);
		assertThat(get("/api/search/query?term=%00").status()).isEqualTo(200);
	}

	@Test
	void oddQueriesAreAnswersOrInputErrorsNeverFailures() {
		for (String term : OddQueries.ALL) {
			Response api = get("/api/search/query?term=" + encode(term));
			assertThat(api.status()).as("API, %s", term).isIn(200, 400);
			if (api.status() == 400) {
				assertThat(api.json().get("error").get("name").asString()).isEqualTo("InputError");
			}
			assertThat(get("/search?term=" + encode(term)).status()).as("page, %s", term).isEqualTo(200);
			assertThat(get("/search?term=" + encode(term), "HX-Request", "true").status()).as("htmx, %s", term).isEqualTo(200);
			assertThat(get("/search/suggestions?term=" + encode(term)).status()).as("suggestions, %s", term).isEqualTo(200);
		}
	}

	@Test
	void aQueryWithoutAnyWordFindsNothing() {
		for (String term : List.of("🚀🔥", "!!!", "- \" :* &|!", "()")) {
			JsonNode body = query(term, null);
			assertThat(body.get("results")).as(term).isEmpty();
			assertThat(body.get("numberOfResults").asLong()).as(term).isZero();
		}
	}

}
