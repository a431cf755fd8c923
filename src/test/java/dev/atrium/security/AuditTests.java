package dev.atrium.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The audit log: every change with who, what, when and from where, on the API and a page; reads are not changes. */
class AuditTests extends SecurityApplicationTest {

	@Test
	void everyChangeIsRecordedWithWhoWhatWhenAndWhere() {
		String location = register(CI, write("audit.yaml", component(token + "-audited", token + "-team")));
		call(CI, "GET", "/api/catalog/locations/" + location, null);
		assertThat(call(OTHER, "DELETE", "/api/catalog/locations/" + location, null).status()).isEqualTo(403);
		assertThat(call(CI, "DELETE", "/api/catalog/locations/" + location, null).status()).isEqualTo(204);

		List<JsonNode> events = events("?path=/api/catalog/locations");
		assertThat(events).extracting(e -> e.path("actor").path("name").asString() + " " + e.path("method").asString() + " "
				+ e.path("path").asString() + " " + e.path("status").asInt())
			.containsSubsequence("ci DELETE /api/catalog/locations/" + location + " 204",
					"other DELETE /api/catalog/locations/" + location + " 403", "ci POST /api/catalog/locations 201")
			.noneMatch(line -> line.contains(" GET "));
		JsonNode newest = events.get(0);
		assertThat(newest.path("actor").path("type").asString()).isEqualTo("SERVICE");
		assertThat(newest.path("remoteAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(newest.path("occurredAt").asString()).isNotBlank();
	}

	@Test
	void peopleAreNamedByTheirEmailAndNobodyIsNotRecorded() {
		org();
		String location = register(CI, write("people.yaml", component(token + "-mine", token + "-team")));
		String ada = "ada@" + token + ".example";
		mvc.post().uri("/catalog/locations/" + location + "/refresh").with(authentication(person(ada))).with(csrf()).exchange();
		call(null, "POST", "/api/catalog/locations", "{\"type\":\"file\",\"target\":\"/x\"}");

		assertThat(events("?actor=" + ada)).extracting(e -> e.path("path").asString())
			.containsExactly("/catalog/locations/" + location + "/refresh");
		assertThat(events("?actor=anonymous")).isEmpty();
	}

	@Test
	void theLogIsForThoseSignedInAndPagesThroughOlderEvents() {
		register(CI, write("a.yaml", component(token + "-a", "x")));
		register(CI, write("b.yaml", component(token + "-b", "x")));

		assertThat(call(null, "GET", "/api/audit/events", null).status()).isEqualTo(401);
		JsonNode first = call(CI, "GET", "/api/audit/events?actor=ci&limit=1", null).json();
		assertThat(first.path("items")).hasSize(1);
		long next = first.path("next").asLong();
		JsonNode second = call(CI, "GET", "/api/audit/events?actor=ci&limit=1&before=" + next, null).json();
		assertThat(second.path("items").get(0).path("id").asLong()).isLessThan(next);

		assertThat(mvc.get().uri("/audit?actor=ci").with(authentication(person("ada@" + token + ".example")))).hasStatusOk()
			.bodyText()
			.contains("POST /api/catalog/locations")
			.contains("ci");
	}

	private List<JsonNode> events(String query) {
		Response answer = call(CI, "GET", "/api/audit/events" + query, null);
		assertThat(answer.status()).isEqualTo(200);
		List<JsonNode> events = new java.util.ArrayList<>();
		answer.json().path("items").forEach(events::add);
		return events;
	}

}
