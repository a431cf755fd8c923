package dev.atrium.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * The OpenID Connect provider of {@code atrium.auth.oidc.*}, discovered from its issuer at startup
 * (a provider that cannot be reached stops Atrium with a message saying so). Spring's own
 * {@code spring.security.oauth2.client.registration.*} properties work instead, for several providers
 * or settings this short form does not have.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("atrium.auth.oidc.issuer-uri")
class OidcRegistrations {

	static final String ID = "oidc";

	@Bean
	ClientRegistrationRepository atriumOidcRegistration(AuthProperties properties) {
		AuthProperties.Oidc oidc = properties.oidc();
		if (!oidc.configured()) {
			throw new IllegalStateException("atrium.auth.oidc.issuer-uri is set, so atrium.auth.oidc.client-id must be too");
		}
		ClientRegistration.Builder builder;
		try {
			builder = ClientRegistrations.fromIssuerLocation(oidc.issuerUri());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("atrium.auth.oidc.issuer-uri: could not read the provider's configuration from "
					+ oidc.issuerUri() + "/.well-known/openid-configuration (" + ex.getMessage() + ")", ex);
		}
		ClientRegistration registration = builder.registrationId(ID)
			.clientId(oidc.clientId())
			.clientSecret(oidc.clientSecret())
			.clientName(oidc.name())
			.scope(oidc.scopes())
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	/** The ids of the configured registrations, in order; none without a repository. */
	static List<String> ids(ClientRegistrationRepository repository) {
		List<String> ids = new ArrayList<>();
		if (repository instanceof Iterable<?> registrations) {
			for (Object registration : registrations) {
				if (registration instanceof ClientRegistration r) {
					ids.add(r.getRegistrationId());
				}
			}
		}
		return ids;
	}

}
