package dev.atrium.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;

/**
 * How a refusal looks: on the API (and to clients asking for JSON) Backstage's error JSON with 401
 * {@code AuthenticationError} or 403 {@code NotAllowedError}; in the browser the sign-in page (nobody
 * signed in) or a page saying why not. The answer is sent as a servlet error, so the web module's
 * error handling writes it in the same shapes as every other error; never a 500.
 */
final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	/** A request attribute a rule sets to say why it refused, shown on the 403. */
	static final String REASON = Refusals.class.getName() + ".reason";

	static final String SIGN_IN = "Sign in, or send an API token as 'Authorization: Bearer <token>'";

	static final String BAD_TOKEN = "The API token is not valid: it is wrong, or it was revoked";

	static final String CSRF = "This form has expired or was sent from another site. Reload the page and try again.";

	static final String NOT_ALLOWED = "You are not allowed to do this";

	private final LoginUrlAuthenticationEntryPoint signInPage = new LoginUrlAuthenticationEntryPoint("/sign-in");

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException, jakarta.servlet.ServletException {
		if (PathRules.GIT.matches(request)) {
			// git clients answer a Basic challenge with a user name and password: the password is an API token
			response.setHeader("WWW-Authenticate", "Basic realm=\"Atrium git\"");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, SIGN_IN);
			return;
		}
		if (wantsJson(request) || request.getHeader("Authorization") != null) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"atrium\"");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, SIGN_IN);
			return;
		}
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", request.getContextPath() + "/sign-in");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, SIGN_IN);
			return;
		}
		signInPage.commence(request, response, reason);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, jakarta.servlet.ServletException {
		boolean signedIn = Caller.of(SecurityContextHolder.getContext().getAuthentication()) != null;
		boolean signingIn = request.getRequestURI().startsWith(request.getContextPath() + "/sign-in");
		if (!signedIn && !signingIn) {
			// Nobody signed in: the answer is "sign in", also when the CSRF token is what is missing.
			commence(request, response, null);
			return;
		}
		Object reason = request.getAttribute(REASON);
		String message = denied instanceof CsrfException ? CSRF : reason != null ? reason.toString() : NOT_ALLOWED;
		response.sendError(HttpServletResponse.SC_FORBIDDEN, message);
	}

	/** Unauthenticated API calls answer with a status, never a redirect to a page. */
	static boolean wantsJson(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String accept = request.getHeader("Accept");
		return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")
				|| (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
	}

}
