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
		StringBuilder words = new StringBuilder();
		for (String word : type.split("(?<=[a-z0-9])(?=[A-Z])")) {
			String w = word.equalsIgnoreCase("api") ? "API" : word.toLowerCase(Locale.ROOT);
			words.append(words.length() == 0 ? "" : " ").append(words.length() == 0 && !w.equals("API")
					? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
		}
		return words.toString();
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
