package dev.atrium.catalog.descriptor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flattens an entity into the lower-cased {@code path=value} and {@code path} strings that Backstage's
 * filters match ({@code kind=component}, {@code metadata.tags.java=true}, {@code spec.owner}).
 * They are stored in one array column with a GIN index: one row per entity instead of Backstage's
 * ~26 key/value rows.
 */
public final class Facts {

	/** Longer values are not matched by filters (Backstage skips them too); their keys still are. */
	static final int MAX_VALUE_LENGTH = 200;

	/**
	 * Keys every entity has: an existence filter on them is always true, so they are not stored.
	 */
	public static final Set<String> ALWAYS_PRESENT = Set.of("apiversion", "kind", "metadata", "metadata.name",
			"metadata.namespace", "metadata.uid", "metadata.etag", "metadata.annotations",
			"metadata.annotations.backstage.io/managed-by-location",
			"metadata.annotations.backstage.io/managed-by-origin-location");

	/**
	 * Keys whose values are matched elsewhere: through an indexed column (kind, namespace, name, type,
	 * lifecycle), or by reading the document (values unique to each entity, which would bloat the GIN
	 * index and which nobody filters large catalogs by). Their existence is still recorded.
	 */
	public static final Set<String> VALUES_ELSEWHERE = Set.of("apiversion", "kind", "metadata.namespace", "metadata.name",
			"metadata.uid", "metadata.etag", "metadata.title", "metadata.description", "spec.type", "spec.lifecycle",
			"spec.definition", "metadata.annotations.backstage.io/managed-by-location",
			"metadata.annotations.backstage.io/managed-by-origin-location");

	/**
	 * Longer facts are left out: a GIN index entry holds at most ~2700 bytes, and one entry too large
	 * fails the write of the whole file. 600 characters stay under it even at 4 bytes each.
	 */
	static final int MAX_FACT_LENGTH = 600;

	private Facts() {
	}

	public static Set<String> of(Map<String, Object> body) {
		Set<String> facts = new LinkedHashSet<>();
		body.forEach((key, value) -> {
			if (!key.equals("relations") && !key.equals("status")) {
				collect(key.toLowerCase(Locale.ROOT), value, facts);
			}
		});
		facts.removeIf(fact -> fact.length() > MAX_FACT_LENGTH);
		return facts;
	}

	private static void collect(String path, Object value, Set<String> facts) {
		if (!ALWAYS_PRESENT.contains(path)) {
			facts.add(path);
		}
		if (VALUES_ELSEWHERE.contains(path)) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> collect(path + "." + String.valueOf(k).toLowerCase(Locale.ROOT), v, facts));
		}
		else if (value instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> || item instanceof List<?>) {
					collect(path, item, facts);
				}
				else if (item != null) {
					String text = item.toString().toLowerCase(Locale.ROOT);
					// One entry per item: Backstage's other spellings of it, "path.item" and "path.item=true",
					// are matched by translating the filter (see Criteria), not by storing them too.
					if (text.length() <= MAX_VALUE_LENGTH) {
						facts.add(path + "=" + text);
					}
				}
			}
		}
		else if (value != null) {
			String text = value.toString().toLowerCase(Locale.ROOT);
			if (text.length() <= MAX_VALUE_LENGTH) {
				facts.add(path + "=" + text);
			}
		}
	}

}
