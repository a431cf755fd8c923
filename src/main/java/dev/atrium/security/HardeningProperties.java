package dev.atrium.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits and browser protections, {@code atrium.security.*}.
 *
 * @param maxRequestSize the largest request body (API calls and forms alike); larger ones get a 413
 * @param requestSizeLimits exceptions by path prefix, such as {@code /api/v1/lineage=5MB}; the longest
 *     matching prefix wins
 * @param contentSecurityPolicy the {@code Content-Security-Policy} header sent with every answer
 */
@ConfigurationProperties("atrium.security")
public record HardeningProperties(@DefaultValue("1MB") DataSize maxRequestSize,
		@DefaultValue Map<String, DataSize> requestSizeLimits,
		@DefaultValue("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
				+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'") String contentSecurityPolicy) {

	/** The limit for a request path. */
	public DataSize limitFor(String path) {
		String best = null;
		for (String prefix : requestSizeLimits.keySet()) {
			if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
				best = prefix;
			}
		}
		return best == null ? maxRequestSize : requestSizeLimits.get(best);
	}

}
