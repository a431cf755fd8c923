package dev.atrium.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} to a request that waited longer than the queue timeout for a
 * request thread ({@link RequestThreads}): what a saturated instance should say, instead of letting its
 * queue grow without end. The first filter of all, so a refused request costs nothing more.
 */
final class QueueTimeout extends OncePerRequestFilter {

	private final long timeoutNanos;

	QueueTimeout(long timeoutNanos) {
		this.timeoutNanos = timeoutNanos;
	}

	/** Request attribute: the method the request came with (an error dispatch reads as GET in Tomcat). */
	static final String METHOD = QueueTimeout.class.getName() + ".method";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(METHOD, request.getMethod());
		if (RequestThreads.waitedNanos() > timeoutNanos) {
			response.setHeader("Retry-After", "1");
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"Atrium is busy with other requests; try again in a moment");
			return;
		}
		chain.doFilter(request, response);
	}

}
