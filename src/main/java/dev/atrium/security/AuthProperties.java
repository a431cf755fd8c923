package dev.atrium.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and permission settings, {@code atrium.auth.*}.
 *
 * @param guest whether the guest sign-in is offered; unset means: only when no OpenID Connect
 *     provider is configured
 * @param anonymousRead whether people who did not sign in may read pages and the API; unset means:
 *     as long as the guest sign-in is on
 * @param apiTokens {@code name=secret} pairs ({@code ATRIUM_API_TOKENS}, comma-separated): a request
 *     with {@code Authorization: Bearer <secret>} acts as the service {@code name}
 * @param adminGroups groups (or users) whose members may unregister and delete anything, as entity
 *     references; the kind defaults to {@code group} and the namespace to {@code default}
 * @param adminTokens names of API tokens (from {@code apiTokens}) that act as admins, so that a machine
 *     may do what admins do (e.g. rebuild the search index)
 * @param guestUser the catalog User entity the guest is, so that a demo catalog can give the guest
 *     groups; {@code guest} by default
 * @param oidc an OpenID Connect provider (Spring's {@code spring.security.oauth2.client.*} registrations work too)
 */
@ConfigurationProperties("atrium.auth")
public record AuthProperties(Boolean guest, Boolean anonymousRead, @DefaultValue List<String> apiTokens,
		@DefaultValue List<String> adminGroups, @DefaultValue List<String> adminTokens, @DefaultValue("guest") String guestUser, @DefaultValue Oidc oidc) {

	/**
	 * One OpenID Connect provider, discovered from its issuer.
	 *
	 * @param issuerUri the issuer, whose {@code /.well-known/openid-configuration} describes it
	 * @param clientId Atrium's client id there
	 * @param clientSecret its secret
	 * @param name what the sign-in button says ("Sign in with ...")
	 * @param scopes scopes asked for; {@code openid}, {@code profile} and {@code email} by default
	 */
	public record Oidc(String issuerUri, String clientId, String clientSecret, @DefaultValue("single sign-on") String name,
			@DefaultValue({ "openid", "profile", "email" }) List<String> scopes) {

		/** Whether a provider is configured here. */
		public boolean configured() {
			return issuerUri != null && !issuerUri.isBlank() && clientId != null && !clientId.isBlank();
		}

	}

}
