package dev.atrium.search.index;

import java.util.Locale;

import dev.atrium.platform.EntityRef;

/**
 * Facet values as search stores, filters and shows them. An owner is an entity ref, which sources
 * write in any of Backstage's forms ({@code payments-team}, {@code group:payments-team},
 * {@code group:default/payments-team}): search stores and filters by the full ref, so one team is one
 * facet value whichever source wrote it, and pages show it short ({@code payments-team}).
 */
public final class FacetValues {

	/** The facet whose values are entity refs, groups unless they say otherwise. */
	public static final String OWNER = "owner";

	private FacetValues() {
	}

	/** The value as stored and compared: an owner as its full ref, anything else as written. */
	public static String canonical(String key, String value) {
		EntityRef ref = owner(key, value);
		return ref == null ? value : ref.toString();
	}

	/**
	 * The value as pages show it: a group owner by its name (namespace first unless default), another owner
	 * kind:name; a kind as Backstage writes kinds (Component, API), a plugin's lower-case kind capitalised.
	 */
	public static String label(String key, String value) {
		if ("kind".equalsIgnoreCase(key) && !value.isEmpty() && value.equals(value.toLowerCase(Locale.ROOT))) {
			return Character.toUpperCase(value.charAt(0)) + value.substring(1);
		}
		EntityRef ref = owner(key, value);
		if (ref == null) {
			return value;
		}
		return "group".equalsIgnoreCase(ref.kind()) ? ref.displayName()
				: ref.kind().toLowerCase(Locale.ROOT) + ":" + ref.displayName();
	}

	/** Whether two values of a key are the same value. */
	public static boolean same(String key, String a, String b) {
		return canonical(key, a).equalsIgnoreCase(canonical(key, b));
	}

	private static EntityRef owner(String key, String value) {
		if (!OWNER.equalsIgnoreCase(key) || value == null || value.isBlank()) {
			return null;
		}
		try {
			return EntityRef.parse(value.strip(), "group", EntityRef.DEFAULT_NAMESPACE);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
