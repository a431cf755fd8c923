package dev.atrium.catalog.api;

import java.util.List;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/catalog/validate-entity}: every 400 is Backstage's {@code {errors: [{name, message}]}},
 * which the catalog client turns into {@code {valid: false, errors}}; never the error shape of the rest
 * of the API, which the client would not read.
 */
class ValidateEntityTests extends CatalogApplicationTest {

	private static final String VALID = """
			{"apiVersion": "backstage.io/v1alpha1", "kind": "Component", "metadata": {"name": "new-service"},
			 "spec": {"type": "service", "lifecycle": "experimental", "owner": "team-a"}}""";

	@Test
	void aValidEntityIsA200() {
		Response response = api("POST", "/api/catalog/validate-entity",
				"{\"location\": \"url:https://git.example/catalog-info.yaml\", \"entity\": " + VALID + "}");

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void everyRefusalIsA400WithErrorsAsBackstageSendsThem() {
		List<String> bodies = List.of(
				"{\"location\": \"url:https://git.example/x.yaml\", \"entity\": " + VALID.replace("new-service", "Not valid!") + "}",
				"{\"location\": \"file:/etc/catalog-info.yaml\", \"entity\": " + VALID + "}",
				"{\"entity\": " + VALID + "}", "{\"location\": \"url:https://git.example/x.yaml\"}",
				"{\"location\": \"url:https://git.example/x.yaml\", \"entity\": \"not an object\"}", "[1, 2]", "{not json");
		for (String body : bodies) {
			Response response = api("POST", "/api/catalog/validate-entity", body);

			assertThat(response.status()).as(body).isEqualTo(400);
			JsonNode errors = response.json().at("/errors");
			assertThat(errors.isArray() && errors.size() > 0).as(body + ": " + response.body()).isTrue();
			assertThat(errors.get(0).at("/name").asString()).as(body).isEqualTo("InputError");
			assertThat(errors.get(0).at("/message").asString()).as(body).isNotBlank();
			assertThat(response.json().has("error")).as(body).isFalse();
		}
	}

	@Test
	void aLocationOfAnotherTypeIsNamedInTheError() {
		Response response = api("POST", "/api/catalog/validate-entity",
				"{\"location\": \"file:/etc/catalog-info.yaml\", \"entity\": " + VALID + "}");

		assertThat(response.json().at("/errors/0/message").asString()).contains("only 'url:' locations are allowed");
	}

}
