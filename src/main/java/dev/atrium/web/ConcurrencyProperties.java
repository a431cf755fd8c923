package dev.atrium.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests the app works on at once ({@code atrium.web.concurrency.*}).
 *
 * @param maxActive request threads, i.e. requests processed at the same time; 0 means two per
 * available processor (at least four). Requests that mostly wait (OpenLineage ingestion waiting for its
 * group commit, git transfers, event streams) give their thread back while they wait.
 * @param queueTimeout how long a request waits for a thread before it is answered 503
 */
@ConfigurationProperties("atrium.web.concurrency")
public record ConcurrencyProperties(Integer maxActive, Duration queueTimeout) {

	public ConcurrencyProperties {
		maxActive = maxActive == null || maxActive <= 0 ? Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) : maxActive;
		queueTimeout = queueTimeout == null ? Duration.ofSeconds(10) : queueTimeout;
	}

}
