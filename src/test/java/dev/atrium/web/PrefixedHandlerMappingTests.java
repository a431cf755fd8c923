package dev.atrium.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixedHandlerMappingTests {

	@Test
	void aPatternsLiteralStartEndsAtItsFirstVariableOrWildcard() {
		assertThat(PrefixedHandlerMapping.literalStart("/api/catalog/entities/by-name/{kind}/{namespace}/{name}"))
			.isEqualTo("/api/catalog/entities/by-name/");
		assertThat(PrefixedHandlerMapping.literalStart("/git/**")).isEqualTo("/git/");
		assertThat(PrefixedHandlerMapping.literalStart("/create/tasks/{id}/cancel")).isEqualTo("/create/tasks/");
		assertThat(PrefixedHandlerMapping.literalStart("/catalog")).isEqualTo("/catalog");
		assertThat(PrefixedHandlerMapping.literalStart("/files/*.yaml")).isEqualTo("/files/");
		assertThat(PrefixedHandlerMapping.literalStart("/{*path}")).isEqualTo("/");
	}

}
