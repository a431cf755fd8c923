package dev.atrium.search.query;

import java.util.List;
import java.util.Map;

/**
 * What a caller asks for.
 *
 * @param term the query in web-search syntax; empty for everything
 * @param types document types to search (all when empty)
 * @param filters facet values to narrow by: any of a key's values, all keys
 * @param page zero-based page
 * @param limit results per page
 */
public record SearchRequest(String term, List<String> types, Map<String, List<String>> filters, int page, int limit) {

	public SearchRequest {
		term = term == null ? "" : term;
		types = List.copyOf(types);
		filters = Map.copyOf(filters);
	}

}
