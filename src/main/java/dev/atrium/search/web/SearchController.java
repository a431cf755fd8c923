package dev.atrium.search.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.SearchSource;
import dev.atrium.search.index.FacetValues;
import dev.atrium.search.index.Indexer;
import dev.atrium.search.query.QueryParser;
import dev.atrium.search.query.SearchRequest;
import dev.atrium.search.query.SearchResult;
import dev.atrium.search.query.SearchResults;
import dev.atrium.search.query.Searcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page (results with facets, highlights and pages; for htmx only the results) and the
 * suggestions the header's search box shows as you type. A query the parser refuses (too long, too
 * many words) is a message on the page or in the suggestions, never an error page.
 */
@Controller
class SearchController {

	static final int PAGE_SIZE = 20;

	static final int SUGGESTIONS = 8;

	private final Searcher searcher;

	private final Indexer indexer;

	private final ObjectProvider<Identities> identities;

	SearchController(Searcher searcher, Indexer indexer, ObjectProvider<Identities> identities) {
		this.searcher = searcher;
		this.indexer = indexer;
		this.identities = identities;
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
			try {
				SearchResults results = searcher.search(new SearchRequest(term, types, filters, links.page(), PAGE_SIZE, caller()),
						true);
				model.addAttribute("results", results.results().stream().map(r -> ResultView.of(r, titles)).toList());
				model.addAttribute("found", results);
				model.addAttribute("facets", FacetView.all(results.facets(), links, titles));
			}
			catch (InputException ex) {
				model.addAttribute("error", ex.getMessage() + ".");
			}
		}
		return page(htmx);
	}

	@GetMapping("/search/suggestions")
	String suggestions(@RequestParam(name = "term", defaultValue = "") String term, Model model) {
		Map<String, String> titles = titles();
		String typed = QueryParser.clean(term).strip();
		List<ResultView> found = List.of();
		try {
			found = typed.isBlank() ? List.of()
					: searcher.suggest(typed, List.of(), SUGGESTIONS, caller()).stream().map(r -> ResultView.of(r, titles)).toList();
		}
		catch (InputException ex) {
			model.addAttribute("error", ex.getMessage() + ".");
		}
		model.addAttribute("term", typed);
		model.addAttribute("suggestions", found);
		return "search/fragments/suggestions :: suggestions";
	}

	private Identity caller() {
		Identities who = identities.getIfAvailable();
		return who == null ? Identity.ANONYMOUS : who.current();
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
	public record ResultView(SearchResult result, String typeTitle, String label, String href, List<String> tags, String owner) {

		static ResultView of(SearchResult r, Map<String, String> titles) {
			String kind = r.facet("kind");
			String typeTitle = titles.getOrDefault(r.type(), r.type());
			List<String> tags = r.facets().getOrDefault("tag", List.of());
			String owner = r.facet(FacetValues.OWNER);
			return new ResultView(r, typeTitle, kind != null ? FacetValues.label("kind", kind) : typeTitle, safe(r.location()),
					tags.size() > 5 ? tags.subList(0, 5) : tags, owner == null ? null : FacetValues.label(FacetValues.OWNER, owner));
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
				boolean on = selected.stream().anyMatch(s -> FacetValues.same(key, s, c.value()));
				values.add(new FacetValue(c.value(), label(key, c.value(), labels), c.count(), on, links.toggle(key, c.value())));
			}
			// A selected value the results no longer carry stays visible, so it can be switched off.
			for (String s : selected) {
				if (values.stream().noneMatch(v -> FacetValues.same(key, v.value(), s))) {
					values.add(new FacetValue(s, label(key, s, labels), 0, true, links.toggle(key, s)));
				}
			}
			if (!values.isEmpty()) {
				views.add(new FacetView(key, title, values));
			}
		}

		private static String label(String key, String value, Map<String, String> labels) {
			return labels.getOrDefault(value, FacetValues.label(key, value));
		}

	}

}
