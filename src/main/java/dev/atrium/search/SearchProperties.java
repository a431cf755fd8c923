package dev.atrium.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of search, {@code atrium.search.*}.
 *
 * @param rebuildInterval how often every source's index is rebuilt in full (changes are indexed as they happen)
 * @param indexInterval how often waiting changes are indexed: a change is searchable about this long after it
 * @param batchSize documents read from a source and written at once
 * @param buildLease how long a rebuild holds its claim without renewing it before another instance may take over
 * @param backlogRebuild when more changes of one source wait than this, they are not indexed one by one: its
 * index is rebuilt once they stop arriving
 */
@ConfigurationProperties("atrium.search")
public record SearchProperties(@DefaultValue("6h") Duration rebuildInterval, @DefaultValue("1s") Duration indexInterval,
		@DefaultValue("1000") int batchSize, @DefaultValue("2m") Duration buildLease,
		@DefaultValue("5000") int backlogRebuild) {
}
