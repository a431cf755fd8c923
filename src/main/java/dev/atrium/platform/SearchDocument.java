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
 */
public record SearchDocument(String id, String title, String name, String text, String location,
		Map<String, List<String>> facets) {

	public SearchDocument {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		facets = Map.copyOf(facets);
	}

}
