package dev.atrium.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** API tokens: a right one acts as its service; a wrong, missing or revoked one is a 401 in Backstage's shape. */
class ApiTokenTests extends SecurityApplicationTest {

	@Test
	void tokenActsAsItsServiceAndIsRecordedAsTheRegistrar() {
		String location = register(CI, write("one.yaml", component(token + "-svc", token + "-team")));

		Response answer = call(CI, "GET", "/api/catalog/locations/" + location, null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(registrar(location)).isEqualTo("ci");
	}

	@Test
	void missingTokenOnAChangeIsA401InBackstagesShape() {
		Response answer = call(null, "POST", "/api/catalog/locations", "{\"type\":\"file\",\"target\":\"/x.yaml\"}");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json().path("error").path("name").asString()).isEqualTo("AuthenticationError");
		assertThat(answer.json().path("error").path("message").asString()).contains("Bearer");
		assertThat(answer.json().path("response").path("statusCode").asInt()).isEqualTo(401);
		assertThat(answer.json().path("request").path("url").asString()).isEqualTo("/api/catalog/locations");
		assertThat(answer.header("Set-Cookie")).as("an API refusal starts no session").isNull();
	}

	@Test
	void wrongTokenIsA401EvenWhereReadingNeedsNone() {
		Response answer = call("Bearer not-a-token-at-all-123456", "GET", "/api/catalog/entities", null);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json().path("error").path("name").asString()).isEqualTo("AuthenticationError");
		assertThat(answer.json().path("error").path("message").asString()).contains("wrong, or it was revoked");
		assertThat(answer.header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void revokedTokenIsRefused() {
		// "ci" was given a new secret: its old one is revoked.
		Response answer = call("Bearer ci-old-secret-0123456789", "DELETE",
				"/api/catalog/locations/00000000-0000-0000-0000-000000000000", null);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json().path("error").path("name").asString()).isEqualTo("AuthenticationError");
	}

	@Test
	void emptyBearerIsNoTokenAndOtherSchemesAreNoToken() {
		assertThat(call("Bearer ", "POST", "/api/catalog/refresh", "{\"entityRef\":\"component:default/x\"}").status())
			.isEqualTo(401);
		assertThat(call("Basic Y2k6Y2ktc2VjcmV0LTAxMjM0NTY3ODk=", "POST", "/api/catalog/refresh",
				"{\"entityRef\":\"component:default/x\"}").status()).isEqualTo(401);
	}

	@Test
	void tokenCallsNeedNoCsrfToken() {
		Response answer = call(OTHER, "POST", "/api/catalog/validate-entity", """
				{"location": "url:https://example.com/catalog-info.yaml",
				 "entity": {"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
				            "metadata": {"name": "valid"}, "spec": {"type": "service", "lifecycle": "production", "owner": "x"}}}""");

		assertThat(answer.status()).isEqualTo(200);
	}

	@Test
	void readingNeedsNoTokenWhileAnonymousReadingIsOn() {
		assertThat(call(null, "GET", "/api/catalog/entities?limit=1", null).status()).isEqualTo(200);
		assertThat(call(null, "POST", "/api/catalog/entities/by-refs", "{\"entityRefs\":[\"component:default/none\"]}").status())
			.as("a POST that only reads").isEqualTo(200);
	}

	@Test
	void tokensAreParsedStrictly() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiTokens.parse(List.of("ci=short")))
			.withMessageContaining("shorter than 16");
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiTokens.parse(List.of("no-secret")))
			.withMessageContaining("name=secret");
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiTokens.parse(List.of("a=0123456789abcdef", "a=0123456789abcdeg")))
			.withMessageContaining("given twice");
		assertThatIllegalStateException()
			.isThrownBy(() -> ApiTokens.parse(List.of("guest=0123456789abcdef")))
			.withMessageContaining("reserved");
		assertThat(ApiTokens.parse(List.of(" ci = 0123456789abcdef ", "")).serviceFor("0123456789abcdef"))
			.contains("ci");
	}

}
