package dev.atrium.catalog.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What the entity queries make of the fields, cursors and facets clients send: keys ignore case as in
 * Backstage ({@code apiVersion}, {@code spec.profile.displayName}), and whatever is malformed is a 400
 * InputError, never a server error or an answer cut short.
 */
class EntityQueryInputTests extends CatalogApplicationTest {

	@BeforeEach
	void catalog() {
		String yaml = documents(component("svc-a-" + token, "team-" + token).replace("  owner:", "  costCentre: CC-1\n  owner:"),
				component("svc-b-" + token, "team-" + token).replace("  owner:", "  costCentre: CC-2\n  owner:"), """
						apiVersion: example.com/v1
						kind: Environment
						metadata: {name: env-%1$s}
						spec: {costCentre: CC-1}
						""".formatted(token), user("u1-" + token, "Zed Person"), user("u2-" + token, "Amy Person"))
			.replace("metadata:\n  name:", "metadata:\n  tags: [" + token + "]\n  name:")
			.replace("metadata: {name:", "metadata: {tags: [" + token + "], name:");
		registerFile(write("catalog-info.yaml", yaml));
	}

	@Test
	void apiVersionFiltersMatchWhateverTheCaseOfTheKey() {
		String tag = "metadata.tags=" + token;

		assertThat(names("/api/catalog/entities?filter=apiVersion=backstage.io/v1alpha1," + tag)).hasSize(4);
		assertThat(names("/api/catalog/entities?filter=APIVERSION=BACKSTAGE.IO/V1ALPHA1," + tag)).hasSize(4);
		assertThat(names("/api/catalog/entities?filter=apiversion=example.com/v1," + tag)).containsExactly("env-" + token);
		assertThat(total(api("POST", "/api/catalog/entities/by-query", """
				{"query": {"$all": [{"apiVersion": "example.com/v1"}, {"metadata.tags": "%s"}]}}""".formatted(token))))
			.isEqualTo(1);
		assertThat(total(api("POST", "/api/catalog/entities/by-query", """
				{"query": {"$all": [{"ApiVersion": {"$hasPrefix": "backstage.io/"}}, {"metadata.tags": "%s"}]}}"""
			.formatted(token)))).isEqualTo(4);
	}

	@Test
	void camelCaseFieldsFacetSortAndSearchWhateverTheCaseTheyAreGivenIn() {
		JsonNode facets = get("/api/catalog/entity-facets?facet=spec.profile.displayname&facet=spec.costcentre&filter=metadata.tags="
				+ token).json().at("/facets");
		assertThat(counts(facets.at("/spec.profile.displayname"))).containsExactly(entry("Amy Person", 1L),
				entry("Zed Person", 1L));
		assertThat(counts(facets.at("/spec.costcentre"))).containsExactly(entry("CC-1", 2L), entry("CC-2", 1L));

		assertThat(itemNames(get("/api/catalog/entities/by-query?filter=kind=user,metadata.tags=" + token
				+ "&orderField=spec.profile.DISPLAYNAME,asc"))).containsExactly("u2-" + token, "u1-" + token);
		assertThat(itemNames(get("/api/catalog/entities/by-query?filter=kind=user,metadata.tags=" + token
				+ "&orderField=spec.profile.displayname,desc"))).containsExactly("u1-" + token, "u2-" + token);
		assertThat(names("/api/catalog/entities?filter=kind=component,metadata.tags=" + token + "&order=desc:SPEC.COSTCENTRE"))
			.containsExactly("svc-b-" + token, "svc-a-" + token);
		assertThat(itemNames(get("/api/catalog/entities/by-query?filter=metadata.tags=" + token
				+ "&fullTextFilterTerm=amy&fullTextFilterFields=spec.profile.displayname"))).containsExactly("u2-" + token);
	}

	@Test
	void malformedFieldsAreA400BeforeAnyAnswerStarts() {
		for (String path : List.of("/api/catalog/entities?order=asc:metadata..name",
				"/api/catalog/entities?order=desc:.metadata.name&limit=5", "/api/catalog/entities?order=asc:spec.",
				"/api/catalog/entities/by-query?orderField=metadata..name,asc",
				"/api/catalog/entities/by-query?fullTextFilterTerm=x&fullTextFilterFields=spec..owner",
				"/api/catalog/entity-facets?facet=kind&facet=spec..owner", "/api/catalog/entity-facets?facet=.kind")) {
			assertInputError(get(path), path);
		}
	}

	@Test
	void facetsNeedAFacet() {
		Response none = get("/api/catalog/entity-facets?filter=kind=component");

		assertInputError(none, "no facet");
		assertThat(none.json().at("/error/message").asString()).contains("facet");
		assertInputError(api("POST", "/api/catalog/entity-facets", "{\"query\": {\"kind\": \"component\"}}"), "no facets");
	}

	@Test
	void malformedCursorsAreA400() {
		String tag = "\"filter\": [\"metadata.tags=" + token + "\"]";
		for (String path : List.of("/api/catalog/entities?after=" + base64("o:-1"), "/api/catalog/entities?after=" + base64("o:x"),
				"/api/catalog/entities?after=%25%25%25", "/api/catalog/entities/by-query?cursor=" + cursor(tag + ", \"offset\": -1"),
				"/api/catalog/entities/by-query?cursor=" + cursor(tag + ", \"orderField\": [\"metadata..name,asc\"]"),
				"/api/catalog/entities/by-query?cursor=" + cursor(tag + ", \"key\": [null, null]"),
				"/api/catalog/entities/by-query?cursor=" + cursor(tag + ", \"key\": [\"a\"]"),
				"/api/catalog/entities/by-query?cursor=" + cursor("\"offset\": \"x\""),
				"/api/catalog/entities/by-query?cursor=" + base64("{\"filter\": []}"), "/api/catalog/entities/by-query?cursor=!!")) {
			assertInputError(get(path), path);
		}
		assertInputError(api("POST", "/api/catalog/entities/by-query", "{\"cursor\": \""
				+ java.net.URLDecoder.decode(cursor("\"offset\": -5"), StandardCharsets.UTF_8) + "\"}"), "a predicate query's cursor");
		Response keyless = get("/api/catalog/entities/by-query?cursor=" + cursor(tag + ", \"key\": null"));
		assertThat(keyless.status()).as("a cursor without a key starts at the beginning: " + keyless.body()).isEqualTo(200);
		assertThat(keyless.json().at("/totalItems").asInt()).isEqualTo(5);
	}

	/** A by-query cursor as this application writes them, with some of its fields set. */
	private static String cursor(String fields) {
		return base64("{\"backwards\": false, \"total\": -1, " + fields + "}");
	}

	@Test
	void theAfterCursorWalksEveryEntityOnceInOrder() {
		List<String> seen = new ArrayList<>();
		String path = "/api/catalog/entities?filter=metadata.tags=" + token + "&order=asc:metadata.name&limit=2";
		int pages = 0;
		while (path != null) {
			Response page = get(path);
			assertThat(page.status()).isEqualTo(200);
			page.json().forEach(e -> seen.add(e.at("/metadata/name").asString()));
			pages++;
			path = page.headers().firstValue("Link").map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>'))).orElse(null);
		}

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactly("env-" + token, "svc-a-" + token, "svc-b-" + token, "u1-" + token, "u2-" + token);
	}

	private static void assertInputError(Response response, String what) {
		assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(400);
		assertThat(response.json().at("/error/name").asString()).as(what).isEqualTo("InputError");
		assertThat(response.json().at("/response/statusCode").asInt()).as(what).isEqualTo(400);
	}

	private List<String> names(String path) {
		Response response = get(path);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		response.json().forEach(e -> names.add(e.at("/metadata/name").asString()));
		return names;
	}

	private static List<String> itemNames(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		response.json().at("/items").forEach(e -> names.add(e.at("/metadata/name").asString()));
		return names;
	}

	private static java.util.Map<String, Long> counts(JsonNode facet) {
		java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
		facet.forEach(v -> counts.put(v.at("/value").asString(), v.at("/count").asLong()));
		return counts;
	}

	private static long total(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().at("/totalItems").asLong();
	}

	private static String base64(String text) {
		return URLEncoder.encode(Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.UTF_8);
	}

	private static String user(String name, String displayName) {
		return """
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata:
				  name: %s
				spec:
				  profile: {displayName: %s}
				  memberOf: []
				""".formatted(name, displayName);
	}

}
