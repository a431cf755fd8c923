package dev.atrium.security;

import java.io.IOException;
import java.util.List;

import dev.atrium.platform.Identity;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * The sign-in options of this Atrium and the guest sign-in itself, for the sign-in page. The guest is
 * for local use and demos: on by default only when no OpenID Connect provider is configured.
 */
@Component
public class SignIn {

	/** A provider button on the sign-in page: where it starts and what it says. */
	public record Provider(String id, String name, String path) {
	}

	private final SecurityConfiguration.SignInOptions options;

	private final SecurityContextRepository contexts;

	private final CsrfTokenRepository csrfTokens;

	private final SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();

	SignIn(SecurityConfiguration.SignInOptions options, SecurityContextRepository contexts, CsrfTokenRepository csrfTokens,
			RequestCache requestCache) {
		this.options = options;
		this.contexts = contexts;
		this.csrfTokens = csrfTokens;
		this.success.setRequestCache(requestCache);
		this.success.setDefaultTargetUrl("/");
	}

	public boolean guestEnabled() {
		return options.guest();
	}

	public boolean anonymousRead() {
		return options.anonymousRead();
	}

	public List<Provider> providers() {
		return options.oidcRegistrations()
			.stream()
			.map(id -> new Provider(id, OidcRegistrations.ID.equals(id) ? options.oidcName() : id,
					"/oauth2/authorization/" + id))
			.toList();
	}

	/** Signs the browser in as the guest (a new session id, a new CSRF token) and sends it on. */
	public void signInAsGuest(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		Authentication guest = UsernamePasswordAuthenticationToken.authenticated(
				new Caller(Identity.Type.GUEST, "guest", null, "Guest"), null, AuthorityUtils.createAuthorityList("ROLE_GUEST"));
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		csrfTokens.saveToken(null, request, response);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(guest);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		success.onAuthenticationSuccess(request, response, guest);
	}

}
