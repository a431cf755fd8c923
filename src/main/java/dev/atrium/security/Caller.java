package dev.atrium.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

import dev.atrium.platform.Identity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Who signed in, as kept in the session (guests, OpenID Connect users) or built per request (tokens),
 * before the catalog is asked who they are there.
 *
 * @param type person, guest or service
 * @param name stable id: the email of a person, {@code guest}, a token's name
 * @param email the address the catalog User entity is found by, or null
 * @param displayName what the header shows
 */
record Caller(Identity.Type type, String name, String email, String displayName) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The caller an authentication stands for; null for nobody. */
	static Caller of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		Object principal = authentication.getPrincipal();
		if (principal instanceof Caller caller) {
			return caller;
		}
		if (principal instanceof OidcUser user) {
			String email = user.getEmail();
			String shown = first(user.getFullName(), user.getPreferredUsername(), email, user.getSubject());
			return new Caller(Identity.Type.USER, email != null ? email.toLowerCase(java.util.Locale.ROOT) : "oidc:" + user.getSubject(),
					email, shown);
		}
		if (principal instanceof OAuth2User user) {
			Map<String, Object> attributes = user.getAttributes();
			String email = attributes.get("email") instanceof String s ? s : null;
			String shown = first(attributes.get("name") instanceof String s ? s : null, email, user.getName());
			return new Caller(Identity.Type.USER, email != null ? email.toLowerCase(java.util.Locale.ROOT) : "oauth2:" + user.getName(),
					email, shown);
		}
		return new Caller(Identity.Type.USER, authentication.getName(), null, authentication.getName());
	}

	private static String first(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "unknown";
	}

}
