package dev.atrium;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
class ApplicationTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void homePageShowsTheLayoutWithNavigation() {
		assertThat(mvc.get().uri("/")).hasStatusOk()
			.bodyText()
			.contains("Welcome to Atrium")
			.contains("class=\"sidebar\"");
	}

	@Test
	void unknownPageIsAFriendly404() {
		assertThat(mvc.get().uri("/no/such/page").accept("text/html")).hasStatus(404)
			.bodyText()
			.contains("Not Found")
			.doesNotContain("Exception");
	}

	@Test
	void unknownApiPathIsBackstageErrorJson() {
		assertThat(mvc.get().uri("/api/nothing")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.error.name")
			.isEqualTo("NotFoundError");
	}

	@Test
	void healthIncludesTheDatabase() {
		assertThat(mvc.get().uri("/actuator/health").with(dev.atrium.support.TestSignIn.token())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.components.db.status")
			.isEqualTo("UP");
	}

}
