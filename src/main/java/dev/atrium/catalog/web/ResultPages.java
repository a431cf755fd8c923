package dev.atrium.catalog.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.atrium.catalog.store.TotalCounts;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

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

	/**
	 * One page of the table: its rows, their HTML (rendered from {@code catalog/fragments/rows.html}),
	 * and the total of matching entities it was counted with.
	 */
	record Page(long total, int index, int pageCount, List<EntityRow> rows, String rowsHtml) {
	}

	private record Kept(Page page, long generation, long at) {
	}

	private final Map<String, Kept> pages = new ConcurrentHashMap<>();

	private final TotalCounts counts;

	private final ITemplateEngine templates;

	ResultPages(TotalCounts counts, ITemplateEngine templates) {
		this.counts = counts;
		this.templates = templates;
	}

	/** A page of rows with their HTML; the kind column is shown when the page lists every kind. */
	Page page(long total, int index, int pageCount, List<EntityRow> rows, boolean showKind) {
		Context context = new Context(Locale.ROOT, Map.of("rows", rows, "showKind", showKind));
		String html = templates.process("catalog/fragments/rows", Set.of("rows"), context);
		return new Page(total, index, pageCount, rows, html);
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
