package dev.atrium.support;

import java.net.http.HttpRequest;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Signing in, for tests. Every Spring test context knows one API token, {@link #TOKEN}, acting as the
 * service {@value #SERVICE} (registered in {@code META-INF/spring.factories}, as {@code ATRIUM_API_TOKENS};
 * a test that sets {@code atrium.auth.api-tokens} itself replaces it). Reading needs no sign-in (guest
 * sign-in and anonymous reading are on by default); changes do.
 * <ul>
 * <li>HTTP clients: {@code request.header("Authorization", TestSignIn.bearer())}, or
 * {@link #withToken(HttpRequest.Builder)}.</li>
 * <li>MockMvc: {@code mvc.post().uri("/api/...").with(TestSignIn.token())}; for forms add
 * {@code SecurityMockMvcRequestPostProcessors.csrf()} and a user, or use the token.</li>
 * <li>The browser: {@link Browser#signInAsGuest()} signs in through the sign-in page as the guest,
 * whose registrations it may unregister again.</li>
 * </ul>
 * Things a guest or token may not do (unregistering what others own) need a caller in the owning
 * group or in {@code atrium.auth.admin-groups}; see the security module's tests.
 */
public final class TestSignIn implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The name the test token acts as: what {@code Identity.name()} answers for it. */
	public static final String SERVICE = "test-client";

	/** The test token's secret. */
	public static final String TOKEN = "atrium-test-token-5c1e0b7d";

	/** The {@code Authorization} header value that carries {@link #TOKEN}. */
	public static String bearer() {
		return "Bearer " + TOKEN;
	}

	/** Adds the test token to a java.net.http request. */
	public static HttpRequest.Builder withToken(HttpRequest.Builder request) {
		return request.header("Authorization", bearer());
	}

	/** Adds the test token to a MockMvc request. */
	public static RequestPostProcessor token() {
		return request -> {
			request.addHeader("Authorization", bearer());
			return request;
		};
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		// Last: only fills ${ATRIUM_API_TOKENS:} in application.properties; test properties still win.
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("atrium-test-sign-in", Map.of("ATRIUM_API_TOKENS", SERVICE + "=" + TOKEN)));
	}

}
