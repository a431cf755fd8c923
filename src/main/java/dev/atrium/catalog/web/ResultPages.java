package dev.atrium.catalog.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.atrium.platform.RecentResults;
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

	private final RecentResults<Page> pages;

	private final ITemplateEngine templates;

	ResultPages(TotalCounts counts, ITemplateEngine templates) {
		this.pages = new RecentResults<>(counts::generation, TTL, MAX_ENTRIES);
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
		return pages.get(key, compute);
	}

}
