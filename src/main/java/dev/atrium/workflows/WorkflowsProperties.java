package dev.atrium.workflows;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of workflows, {@code atrium.workflows.*}.
 *
 * @param demo generate run histories for the demo catalog's pipelines when no pipeline is stored yet
 * @param maxPayloadSize the largest request body {@code POST /api/v1/lineage} reads (larger: 413); the security
 *     module's {@code atrium.security.max-request-size} (1MB) applies too, so raise both
 * @param maxEventsPerRequest how many events a JSON array may hold
 * @param batchSize how many events the writer stores in one transaction at most
 * @param queueSize how many requests may wait for the writer before new ones get a 503
 * @param writers how many threads write batches, each in its own transaction (while one waits for its commit
 *     to be flushed, another writes)
 * @param writeTimeout how long a request waits for its events to be committed
 * @param scheduleGrace how long after a scheduled time a run may take to complete before its pipeline is late (an
 *     entity's {@code atrium.io/schedule-grace} annotation sets its own)
 * @param recentRuns how many recent runs the index's success rate and duration trend cover (kept in each job's
 *     row at ingestion: after a change, a job shows the new number from its next event on)
 * @param summaryCache how long the pipelines index may reuse the pipelines it read, and a pipeline's page its
 *     runs, lineage and datasets: events this instance writes are seen at once, those of other instances after at
 *     most this long; 0 reads on every view
 * @param ownerRefresh how often the catalog's pipeline owners ({@code openlineage.io/job} annotations) are read again
 * @param searchDebounce how long changed pipelines are collected before search is told
 * @param lineageWindow how long before a job's latest event a dataset it read or wrote must have been seen to stay
 *     in its reads, writes and lineage (2 hours at least): datasets a job stopped using leave its lineage
 */
@ConfigurationProperties("atrium.workflows")
public record WorkflowsProperties(@DefaultValue("true") boolean demo, @DefaultValue("1MB") DataSize maxPayloadSize,
		@DefaultValue("1000") int maxEventsPerRequest, @DefaultValue("1000") int batchSize,
		@DefaultValue("10000") int queueSize, @DefaultValue("2") int writers, @DefaultValue("30s") Duration writeTimeout,
		@DefaultValue("1h") Duration scheduleGrace, @DefaultValue("20") int recentRuns,
		@DefaultValue("30s") Duration ownerRefresh, @DefaultValue("2s") Duration searchDebounce,
		@DefaultValue("1s") Duration summaryCache, @DefaultValue("7d") Duration lineageWindow) {
}
