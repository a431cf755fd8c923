package com.example.oidc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The configuration of the test OpenID Connect provider started by {@code dev.atrium.support.OidcServer}.
 * It lives outside {@code dev.atrium} so that Atrium's component scan never picks it up.
 */

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class })
public class OidcProvider {

	public static final String CLIENT_ID = "atrium";

	public static final String CLIENT_SECRET = "atrium-test-client-secret";

	/** Every person's password. */
	public static final String PASSWORD = "correct horse battery staple";

	private static final String CLIENT_KEY = "atrium-client";

	/** The people who may sign in: email to display name. */
	public record People(Map<String, String> names) {
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, s -> s.oidc(Customizer.withDefaults()))
			.authorizeHttpRequests(a -> a.anyRequest().authenticated())
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
					new MediaTypeRequestMatcher(org.springframework.http.MediaType.TEXT_HTML)))
			.oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain login(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService users(People people) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		people.names()
			.keySet()
			.forEach(email -> users.createUser(User.withUsername(email).password("{noop}" + PASSWORD).roles("USER").build()));
		return users;
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> claims(People people) {
		return context -> {
			if ("id_token".equals(context.getTokenType().getValue())) {
				String email = context.getPrincipal().getName();
				context.getClaims().claim("email", email).claim("name", people.names().getOrDefault(email, email));
			}
		};
	}

	@Bean
	InMemoryRegisteredClientRepository clients() {
		return new InMemoryRegisteredClientRepository(RegisteredClient.withId(CLIENT_KEY)
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://localhost/login/oauth2/code/oidc")
			.scope(OidcScopes.OPENID)
			.build());
	}

	@Bean
	JWKSource<SecurityContext> keys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
		return NimbusJwtDecoder.withJwkSource(keys).build();
	}

	@Bean
	AuthorizationServerSettings settings() {
		return AuthorizationServerSettings.builder().build();
	}

}
