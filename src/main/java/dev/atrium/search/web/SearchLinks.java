package dev.atrium.search.web;

import java.util.ArrayList;
import java.util.List;

import dev.atrium.search.index.FacetValues;
import dev.atrium.search.query.QueryParser;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The search page's parameters (control characters read as spaces: no one types them, and PostgreSQL
 * refuses NUL), and links to the same search with one thing changed.
 */
public final class SearchLinks {

	private static final List<String> KEPT = List.of("term", "type", "kind", "owner", "lifecycle", "tag");

	private final MultiValueMap<String, String> params;

	/** What other portals call the search words: Backstage's search page {@code query}, and {@code q}. */
	private static final List<String> TERM_ALIASES = List.of("query", "q");

	SearchLinks(MultiValueMap<String, String> params) {
		this.params = new LinkedMultiValueMap<>();
		KEPT.forEach(k -> {
			List<String> values = given(params, k)
				.stream()
				.map(v -> QueryParser.clean(v).strip())
				.filter(v -> !v.isBlank())
				.toList();
			if (!values.isEmpty()) {
				this.params.put(k, new ArrayList<>(values));
			}
		});
		String page = params.getFirst("page");
		this.page = page != null && page.matches("\\d{1,4}") ? Integer.parseInt(page) : 0;
	}

	private final int page;

	private static List<String> given(MultiValueMap<String, String> params, String key) {
		List<String> values = params.getOrDefault(key, List.of());
		if (key.equals("term") && values.isEmpty()) {
			return TERM_ALIASES.stream().map(a -> params.getOrDefault(a, List.of())).filter(v -> !v.isEmpty()).findFirst()
				.orElse(List.of());
		}
		return values;
	}

	public String term() {
		return params.getOrDefault("term", List.of("")).get(0).strip();
	}

	public List<String> values(String key) {
		return params.getOrDefault(key, List.of());
	}

	public int page() {
		return page;
	}

	public boolean filtered() {
		return params.keySet().stream().anyMatch(k -> !k.equals("term"));
	}

	/** This search with a facet value switched on or off, from its first page. */
	public String toggle(String key, String value) {
		MultiValueMap<String, String> next = copy();
		List<String> values = new ArrayList<>(next.getOrDefault(key, List.of()));
		if (!values.removeIf(v -> FacetValues.same(key, v, value))) {
			values.add(value);
		}
		next.remove(key);
		if (!values.isEmpty()) {
			next.put(key, values);
		}
		return href(next, 0);
	}

	/** This search on another page. */
	public String page(int page) {
		return href(copy(), page);
	}

	/** The same words without any filter. */
	public String unfiltered() {
		MultiValueMap<String, String> next = new LinkedMultiValueMap<>();
		next.add("term", term());
		return href(next, 0);
	}

	/** Another search, with the same filters. */
	public String withTerm(String term) {
		MultiValueMap<String, String> next = copy();
		next.put("term", new ArrayList<>(List.of(term)));
		return href(next, 0);
	}

	private MultiValueMap<String, String> copy() {
		MultiValueMap<String, String> copy = new LinkedMultiValueMap<>();
		params.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
		return copy;
	}

	/** Values go in as template variables, encoded strictly: {@code c++} stays c++, not "c  ". */
	private static String href(MultiValueMap<String, String> params, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/search");
		java.util.Map<String, Object> vars = new java.util.HashMap<>();
		params.forEach((k, values) -> {
			for (int i = 0; i < values.size(); i++) {
				uri.queryParam(k, "{" + k + i + "}");
				vars.put(k + i, values.get(i));
			}
		});
		if (page > 0) {
			uri.queryParam("page", page);
		}
		return uri.encode().buildAndExpand(vars).toUriString();
	}

}
