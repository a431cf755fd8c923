package dev.atrium.security;

import java.util.function.Supplier;

import dev.atrium.platform.Identity;
import dev.atrium.platform.Ownership;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what: every permission rule of every module, in one place, so that a feature needs no
 * security code of its own. Three levels:
 * <ul>
 * <li><b>read</b>: anyone signed in or holding a token, and nobody else unless
 * {@code atrium.auth.anonymous-read} is on. Every {@code GET} and the few {@code POST}s that only
 * read (entity lookups by refs or query, facets, search).</li>
 * <li><b>signed in</b>: reading the audit log; registering, refreshing and validating catalog locations, running templates
 * (scaffolder), sending OpenLineage events, and any other change not listed here (the default for a
 * path nobody thought of is the stricter one).</li>
 * <li><b>admin</b>: rebuilding the search index on request ({@code POST /api/search/rebuild}): people in
 * {@code atrium.auth.admin-groups} and the tokens named in {@code atrium.auth.admin-tokens}.</li>
 * <li><b>owner</b>: unregistering or moving a location, deleting an entity: members of the owning
 * group (transitively), the one who registered the location, or admins ({@link #mayChange}).</li>
 * </ul>
 * Refusals are 401 (nobody signed in: JSON on the API, the sign-in page in the browser) or 403.
 */
final class PathRules {

	static final String LOCATION = "catalog-location";

	static final String ENTITY = "catalog-entity";

	/** Paths anyone may open, signed in or not: signing in, static files, errors, health. */
	static final String[] PUBLIC = { "/sign-in", "/sign-in/**", "/sign-out", "/oauth2/**", "/login/oauth2/**", "/error",
			"/atrium.css", "/atrium.js", "/search.js", "/favicon.svg", "/webjars/**", "/security/*.js", "/actuator/health",
			"/actuator/health/**" };

	/** POSTs that only read: they get the read rule and need no CSRF token (they change nothing). */
	static final RequestMatcher READING_POSTS = new OrRequestMatcher(post("/api/catalog/entities/by-refs"),
			post("/api/catalog/entities/by-query"), post("/api/catalog/entity-facets"));

	/**
	 * The scaffolder's git host, {@code /git/<name>.git/...}: git's own protocol, read level for all of it
	 * (a clone POSTs to {@code git-upload-pack}); who may push is decided by the git host itself
	 * ({@code GitAccess}: signed in or a token), which answers git clients with the challenge they expect.
	 * No CSRF token: git's POSTs need a content type a page on another site cannot send without CORS.
	 */
	static final RequestMatcher GIT = PathPatternRequestMatcher.withDefaults().matcher("/git/**");

	private final boolean anonymousRead;

	private final CatalogIdentities identities;

	private final ObjectProvider<Ownership> ownership;

	PathRules(boolean anonymousRead, CatalogIdentities identities, ObjectProvider<Ownership> ownership) {
		this.anonymousRead = anonymousRead;
		this.identities = identities;
		this.ownership = ownership;
	}

	void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
		// Error pages, forwards and the second half of async (streamed) answers were authorized as the request they belong to.
		rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.ASYNC).permitAll();
		rules.requestMatchers(PUBLIC).permitAll();

		// Owners only: unregistering and moving locations, deleting entities (pages and API).
		rules.requestMatchers(HttpMethod.POST, "/catalog/locations/{id}/unregister").access(owner(LOCATION));
		rules.requestMatchers(HttpMethod.DELETE, "/api/catalog/locations/{id}").access(owner(LOCATION));
		rules.requestMatchers(HttpMethod.PUT, "/api/catalog/locations/{id}").access(owner(LOCATION));
		rules.requestMatchers(HttpMethod.DELETE, "/api/catalog/entities/by-uid/{id}").access(owner(ENTITY));

		// Admins only: a full search rebuild costs minutes of database work.
		rules.requestMatchers(HttpMethod.POST, "/api/search/rebuild").access(admin());

		// Signed in: the changes everyone who signed in may make (listed so the intent is visible).
		rules.requestMatchers(HttpMethod.POST, "/catalog/register", "/catalog/locations/*/refresh", "/api/catalog/locations",
				"/api/catalog/refresh", "/api/catalog/validate-entity").access(signedIn());
		rules.requestMatchers(HttpMethod.POST, "/create/**", "/api/scaffolder/**").access(signedIn());
		rules.requestMatchers(HttpMethod.POST, "/api/v1/lineage", "/api/openlineage/**").access(signedIn());

		rules.requestMatchers(GIT).access(read());

		// The audit log names people and addresses: for those signed in, never anonymous readers.
		rules.requestMatchers(HttpMethod.GET, "/audit", "/audit/**", "/api/audit/**").access(signedIn());

		// Read: every GET (pages, API, search, operations) and the POSTs that only read.
		rules.requestMatchers(READING_POSTS).access(read());
		rules.requestMatchers(HttpMethod.GET, "/**").access(read());
		rules.requestMatchers(HttpMethod.HEAD, "/**").access(read());

		// Anything else changes something: signed in at least.
		rules.anyRequest().access(signedIn());
	}

	private AuthorizationManager<RequestAuthorizationContext> read() {
		return (authentication, context) -> decision(anonymousRead || signedIn(authentication));
	}

	private static AuthorizationManager<RequestAuthorizationContext> signedIn() {
		return (authentication, context) -> decision(signedIn(authentication));
	}

	private AuthorizationManager<RequestAuthorizationContext> admin() {
		return (authentication, context) -> {
			if (!signedIn(authentication)) {
				return decision(false);
			}
			boolean granted = identities.of(authentication.get()).admin();
			if (!granted) {
				context.getRequest().setAttribute(Refusals.REASON, NOT_ADMIN);
			}
			return decision(granted);
		};
	}

	static final String NOT_ADMIN = "Only admins may do this";

	private AuthorizationManager<RequestAuthorizationContext> owner(String type) {
		return (authentication, context) -> {
			if (!signedIn(authentication)) {
				return decision(false);
			}
			String id = context.getVariables().get("id");
			Identity caller = identities.of(authentication.get());
			boolean granted = ownership.orderedStream()
				.map(o -> o.owners(type, id))
				.flatMap(java.util.Optional::stream)
				.findFirst()
				.map(owners -> mayChange(caller, owners))
				// Unknown things: let the request find its own 404.
				.orElse(true);
			if (!granted) {
				context.getRequest().setAttribute(Refusals.REASON, NOT_OWNER);
			}
			return decision(granted);
		};
	}

	static final String NOT_OWNER = "Only members of the group that owns it, whoever registered it, and admins may do this";

	/**
	 * Requests that need a CSRF token: every change sent with a session (cookie) and every sign-in.
	 * A request without a session acts for nobody, so a forged one can do no more than its sender could.
	 */
	static final RequestMatcher NEEDS_CSRF_TOKEN = request -> {
		String method = request.getMethod();
		if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) {
			return false;
		}
		boolean signingIn = request.getRequestURI().startsWith(request.getContextPath() + "/sign-in");
		return signingIn || request.getRequestedSessionId() != null || request.getSession(false) != null;
	};

	/**
	 * Whether a caller may change or remove a thing: admins may; whoever registered it may; otherwise
	 * the caller must own every owner it names (a location holding several teams' entities is removed
	 * by an admin or its registrar, not by one of those teams).
	 */
	static boolean mayChange(Identity caller, Ownership.Owners owners) {
		if (caller.admin()) {
			return true;
		}
		if (owners.registeredBy() != null && owners.registeredBy().equals(caller.name())) {
			return true;
		}
		return !owners.owners().isEmpty() && caller.ownershipRefs().containsAll(owners.owners());
	}

	static boolean signedIn(Supplier<? extends Authentication> authentication) {
		return Caller.of(authentication.get()) != null;
	}

	private static AuthorizationResult decision(boolean granted) {
		return new AuthorizationDecision(granted);
	}

	private static RequestMatcher post(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern);
	}

}
