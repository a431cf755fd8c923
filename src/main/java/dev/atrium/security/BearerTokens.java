package dev.atrium.security;

import java.io.IOException;

import dev.atrium.platform.Identity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <secret>} requests as the service the token names, for this
 * request only (nothing goes into a session). A wrong or revoked token is a 401 at once, never a
 * fall-back to anonymous reading: a client that sends a token wants to know it is not accepted.
 */
final class BearerTokens extends OncePerRequestFilter {

	/** Requests carrying a bearer token; they need no CSRF token, as no browser adds one on its own. */
	static final RequestMatcher CARRIES_TOKEN = request -> secret(request) != null;

	private final ApiTokens tokens;

	BearerTokens(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String secret = secret(request);
		if (secret == null) {
			chain.doFilter(request, response);
			return;
		}
		String service = tokens.serviceFor(secret).orElse(null);
		if (service == null) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"atrium\", error=\"invalid_token\"");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, Refusals.BAD_TOKEN);
			return;
		}
		Caller caller = new Caller(Identity.Type.SERVICE, service, null, service);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
				AuthorityUtils.createAuthorityList("ROLE_SERVICE")));
		// Only for this request: SecurityContextHolderFilter clears it afterwards, and nothing saves it to a session.
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

	private static String secret(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && PathRules.GIT.matches(request)) {
			return basicPassword(header.substring(6).trim());
		}
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String secret = header.substring(7).trim();
		return secret.isEmpty() ? null : secret;
	}

	/**
	 * git sends a user name and password (HTTP Basic); on the git host the password is an API token and
	 * the user name is not checked, as GitHub and GitLab take tokens.
	 */
	private static String basicPassword(String encoded) {
		try {
			String pair = new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
			int colon = pair.indexOf(':');
			String secret = colon < 0 ? "" : pair.substring(colon + 1).trim();
			return secret.isEmpty() ? null : secret;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
