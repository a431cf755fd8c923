package dev.atrium.scaffolder.git;

import dev.atrium.platform.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryNameTests {

	@ParameterizedTest
	@ValueSource(strings = { "payments-service", "a", "Svc_2.api", "x.git" })
	void acceptsPlainNames(String name) {
		assertThat(RepositoryName.check(name)).doesNotEndWith(".git").isNotBlank();
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", "../etc", "a/b", "a\\b", ".hidden", "-flag", "a..b", "", " ", "spaced name",
			"name\n", "%2e%2e", "é" })
	void refusesNamesThatCouldLeaveTheRootOrHide(String name) {
		assertThatThrownBy(() -> RepositoryName.check(name)).isInstanceOf(InputException.class);
	}

	@org.junit.jupiter.api.Test
	void refusesOverlongNames() {
		assertThatThrownBy(() -> RepositoryName.check("a".repeat(101))).isInstanceOf(InputException.class)
			.hasMessageContaining("at most 100");
	}

}
