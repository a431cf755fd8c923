package dev.atrium.search.query;

import java.util.List;
import java.util.Map;

/**
 * One thing found.
 *
 * @param type the document type (a source's type)
 * @param id the document's id within its type
 * @param title its title
 * @param name its name
 * @param text its text
 * @param location where it lives in the portal
 * @param facets its facet values as the source wrote them
 * @param rank its score: higher is better
 * @param titleHighlight the title with the query's matches
 * @param textHighlight the text (cut around the first match when long) with the query's matches
 */
public record SearchResult(String type, String id, String title, String name, String text, String location,
		Map<String, List<String>> facets, double rank, Highlight titleHighlight, Highlight textHighlight) {

	/** A single facet value, or null. */
	public String facet(String key) {
		List<String> values = facets.get(key);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

}
