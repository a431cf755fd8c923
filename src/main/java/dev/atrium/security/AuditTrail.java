package dev.atrium.security;

import java.io.IOException;

import dev.atrium.platform.AnsweredLater;
import dev.atrium.platform.Identity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes every change request to the {@link AuditLog} once it is answered: any method but GET, HEAD
 * and OPTIONS, with the caller as known after the request (so a sign-in is recorded as the one who
 * signed in), the path and the status. Features need no code for it. Requests of nobody signed in are
 * not recorded (they can change nothing, and there is nobody to name), nor the POSTs that only read.
 */
final class AuditTrail extends OncePerRequestFilter {

	private final AuditLog log;

	private final CatalogIdentities identities;

	AuditTrail(AuditLog log, CatalogIdentities identities) {
		this.log = log;
		this.identities = identities;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")
				|| PathRules.READING_POSTS.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			Identity caller = identities.of(SecurityContextHolder.getContext().getAuthentication());
			if (caller.authenticated()) {
				if (request.isAsyncStarted()) {
					// Answered later (OpenLineage ingestion waits for its commit): record the final status then.
					AnsweredLater.whenAnswered(request, event -> log.record(caller, request.getMethod(), request, response.getStatus()));
				}
				else {
					log.record(caller, request.getMethod(), request, response.getStatus());
				}
			}
		}
	}

}
