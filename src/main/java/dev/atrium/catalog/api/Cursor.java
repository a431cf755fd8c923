package dev.atrium.catalog.api;

import java.util.Base64;
import java.util.List;

import dev.atrium.platform.InputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of {@code /entities/by-query}: the query itself, where the page starts (a
 * keyset, or an offset when the sort mixes directions), its direction, and the total counted on the
 * first page.
 */
record Cursor(List<String> filter, Object predicate, List<String> orderField, String term, List<String> termFields,
		List<String> key, Integer offset, boolean backwards, long total) {

	/** The condition the cursor's query selects. */
	dev.atrium.catalog.store.Criteria criteria() {
		dev.atrium.catalog.store.Criteria criteria = predicate != null
				? dev.atrium.catalog.store.Criteria.predicate(predicate)
				: dev.atrium.catalog.store.Criteria.backstage(filter);
		return criteria.fullText(term, termFields);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	String encode() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
	}

	static Cursor decode(String cursor) {
		try {
			return JSON.readValue(Base64.getUrlDecoder().decode(cursor.trim()), Cursor.class);
		}
		catch (RuntimeException ex) {
			throw new InputException("Malformed cursor");
		}
	}

}
