package dev.atrium.scaffolder.template;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.NotFoundException;
import org.springframework.stereotype.Component;

/** The templates in the catalog, read through the platform's {@link EntityLookup}. */
@Component
public class Templates {

	/** More templates than any portal has; the list is read whole. */
	private static final int MAX = 2_000;

	private final EntityLookup catalog;

	Templates(EntityLookup catalog) {
		this.catalog = catalog;
	}

	/** Every template, by title. */
	public List<Template> all() {
		return catalog.ofKind("Template", MAX)
			.stream()
			.filter(e -> e.apiVersion() != null && e.apiVersion().startsWith("scaffolder.backstage.io/"))
			.map(Template::of)
			.sorted(Comparator.comparing((Template t) -> t.title().toLowerCase(Locale.ROOT)))
			.toList();
	}

	public Optional<Template> find(EntityRef ref) {
		if (!ref.kind().equalsIgnoreCase("template")) {
			return Optional.empty();
		}
		return catalog.find(ref).map(Template::of);
	}

	/**
	 * The template a reference names ({@code template:ns/name}; the kind may be left out).
	 * @throws NotFoundException when there is none
	 * @throws dev.atrium.platform.InputException when the reference is malformed
	 */
	public Template require(String ref) {
		EntityRef parsed;
		try {
			parsed = EntityRef.parse(ref, "template", EntityRef.DEFAULT_NAMESPACE);
		}
		catch (IllegalArgumentException ex) {
			throw new dev.atrium.platform.InputException("Invalid templateRef: " + ex.getMessage());
		}
		return find(parsed).orElseThrow(() -> new NotFoundException("Found no template " + parsed));
	}

}
