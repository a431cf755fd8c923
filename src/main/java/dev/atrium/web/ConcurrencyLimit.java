package dev.atrium.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of requests run at once; the others wait their turn in arrival order.
 *
 * <p>With a thread per request, sixteen busy clients on a two-core machine meant sixteen runnable
 * threads sharing two cores: each request was preempted many times, caches were cold, and the slowest
 * requests waited for all the others (catalog page: 1.2 ms of CPU per view and a p95 of 65 ms). With four
 * to eight running at once, the same requests cost 0.8 ms and finish in order (p95 19 ms): see ADR 0010
 * and docs/benchmarks.md. Waiting threads are parked and cost nothing. A request that waits longer than
 * the queue timeout gets a 503 with {@code Retry-After}, which is what a saturated instance should say.
 */
final class ConcurrencyLimit extends OncePerRequestFilter {

	private final Semaphore permits;

	private final long timeoutNanos;

	private final String[] exempt;

	private final AtomicInteger waiting = new AtomicInteger();

	private final int maxActive;

	ConcurrencyLimit(ConcurrencyProperties properties) {
		this.maxActive = properties.maxActive();
		this.permits = new Semaphore(maxActive, true);
		this.timeoutNanos = properties.queueTimeout().toNanos();
		this.exempt = properties.exemptPaths().toArray(String[]::new);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String prefix : exempt) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/event-stream");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!permits.tryAcquire()) {
			waiting.incrementAndGet();
			boolean acquired;
			try {
				acquired = permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				acquired = false;
			}
			finally {
				waiting.decrementAndGet();
			}
			if (!acquired) {
				response.setHeader("Retry-After", "1");
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
						"Atrium is busy with other requests; try again in a moment");
				return;
			}
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			permits.release();
		}
	}

	/** Requests being processed now. */
	int active() {
		return maxActive - permits.availablePermits();
	}

	/** Requests waiting for their turn. */
	int waiting() {
		return waiting.get();
	}

}
