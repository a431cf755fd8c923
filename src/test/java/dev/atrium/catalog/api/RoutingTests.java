package dev.atrium.catalog.api;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests reach the endpoint their path names however it is written, and other paths and methods are
 * answered as before, now that mappings are first compared by their literal beginnings
 * ({@code dev.atrium.web.PrefixedHandlerMapping}).
 */
class RoutingTests extends CatalogApplicationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void theApplicationRoutesThroughThePrefixedMapping() {
		assertThat(mapping.getClass().getSimpleName()).isEqualTo("PrefixedHandlerMapping");
	}

	@Test
	void pathsWithVariablesReachTheirEndpointAsWrittenAndEncoded() {
		registerFile(write("catalog-info.yaml", component("routed-" + token, "team-" + token)));
		String path = "/api/catalog/entities/by-name/component/default/routed-" + token;

		Response plain = get(path);
		Response encoded = get(path.replace("by-name", "by%2Dname"));
		Response upperKind = get(path.replace("/component/", "/Component/"));

		assertThat(plain.status()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(plain.json().path("metadata").path("name").asString()).isEqualTo("routed-" + token);
		assertThat(encoded.status()).as("a literal segment percent-encoded").isEqualTo(200);
		assertThat(encoded.json().path("metadata").path("name").asString()).isEqualTo("routed-" + token);
		assertThat(upperKind.status()).isEqualTo(200);
		assertThat(get("/api/catalog/entities/by-uid/" + plain.json().path("metadata").path("uid").asString()).status())
			.isEqualTo(200);
	}

	@Test
	void otherPathsAndMethodsAreAnsweredAsBefore() {
		Response missing = get("/api/catalog/entities/by-name/component/default/nothing-" + token);
		Response unknownPath = get("/api/catalog/no-such-endpoint/" + token);
		Response wrongMethod = api("DELETE", "/api/catalog/entities/by-name/component/default/x-" + token, null);

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().path("error").path("name").asString()).isEqualTo("NotFoundError");
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(wrongMethod.status()).as("a path that exists, with a method it does not take").isEqualTo(405);
	}

}
