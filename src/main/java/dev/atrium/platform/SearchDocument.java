package dev.atrium.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing search can find.
 *
 * @param id unique within its source's type, such as an entity ref
 * @param title what a result shows first (ranked highest)
 * @param name short machine name, matched exactly, by prefix and with typos (may equal the title)
 * @param text description and other prose (ranked below the title)
 * @param location path inside the portal where the thing lives, such as {@code /catalog/default/component/x}
 * @param facets values to narrow results by: {@code kind}, {@code owner}, {@code lifecycle}, {@code tag}, ...
 * @param keywords other words the thing is found by, ranked below its text: tags, types, owner names
 *     (may be empty)
 */
public record SearchDocument(String id, String title, String name, String text, String location,
		Map<String, List<String>> facets, String keywords) {

	public SearchDocument {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		facets = Map.copyOf(facets);
		keywords = keywords == null ? "" : keywords;
	}

	/** A document without keywords: its facet values are searchable at the lowest rank anyway. */
	public SearchDocument(String id, String title, String name, String text, String location,
			Map<String, List<String>> facets) {
		this(id, title, name, text, location, facets, "");
	}

}
