package dev.atrium.platform;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the catalog for other modules and plugins, which must not depend on the catalog
 * module itself. Implemented by the catalog.
 */
public interface EntityLookup {

	/** The entity, with its relations. */
	Optional<Entity> find(EntityRef ref);

	/** The entities that exist among these references, in no particular order. */
	List<Entity> findAll(Collection<EntityRef> refs);

	/** Entities carrying an annotation, with any value; at most {@code limit}. */
	List<Entity> withAnnotation(String key, int limit);

	/** Entities of one kind, sorted by name; at most {@code limit}. */
	List<Entity> ofKind(String kind, int limit);

	/**
	 * Entities matching a filter in Backstage's syntax for {@code GET /entities?filter=}: comma-separated
	 * {@code path=value} conditions that must all hold, matching values case-insensitively, such as
	 * {@code kind=user,spec.profile.email=ada@example.com}; sorted by name, at most {@code limit}.
	 * The default answers nothing, for lookups that cannot filter.
	 */
	default List<Entity> matching(String filter, int limit) {
		return List.of();
	}

}
