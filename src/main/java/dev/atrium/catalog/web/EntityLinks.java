package dev.atrium.catalog.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.atrium.platform.EntityRef;

/** Where an entity's page lives, and how a reference reads on a page. */
final class EntityLinks {

	private EntityLinks() {
	}

	static String href(EntityRef ref) {
		return "/catalog/" + encode(ref.namespace().toLowerCase(Locale.ROOT)) + "/" + encode(ref.kind().toLowerCase(Locale.ROOT))
				+ "/" + encode(ref.name());
	}

	static String href(String ref) {
		try {
			return href(EntityRef.parse(ref));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The name, with kind and namespace when they are not what the reader expects. */
	static String display(String ref, String expectedKind) {
		try {
			EntityRef parsed = EntityRef.parse(ref);
			String name = parsed.displayName();
			return expectedKind != null && expectedKind.equalsIgnoreCase(parsed.kind()) ? name
					: parsed.kind().toLowerCase(Locale.ROOT) + ":" + name;
		}
		catch (IllegalArgumentException ex) {
			return ref;
		}
	}

	static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
