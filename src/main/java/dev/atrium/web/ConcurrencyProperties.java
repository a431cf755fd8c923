package dev.atrium.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests the app works on at once ({@code atrium.web.concurrency.*}).
 *
 * @param maxActive requests processed at the same time; 0 means two per available processor (at least four)
 * @param queueTimeout how long a request waits for its turn before it is answered 503
 * @param exemptPaths path prefixes that are not limited: long-lived or mostly waiting requests (git
 * pushes and clones, OpenLineage ingestion waiting for its group commit, health probes)
 */
@ConfigurationProperties("atrium.web.concurrency")
public record ConcurrencyProperties(Integer maxActive, Duration queueTimeout, List<String> exemptPaths) {

	public ConcurrencyProperties {
		maxActive = maxActive == null || maxActive <= 0 ? Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) : maxActive;
		queueTimeout = queueTimeout == null ? Duration.ofSeconds(10) : queueTimeout;
		exemptPaths = exemptPaths == null ? List.of() : List.copyOf(exemptPaths);
	}

}
