package dev.atrium.catalog.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Results of recent reads, kept until this instance sees a catalog change ({@link TotalCounts#generation()})
 * or for a short time-to-live, so that a change made by another instance shows as soon as it does in
 * the counts. For reads that many people make the same way: the first page of the catalog, the
 * by-query page a client polls. Bounded by entries; when full it starts again empty.
 */
public final class RecentResults<V> {

	private record Kept<V>(V value, long generation, long at) {
	}

	private final Map<String, Kept<V>> kept = new ConcurrentHashMap<>();

	private final TotalCounts counts;

	private final long ttlNanos;

	private final int maxEntries;

	public RecentResults(TotalCounts counts, Duration ttl, int maxEntries) {
		this.counts = counts;
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
	}

	/** The value under a key, computed when it is missing, older than the last change or than the TTL. */
	public V get(String key, Supplier<V> compute) {
		long generation = counts.generation();
		long now = System.nanoTime();
		Kept<V> current = kept.get(key);
		if (current != null && current.generation() == generation && now - current.at() < ttlNanos) {
			return current.value();
		}
		V value = compute.get();
		if (value != null) {
			if (kept.size() >= maxEntries) {
				kept.clear();
			}
			kept.put(key, new Kept<>(value, generation, now));
		}
		return value;
	}

}
