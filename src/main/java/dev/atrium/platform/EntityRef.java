package dev.atrium.platform;

import java.util.Locale;

/**
 * A reference to a catalog entity, written {@code [<kind>:][<namespace>/]<name>} as in Backstage.
 * Kind and namespace are compared case-insensitively; {@link #toString()} gives the canonical,
 * lower-cased {@code kind:namespace/name}.
 */
public record EntityRef(String kind, String namespace, String name) {

	/** The namespace entities live in when they do not name one. */
	public static final String DEFAULT_NAMESPACE = "default";

	public EntityRef {
		if (isBlank(kind) || isBlank(namespace) || isBlank(name)) {
			throw new IllegalArgumentException("Entity reference needs a kind, a namespace and a name");
		}
	}

	/** Parses a full reference; kind is required. */
	public static EntityRef parse(String ref) {
		return parse(ref, null, DEFAULT_NAMESPACE);
	}

	/**
	 * Parses a reference that may leave out its kind or namespace, as descriptor fields do.
	 * @param defaultKind the kind when the reference names none, or null when a kind is required
	 * @param defaultNamespace the namespace when the reference names none
	 * @throws IllegalArgumentException when the reference is not of the form {@code [<kind>:][<namespace>/]<name>}
	 */
	public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
		if (ref == null || ref.isBlank()) {
			throw new IllegalArgumentException("Entity reference must not be empty");
		}
		String rest = ref.trim();
		String kind = defaultKind;
		int colon = rest.indexOf(':');
		int slash = rest.indexOf('/');
		// Backstage: a ':' after the first '/' belongs to the name.
		if (colon >= 0 && (slash < 0 || colon < slash)) {
			kind = rest.substring(0, colon);
			rest = rest.substring(colon + 1);
			slash = rest.indexOf('/');
		}
		String namespace = defaultNamespace == null ? DEFAULT_NAMESPACE : defaultNamespace;
		if (slash >= 0) {
			namespace = rest.substring(0, slash);
			rest = rest.substring(slash + 1);
		}
		if (kind == null) {
			throw new IllegalArgumentException("Entity reference \"" + ref
					+ "\" had no kind; it should start with \"component:\" or similar");
		}
		if (isBlank(kind) || isBlank(namespace) || isBlank(rest)) {
			throw new IllegalArgumentException(
					"Entity reference \"" + ref + "\" was not on the form [<kind>:][<namespace>/]<name>");
		}
		return new EntityRef(kind, namespace, rest);
	}

	/** References are equal when they name the same entity, ignoring case. */
	@Override
	public boolean equals(Object other) {
		// Part by part, without building the canonical strings: ingestion compares refs millions of times.
		return this == other || other instanceof EntityRef ref && sameIgnoringCase(name, ref.name)
				&& sameIgnoringCase(namespace, ref.namespace) && sameIgnoringCase(kind, ref.kind);
	}

	/** The hash of {@link #toString()}, computed without building it. */
	@Override
	public int hashCode() {
		int h = lowerHash(0, kind);
		h = 31 * h + ':';
		h = lowerHash(h, namespace);
		h = 31 * h + '/';
		return lowerHash(h, name);
	}

	private static boolean sameIgnoringCase(String a, String b) {
		return a.equals(b) || a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
	}

	/** Continues {@link String#hashCode()} over {@code s} lower-cased as {@link #toString()} does. */
	private static int lowerHash(int h, String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 128) {
				String lower = s.toLowerCase(Locale.ROOT);
				for (int j = 0; j < lower.length(); j++) {
					h = 31 * h + lower.charAt(j);
				}
				return h;
			}
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		}
		return h;
	}

	/** The canonical, lower-cased form {@code kind:namespace/name}. */
	@Override
	public String toString() {
		return (kind + ":" + namespace + "/" + name).toLowerCase(Locale.ROOT);
	}

	/** A short form for pages: the name, prefixed by the namespace when it is not the default. */
	public String displayName() {
		return DEFAULT_NAMESPACE.equalsIgnoreCase(namespace) ? name : namespace + "/" + name;
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}

}
