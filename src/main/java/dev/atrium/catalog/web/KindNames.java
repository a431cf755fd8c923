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

	public static String icon(String kind) {
		return kind == null ? "catalog" : switch (kind.toLowerCase(Locale.ROOT)) {
			case "component", "api", "resource", "system", "domain", "group", "user", "template", "location" ->
				kind.toLowerCase(Locale.ROOT);
			default -> "catalog";
		};
	}

}
