package dev.atrium.catalog.web;

import java.util.List;
import java.util.Locale;

import dev.atrium.catalog.descriptor.BuiltinKinds;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;

/** One entity as a table row or a card: what list pages show of it. */
public record EntityRow(String ref, String href, String title, String name, String kind, String type, String ownerRef,
		String owner, String ownerHref, String systemRef, String system, String systemHref, String lifecycle,
		String description, List<String> tags) {

	static EntityRow of(Entity entity) {
		EntityRef ref = entity.ref();
		EntityRef owner = BuiltinKinds.ownerOf(entity);
		String system = Entity.string(entity.spec().get("system"));
		EntityRef systemRef = null;
		if (system != null) {
			try {
				systemRef = EntityRef.parse(system, "system", entity.namespace());
			}
			catch (IllegalArgumentException ex) {
				// shown as written
			}
		}
		return new EntityRow(ref.toString(), EntityLinks.href(ref), entity.title(), entity.name(), entity.kind(),
				entity.type(), owner == null ? null : owner.toString(),
				owner == null ? null : EntityLinks.display(owner.toString(), "group"),
				owner == null ? null : EntityLinks.href(owner), systemRef == null ? null : systemRef.toString(),
				systemRef == null ? system : systemRef.displayName(), systemRef == null ? null : EntityLinks.href(systemRef),
				Entity.string(entity.spec().get("lifecycle")), entity.description(), entity.tags());
	}

	/** The classes of the lifecycle's badge. */
	public String badgeClass() {
		return "badge badge-" + lifecycleTone();
	}

	/** The description cut to what a table cell shows (the whole one is its title). */
	public String shortDescription() {
		return description == null || description.length() <= 120 ? description : description.substring(0, 117) + "...";
	}

	/** The badge tone of a lifecycle. */
	public String lifecycleTone() {
		if (lifecycle == null) {
			return "muted";
		}
		return switch (lifecycle.toLowerCase(Locale.ROOT)) {
			case "production" -> "ok";
			case "experimental" -> "info";
			case "deprecated" -> "warn";
			default -> "muted";
		};
	}

}
