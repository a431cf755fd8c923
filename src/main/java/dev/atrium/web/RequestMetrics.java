package dev.atrium.web;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.atrium.platform.AnsweredLater;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request as {@code http.server.requests}, with the tags of Spring Boot's own metric
 * ({@code method}, {@code uri} as the matched route, {@code status}, {@code outcome}, {@code exception}),
 * so dashboards built for Boot apps work. Boot's observation-based instrumentation cost more per request
 * than a by-name lookup (ADR 0011); this keeps one timer per route, method and status and records into it.
 */
final class RequestMetrics extends OncePerRequestFilter {

	private record Key(String method, String uri, int status, String exception) {
	}

	private final MeterRegistry registry;

	private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		Throwable failure = null;
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			if (request.isAsyncStarted() && failure == null) {
				AnsweredLater.whenAnswered(request, event -> record((HttpServletRequest) event.getSuppliedRequest(),
						(HttpServletResponse) event.getSuppliedResponse(), start, event.getThrowable()));
			}
			else {
				record(request, response, start, failure);
			}
		}
	}

	private void record(HttpServletRequest request, HttpServletResponse response, long start, Throwable failure) {
		int status = failure != null && response.getStatus() < 400 ? 500 : response.getStatus();
		Key key = new Key(method(request.getMethod()), uri(request, status), status,
				failure == null ? "none" : failure.getClass().getSimpleName());
		timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	private Timer timer(Key key) {
		return Timer.builder("http.server.requests")
			.description("Duration of HTTP server request handling")
			.tag("method", key.method())
			.tag("uri", key.uri())
			.tag("status", Integer.toString(key.status()))
			.tag("outcome", outcome(key.status()))
			.tag("exception", key.exception())
			.register(registry);
	}

	/** The matched route, never the raw path (that would be a timer per entity). */
	private static String uri(HttpServletRequest request, int status) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
			return pattern.isEmpty() ? "root" : pattern;
		}
		if (status == 404) {
			return "NOT_FOUND";
		}
		if (status >= 300 && status < 400) {
			return "REDIRECTION";
		}
		return "UNKNOWN";
	}

	private static String method(String method) {
		return switch (method) {
			case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE" -> method;
			default -> "UNKNOWN";
		};
	}

	private static String outcome(int status) {
		if (status < 200) {
			return "INFORMATIONAL";
		}
		if (status < 300) {
			return "SUCCESS";
		}
		if (status < 400) {
			return "REDIRECTION";
		}
		return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
	}

}
