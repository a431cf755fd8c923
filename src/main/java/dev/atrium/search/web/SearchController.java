package dev.atrium.search.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.SearchSource;
import dev.atrium.search.index.Indexer;
import dev.atrium.search.query.QueryParser;
import dev.atrium.search.query.SearchRequest;
import dev.atrium.search.query.SearchResult;
import dev.atrium.search.query.SearchResults;
import dev.atrium.search.query.Searcher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page (results with facets, highlights and pages; for htmx only the results) and the
 * suggestions the header's search box shows as you type.
 */
@Controller
class SearchController {

	static final int PAGE_SIZE = 20;

	static final int SUGGESTIONS = 8;

	private final Searcher searcher;

	private final Indexer indexer;

	SearchController(Searcher searcher, Indexer indexer) {
		this.searcher = searcher;
		this.indexer = indexer;
	}

	@GetMapping("/search")
	String search(@RequestParam MultiValueMap<String, String> params,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		SearchLinks links = new SearchLinks(params);
		String term = links.term();
		Map<String, String> titles = titles();
		model.addAttribute("term", term);
		model.addAttribute("links", links);
		model.addAttribute("titles", titles);
		if (term.length() > QueryParser.MAX_LENGTH) {
			model.addAttribute("error", "The search is too long: at most " + QueryParser.MAX_LENGTH + " characters.");
			return page(htmx);
		}
		List<String> types = links.values("type").stream().filter(titles::containsKey).toList();
		Map<String, List<String>> filters = new LinkedHashMap<>();
		for (String key : Searcher.FACETS) {
			List<String> values = links.values(key);
			if (!values.isEmpty()) {
				filters.put(key, values);
			}
		}
		boolean anything = !term.isBlank() || !filters.isEmpty() || !types.isEmpty();
		if (anything) {
			SearchResults results = searcher.search(new SearchRequest(term, types, filters, links.page(), PAGE_SIZE), true);
			model.addAttribute("results", results.results().stream().map(r -> ResultView.of(r, titles)).toList());
			model.addAttribute("found", results);
			model.addAttribute("facets", FacetView.all(results.facets(), links, titles));
		}
		return page(htmx);
	}

	@GetMapping("/search/suggestions")
	String suggestions(@RequestParam(name = "term", defaultValue = "") String term, Model model) {
		Map<String, String> titles = titles();
		List<ResultView> found = term.isBlank() || term.length() > QueryParser.MAX_LENGTH ? List.of()
				: searcher.suggest(term, List.of(), SUGGESTIONS).stream().map(r -> ResultView.of(r, titles)).toList();
		model.addAttribute("term", term.strip());
		model.addAttribute("suggestions", found);
		return "search/fragments/suggestions :: suggestions";
	}

	private static String page(String htmx) {
		return htmx != null ? "search/fragments/results :: results" : "search/index";
	}

	private Map<String, String> titles() {
		Map<String, String> titles = new LinkedHashMap<>();
		indexer.sources().values().forEach((SearchSource s) -> titles.put(s.type(), s.title()));
		return titles;
	}

	/** A result as the page shows it. */
	public record ResultView(SearchResult result, String typeTitle, String label, String href, List<String> tags) {

		static ResultView of(SearchResult r, Map<String, String> titles) {
			String kind = r.facet("kind");
			String typeTitle = titles.getOrDefault(r.type(), r.type());
			List<String> tags = r.facets().getOrDefault("tag", List.of());
			return new ResultView(r, typeTitle, kind != null ? kind : typeTitle, safe(r.location()),
					tags.size() > 5 ? tags.subList(0, 5) : tags);
		}

		/** A path inside the portal, or an http(s) URL; anything else is not a link. */
		static String safe(String location) {
			if (location == null) {
				return null;
			}
			if (location.startsWith("/") && !location.startsWith("//") && !location.contains("\\")) {
				return location;
			}
			String lower = location.toLowerCase(java.util.Locale.ROOT);
			return lower.startsWith("https://") || lower.startsWith("http://") ? location : null;
		}

	}

	/** A facet with its values, counts and the links that toggle them. */
	public record FacetView(String key, String title, List<FacetValue> values) {

		public record FacetValue(String value, String label, long count, boolean selected, String href) {
		}

		static List<FacetView> all(Map<String, List<SearchResults.FacetCount>> counts, SearchLinks links,
				Map<String, String> titles) {
			List<FacetView> views = new ArrayList<>();
			add(views, "type", "Result type", counts.get(Searcher.TYPE_FACET), links, titles);
			add(views, "kind", "Kind", counts.get("kind"), links, Map.of());
			add(views, "owner", "Owner", counts.get("owner"), links, Map.of());
			add(views, "lifecycle", "Lifecycle", counts.get("lifecycle"), links, Map.of());
			add(views, "tag", "Tag", counts.get("tag"), links, Map.of());
			return views;
		}

		private static void add(List<FacetView> views, String key, String title, List<SearchResults.FacetCount> counts,
				SearchLinks links, Map<String, String> labels) {
			List<FacetValue> values = new ArrayList<>();
			List<String> selected = links.values(key);
			for (SearchResults.FacetCount c : counts == null ? List.<SearchResults.FacetCount>of() : counts) {
				boolean on = selected.stream().anyMatch(s -> s.equalsIgnoreCase(c.value()));
				values.add(new FacetValue(c.value(), labels.getOrDefault(c.value(), c.value()), c.count(), on,
						links.toggle(key, c.value())));
			}
			// A selected value the results no longer carry stays visible, so it can be switched off.
			for (String s : selected) {
				if (values.stream().noneMatch(v -> v.value().equalsIgnoreCase(s))) {
					values.add(new FacetValue(s, labels.getOrDefault(s, s), 0, true, links.toggle(key, s)));
				}
			}
			if (!values.isEmpty()) {
				views.add(new FacetView(key, title, values));
			}
		}

	}

}
