package dev.atrium.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A search rebuild on request is for admins, decided by the path rules (not by the search module
 * alone): people in {@code atrium.auth.admin-groups}, and tokens named in {@code atrium.auth.admin-tokens}
 * so a machine may trigger one. With a cookie session it needs the CSRF token like any change.
 */
class AdminRuleTests extends SecurityApplicationTest {

	private static final String REBUILD = "/api/search/rebuild?type=software-catalog";

	@Test
	void nobodyGets401AndTokensAndPeopleWhoAreNoAdminsGet403() {
		org();
		assertThat(call(null, "POST", REBUILD, null).status()).isEqualTo(401);

		Response token = call(CI, "POST", REBUILD, null);
		assertThat(token.status()).isEqualTo(403);
		assertThat(token.json().path("error").path("name").asString()).isEqualTo("NotAllowedError");
		assertThat(token.json().path("error").path("message").asString()).isEqualTo(PathRules.NOT_ADMIN);

		assertThat(mvc.post().uri(REBUILD).with(authentication(person("ada@" + token + ".example"))).with(csrf()))
			.as("a signed-in person outside the admin groups")
			.hasStatus(403);
	}

	@Test
	void tokenNamedInAdminTokensMayRebuild() {
		Response ops = call(OPS, "POST", REBUILD, null);

		assertThat(ops.status()).isEqualTo(202);
		assertThat(ops.json().path("rebuilding").toString()).contains("software-catalog");
	}

	@Test
	void adminWithACookieSessionNeedsTheCsrfToken() {
		org();
		MockHttpSession session = new MockHttpSession();

		assertThat(mvc.post().uri(REBUILD).session(session).with(authentication(person("root@" + token + ".example"))))
			.as("no CSRF token: refused although an admin")
			.hasStatus(403);
		assertThat(mvc.post().uri(REBUILD).session(session).with(authentication(person("root@" + token + ".example"))).with(csrf()))
			.hasStatus(202);
	}

}
