package dev.atrium.catalog.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.atrium.catalog.EntitiesChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers counts and facets. Counting 100,000 matching rows costs milliseconds on every page view;
 * the answer changes only when the catalog does. A value is computed once however many requests ask
 * for it at the same time; after a change (or {@link #TTL}) the old value is still served while one
 * thread computes the new one, so a busy page never waits on a recount and an ingestion never causes
 * a storm of them. A change made by another instance shows within {@link #TTL} in exact counts and
 * within {@link #PAGE_TTL} in a page's filter counts.
 */
@Component
public class TotalCounts {

	static final Duration TTL = Duration.ofSeconds(10);

	/**
	 * How long a page's filter counts are kept when this instance saw no change. Tag and owner counts
	 * over 100,000 components cost a second of database time each; recounting them every 10 s while
	 * anyone looks at the catalog page kept a tenth of a core busy for answers that had not changed.
	 */
	static final Duration PAGE_TTL = Duration.ofSeconds(60);

	private static final int MAX_ENTRIES = 2_000;

	/**
	 * How many values (counts, facet rows) the cache may hold in all. A facet of a field every entity
	 * has its own value of ({@code metadata.name}) is 100,000 rows at the benchmark's scale: bounding
	 * entries alone would let 2,000 such answers fill the heap.
	 */
	static final long MAX_VALUES = 200_000;

	private final java.util.concurrent.atomic.AtomicLong values = new java.util.concurrent.atomic.AtomicLong();

	private static final class Cached {

		final CompletableFuture<Object> value;

		final long at;

		/** How long computing the value took: an expensive value is refreshed less often. */
		final long cost;

		/**
		 * The catalog's change count when the computation began: a change that lands while a value is
		 * being computed makes that value stale too, although it is stored after the change.
		 */
		final long generation;

		final AtomicBoolean refreshing = new AtomicBoolean();

		Cached(CompletableFuture<Object> value, long at, long cost, long generation) {
			this.value = value;
			this.at = at;
			this.cost = cost;
			this.generation = generation;
		}

		boolean stale(long current) {
			return generation != current;
		}

		/** Old enough to refresh: past the TTL, or changed and older than twenty times its cost. */
		boolean old(long now, long current) {
			long age = now - at;
			return age > Math.max(PAGE_TTL.toNanos(), 20 * cost) || (stale(current) && age > 20 * cost);
		}

	}

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	/** How many changes the catalog has seen; a cached value computed before the latest one is stale. */
	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

	private final EntityReader reader;

	private final Executor refresher = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "catalog-counts");
		thread.setDaemon(true);
		return thread;
	});

	public TotalCounts(EntityReader reader) {
		this.reader = reader;
	}

	/** The exact number of matching entities (recounted after a change, once however many ask). */
	public long count(Criteria criteria) {
		return get("count|" + criteria.cacheKey(), () -> reader.count(criteria), true);
	}

	/** Exact facet counts, for the API. */
	public List<Map.Entry<String, Long>> facet(Criteria criteria, String facet) {
		return get("facet|" + facet + "|" + criteria.cacheKey(), () -> reader.facet(criteria, facet), true);
	}

	/** Counts per column value for a page's filters; may lag a change by a moment. */
	public List<Map.Entry<String, Long>> countBy(Criteria criteria, String column, int limit) {
		return get("by|" + column + "|" + limit + "|" + criteria.cacheKey(), () -> reader.countBy(criteria, column, limit),
				false);
	}

	/** Counts per tag for a page's filters; may lag a change by a moment. */
	public List<Map.Entry<String, Long>> tagCounts(Criteria criteria, int limit) {
		return get("tags|" + limit + "|" + criteria.cacheKey(), () -> reader.tagCounts(criteria, limit), false);
	}

	/**
	 * How many changes this instance has seen: a value computed at one generation is stale at the next.
	 * Page caches outside this class key on it too.
	 */
	public long generation() {
		return changes.get();
	}

	@EventListener
	void on(EntitiesChanged changed) {
		changes.incrementAndGet();
	}

	@SuppressWarnings("unchecked")
	private <T> T get(String key, Supplier<T> compute, boolean strict) {
		long now = System.nanoTime();
		long generation = changes.get();
		Cached cached = cache.get(key);
		boolean old = cached != null
				&& (strict ? cached.stale(generation) || now - cached.at > TTL.toNanos() : cached.old(now, generation));
		if (strict && old) {
			cache.remove(key, cached); // the next caller computes; the ones behind it wait for that result
			cached = null;
		}
		if (cached == null || cached.value.isCompletedExceptionally()) {
			if (cache.size() >= MAX_ENTRIES || values.get() > MAX_VALUES) {
				clear();
			}
			CompletableFuture<Object> pending = new CompletableFuture<>();
			Cached fresh = new Cached(pending, now, 0, generation);
			cached = cache.putIfAbsent(key, fresh);
			if (cached == null) {
				cached = fresh;
				try {
					Object value = compute.get();
					long done = System.nanoTime();
					values.addAndGet(weight(value));
					cache.replace(key, fresh, new Cached(CompletableFuture.completedFuture(value), done, done - now, generation));
					fresh.value.complete(value);
				}
				catch (RuntimeException ex) {
					fresh.value.completeExceptionally(ex);
					cache.remove(key, fresh);
					throw ex;
				}
			}
		}
		else if (old && cached.refreshing.compareAndSet(false, true)) {
			refresher.execute(() -> {
				try {
					long start = System.nanoTime();
					long startGeneration = changes.get();
					Object value = compute.get();
					long done = System.nanoTime();
					values.addAndGet(weight(value));
					cache.put(key, new Cached(CompletableFuture.completedFuture(value), done, done - start, startGeneration));
				}
				catch (RuntimeException ex) {
					cache.remove(key);
				}
			});
		}
		try {
			return (T) cached.value.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			// Those who waited for another caller's computation get its failure as that caller did: an
			// InputException is still a 400.
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** How many values the cache holds now (roughly: replaced values count until the next clear). */
	long values() {
		return values.get();
	}

	private void clear() {
		cache.clear();
		values.set(0);
	}

	private static long weight(Object value) {
		return value instanceof java.util.Collection<?> c ? Math.max(1, c.size()) : 1;
	}

}
