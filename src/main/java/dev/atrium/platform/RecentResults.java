package dev.atrium.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Results of recent reads, kept until what they were read from changes (a generation this instance
 * counts up on every change it makes or hears of) or for a short time-to-live, so that a change made
 * by another instance shows after at most that long. For reads that many people make the same way:
 * the first page of the catalog, the by-query page a client polls, a pipeline's page. Bounded by
 * entries; when full it starts again empty.
 */
public final class RecentResults<V> {

	private record Kept<V>(V value, long generation, long at) {
	}

	private final Map<String, Kept<V>> kept = new ConcurrentHashMap<>();

	private final LongSupplier generation;

	private final long ttlNanos;

	private final int maxEntries;

	/** Kept while {@code generation} gives what it gave when they were read, and for at most {@code ttl}. */
	public RecentResults(LongSupplier generation, Duration ttl, int maxEntries) {
		this.generation = generation;
		this.ttlNanos = ttl.toNanos();
		this.maxEntries = maxEntries;
	}

	/** The value under a key, computed when it is missing, older than the last change or than the TTL. */
	public V get(String key, Supplier<V> compute) {
		return get(key, generation.getAsLong(), compute);
	}

	/**
	 * The value under a key, computed when it is missing, read before {@code generation} (the key's own,
	 * taken before computing) or older than the TTL.
	 */
	public V get(String key, long generation, Supplier<V> compute) {
		long now = System.nanoTime();
		Kept<V> current = kept.get(key);
		if (ttlNanos > 0 && current != null && current.generation() == generation && now - current.at() < ttlNanos) {
			return current.value();
		}
		V value = compute.get();
		if (value != null && ttlNanos > 0) {
			if (kept.size() >= maxEntries) {
				kept.clear();
			}
			kept.put(key, new Kept<>(value, generation, now));
		}
		return value;
	}

}
