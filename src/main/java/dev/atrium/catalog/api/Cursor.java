package dev.atrium.catalog.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.atrium.catalog.store.Criteria;
import dev.atrium.platform.InputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of {@code /entities/by-query}: the query itself, where the page starts (a
 * keyset, or an offset when the sort mixes directions), its direction, and the total counted on the
 * first page. Cursors come back from clients: a decoded one is checked like any other input.
 */
record Cursor(List<String> filter, Object predicate, List<String> orderField, String term, List<String> termFields,
		List<String> key, Integer offset, boolean backwards, long total) {

	Cursor {
		filter = filter == null ? List.of() : filter;
		orderField = orderField == null ? List.of() : orderField;
		termFields = termFields == null ? List.of() : termFields;
		key = key == null ? List.of() : key;
		if (offset != null && offset < 0) {
			throw new InputException("Invalid offset: must not be negative");
		}
		if (Stream.of(key, filter, orderField, termFields).flatMap(List::stream).anyMatch(Objects::isNull)) {
			throw new InputException("Malformed cursor");
		}
	}

	/** The condition the cursor's query selects. */
	Criteria criteria() {
		Criteria criteria = predicate != null ? Criteria.predicate(predicate) : Criteria.backstage(filter);
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

	/** {@code a + b}, at most {@link Integer#MAX_VALUE}: offsets from clients must not wrap around. */
	static int plus(int a, int b) {
		return (int) Math.min(Integer.MAX_VALUE, (long) a + b);
	}

	/** The {@code after} cursor of the deprecated {@code GET /entities}: an offset. */
	static String encodeOffset(int offset) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The offset an {@code after} cursor holds.
	 * @throws InputException when it is not one this application wrote
	 */
	static int decodeOffset(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
			if (text.startsWith("o:")) {
				int offset = Integer.parseInt(text.substring(2));
				if (offset >= 0) {
					return offset;
				}
			}
		}
		catch (RuntimeException ex) {
			// malformed: answered below
		}
		throw new InputException("Malformed cursor in 'after'");
	}

}
