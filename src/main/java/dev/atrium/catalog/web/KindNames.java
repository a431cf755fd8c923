package dev.atrium.catalog.web;

import java.util.Locale;

/** How kinds read on pages: Backstage's spelling for the built-in ones. */
public final class KindNames {

	private KindNames() {
	}

	public static String label(String kind) {
		if (kind == null || kind.isEmpty()) {
			return "";
		}
		return switch (kind.toLowerCase(Locale.ROOT)) {
			case "api" -> "API";
			default -> Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
		};
	}

	/** A relation type as words: {@code providesApi} reads "Provides API", {@code ownedBy} "Owned by". */
	public static String relation(String type) {
		if (type == null || type.isEmpty()) {
			return "";
		}
		String words = java.util.Arrays.stream(type.split("(?<=[a-z0-9])(?=[A-Z])"))
			.map(w -> w.equalsIgnoreCase("api") ? "API" : w.toLowerCase(Locale.ROOT))
			.collect(java.util.stream.Collectors.joining(" "));
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/** The icon a kind is drawn with; kinds without one of their own get the catalog's. */
	public static String icon(String kind) {
		return kind == null ? "catalog" : switch (kind.toLowerCase(Locale.ROOT)) {
			case "component", "api", "resource", "system", "domain", "group", "user", "template", "location" ->
				kind.toLowerCase(Locale.ROOT);
			default -> "catalog";
		};
	}

}
