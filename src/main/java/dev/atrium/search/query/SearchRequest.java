package dev.atrium.search.query;

import java.util.List;
import java.util.Map;

import dev.atrium.platform.Identity;

/**
 * What a caller asks for.
 *
 * @param term the query in web-search syntax; empty for everything
 * @param types document types to search (all when empty)
 * @param filters facet values to narrow by: any of a key's values, all keys
 * @param page zero-based page
 * @param limit results per page
 * @param caller who asks: documents visible only to some are found only by them (and admins);
 *     {@link Identity#ANONYMOUS} when null, who finds only what everyone may see
 */
public record SearchRequest(String term, List<String> types, Map<String, List<String>> filters, int page, int limit,
		Identity caller) {

	public SearchRequest {
		term = term == null ? "" : term;
		types = List.copyOf(types);
		filters = Map.copyOf(filters);
		caller = caller == null ? Identity.ANONYMOUS : caller;
	}

	/** A request for what everyone may see. */
	public SearchRequest(String term, List<String> types, Map<String, List<String>> filters, int page, int limit) {
		this(term, types, filters, page, limit, null);
	}

	/** The same request, asked by {@code caller}. */
	public SearchRequest by(Identity caller) {
		return new SearchRequest(term, types, filters, page, limit, caller);
	}

}
