package dev.atrium.catalog.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.atrium.catalog.EntitiesChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers counts and facets for a few seconds. Counting 100,000 matching rows costs milliseconds
 * on every page view; the answer changes only when the catalog does. A change made by this instance
 * clears the cache at once; one made by another instance shows within {@link #TTL}.
 */
@Component
public class TotalCounts {

	static final Duration TTL = Duration.ofSeconds(10);

	private static final int MAX_ENTRIES = 2_000;

	private record Cached(long at, Object value) {
	}

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final EntityReader reader;

	public TotalCounts(EntityReader reader) {
		this.reader = reader;
	}

	public long count(Criteria criteria) {
		return get("count|" + criteria.cacheKey(), () -> reader.count(criteria));
	}

	public List<Map.Entry<String, Long>> facet(Criteria criteria, String facet) {
		return get("facet|" + facet + "|" + criteria.cacheKey(), () -> reader.facet(criteria, facet));
	}

	public List<Map.Entry<String, Long>> countBy(Criteria criteria, String column, int limit) {
		return get("by|" + column + "|" + limit + "|" + criteria.cacheKey(), () -> reader.countBy(criteria, column, limit));
	}

	public List<Map.Entry<String, Long>> tagCounts(Criteria criteria, int limit) {
		return get("tags|" + limit + "|" + criteria.cacheKey(), () -> reader.tagCounts(criteria, limit));
	}

	@EventListener
	void on(EntitiesChanged changed) {
		cache.clear();
	}

	@SuppressWarnings("unchecked")
	private <T> T get(String key, Supplier<T> compute) {
		long now = System.nanoTime();
		Cached cached = cache.get(key);
		if (cached != null && now - cached.at() < TTL.toNanos()) {
			return (T) cached.value();
		}
		T value = compute.get();
		if (cache.size() >= MAX_ENTRIES) {
			cache.clear();
		}
		cache.put(key, new Cached(now, value));
		return value;
	}

}
