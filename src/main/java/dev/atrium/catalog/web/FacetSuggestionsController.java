package dev.atrium.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.TotalCounts;
import dev.atrium.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Suggestions for the catalog page's owner and tag filters. There are thousands of owners and tags in
 * a large catalog: the page shows a text box for each, and this answers what matches what was typed,
 * with counts, as links to the page filtered by each (the htmx fragment under the box). Without
 * htmx it is a page listing them, so the filters can be browsed without JavaScript.
 */
@Controller
class FacetSuggestionsController {

	/** How many suggestions the box shows under it. */
	static final int SHOWN = 12;

	/** How many values of a facet are counted (and kept by {@link TotalCounts}); matches are looked up among them. */
	static final int COUNTED = 5_000;

	/** One suggestion: the filter value, how it reads, how many entities have it, and the filtered page. */
	record Suggestion(String value, String label, long count, String href) {
	}

	private final TotalCounts counts;

	FacetSuggestionsController(TotalCounts counts) {
		this.counts = counts;
	}

	@GetMapping("/catalog/suggestions/{facet}")
	String suggestions(@PathVariable String facet, @RequestParam Map<String, String> params,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		if (!facet.equals("owner") && !facet.equals("tag")) {
			throw new NotFoundException("The catalog has no suggestions for '" + facet + "'");
		}
		CatalogController.Filters filters = CatalogController.filters(params);
		String typed = CatalogController.blank(params.get(facet));
		String term = typed == null ? "" : typed.toLowerCase(Locale.ROOT);
		Criteria ofKind = CatalogController.ofKind(filters.kind());
		List<Map.Entry<String, Long>> values = facet.equals("owner") ? counts.countBy(ofKind, "owner", COUNTED)
				: counts.tagCounts(ofKind, COUNTED);
		int limit = htmx != null ? SHOWN : 500;
		List<Suggestion> suggestions = new ArrayList<>();
		for (Map.Entry<String, Long> value : values) {
			if (suggestions.size() == limit) {
				break;
			}
			String label = facet.equals("owner") ? EntityLinks.display(value.getKey(), "group") : value.getKey();
			if (term.isEmpty() || value.getKey().toLowerCase(Locale.ROOT).contains(term)
					|| label.toLowerCase(Locale.ROOT).contains(term)) {
				suggestions.add(new Suggestion(value.getKey(), label, value.getValue(), filters.with(facet, value.getKey())));
			}
		}
		model.addAttribute("facet", facet);
		model.addAttribute("typed", typed);
		model.addAttribute("filters", filters);
		model.addAttribute("suggestions", suggestions);
		return htmx != null ? "catalog/suggestions :: options" : "catalog/suggestions";
	}

}
