package dev.atrium.catalog.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.atrium.catalog.store.TotalCounts;
import org.springframework.stereotype.Component;

/**
 * Remembers the rows of recently viewed catalog pages. The catalog page is the portal's landing
 * page, and most views ask for the same few pages (the first page of components, of APIs, ...);
 * their rows change only when the catalog does. A page is kept until this instance sees a change
 * ({@link TotalCounts#generation()}) or for {@link #TTL}, so a change made by another instance shows
 * as soon as it does in the page's total.
 */
@Component
class ResultPages {

	static final Duration TTL = Duration.ofSeconds(10);

	private static final int MAX_ENTRIES = 500;

	/** One page of the table: its rows and the total of matching entities it was counted with. */
	record Page(long total, int index, int pageCount, List<EntityRow> rows) {
	}

	private record Kept(Page page, long generation, long at) {
	}

	private final Map<String, Kept> pages = new ConcurrentHashMap<>();

	private final TotalCounts counts;

	ResultPages(TotalCounts counts) {
		this.counts = counts;
	}

	/** The page under a key, computed when it is missing, older than the last change or than the TTL. */
	Page get(String key, Supplier<Page> compute) {
		long generation = counts.generation();
		long now = System.nanoTime();
		Kept kept = pages.get(key);
		if (kept != null && kept.generation() == generation && now - kept.at() < TTL.toNanos()) {
			return kept.page();
		}
		Page page = compute.get();
		if (pages.size() >= MAX_ENTRIES) {
			pages.clear();
		}
		pages.put(key, new Kept(page, generation, now));
		return page;
	}

}
