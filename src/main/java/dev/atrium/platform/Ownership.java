package dev.atrium.platform;

import java.util.Optional;
import java.util.Set;

/**
 * Who owns a stored thing that a request wants to change or remove, so that the security module can
 * decide who may do it without knowing the module that stores it. Implemented by that module (the
 * catalog answers for its locations and entities); the security module asks every bean.
 * <p>
 * Types are named {@code <module>-<thing>}, such as {@code catalog-location} and
 * {@code catalog-entity}; ids are the thing's id as it appears in the request path.
 */
public interface Ownership {

	/**
	 * The owners of a thing, or empty when this bean does not know the type or the thing does not
	 * exist (the request then goes on and finds its own 404).
	 */
	Optional<Owners> owners(String type, String id);

	/**
	 * What decides who may change a thing.
	 * @param owners the entities (usually groups, sometimes users) that own it, such as the
	 * {@code spec.owner} of an entity; for a thing holding many entities, every owner they name
	 * @param registeredBy the {@link Identity#name()} of whoever created it, or null
	 */
	record Owners(Set<EntityRef> owners, String registeredBy) {

		public Owners {
			owners = Set.copyOf(owners);
		}

	}

}
