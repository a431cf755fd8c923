package dev.atrium.support;

import java.util.Map;

import com.example.oidc.OidcProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server on a random port of
 * {@code localhost}, with one client ({@link #CLIENT_ID}/{@link #CLIENT_SECRET}) and people who sign in
 * on its login page with their email as user name. Their ID tokens carry {@code email} and
 * {@code name}. Start it before the application (a static field), point
 * {@code atrium.auth.oidc.issuer-uri} at {@link #issuer()}, and allow the application's redirect URI
 * once its port is known:
 *
 * <pre>
 * static final OidcServer oidc = OidcServer.start(Map.of("ada@example.test", "Ada Lovelace"));
 *
 * &#64;DynamicPropertySource
 * static void provider(DynamicPropertyRegistry registry) {
 *     registry.add("atrium.auth.oidc.issuer-uri", oidc::issuer);
 *     registry.add("atrium.auth.oidc.client-id", () -> OidcServer.CLIENT_ID);
 *     registry.add("atrium.auth.oidc.client-secret", () -> OidcServer.CLIENT_SECRET);
 * }
 *
 * &#64;BeforeEach
 * void redirect(&#64;LocalServerPort int port) {
 *     oidc.allowRedirect("http://localhost:" + port + "/login/oauth2/code/oidc");
 * }
 * </pre>
 */
public final class OidcServer {

	public static final String CLIENT_ID = OidcProvider.CLIENT_ID;

	public static final String CLIENT_SECRET = OidcProvider.CLIENT_SECRET;

	/** Every person's password. */
	public static final String PASSWORD = OidcProvider.PASSWORD;

	private final ConfigurableApplicationContext context;

	private final InMemoryRegisteredClientRepository clients;

	private OidcServer(ConfigurableApplicationContext context) {
		this.context = context;
		this.clients = context.getBean(InMemoryRegisteredClientRepository.class);
	}

	/** Starts the provider with these people (email to display name). */
	public static OidcServer start(Map<String, String> people) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OidcProvider.class)
			.web(WebApplicationType.SERVLET)
			.initializers(c -> c.getBeanFactory().registerSingleton("people", new OidcProvider.People(Map.copyOf(people))))
			// Its own (absent) configuration files: Atrium's application.properties is not its business.
			.run("--spring.config.name=atrium-test-oidc-provider", "--server.port=0", "--server.address=127.0.0.1",
					"--spring.main.banner-mode=off", "--server.servlet.session.cookie.name=IDP_SESSION");
		return new OidcServer(context);
	}

	/** The issuer URI: {@code http://localhost:<port>}. */
	public String issuer() {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Registers (or replaces) the client with this redirect URI. */
	public void allowRedirect(String redirectUri) {
		RegisteredClient existing = clients.findByClientId(CLIENT_ID);
		clients.save(RegisteredClient.withId(existing.getId())
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(redirectUri)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.build());
	}

	public void stop() {
		context.close();
	}

}
