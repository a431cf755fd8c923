package dev.atrium.platform;

import java.util.List;

/**
 * Published by the catalog after entities were created, changed or removed (once committed), so that
 * modules showing catalog data beside their own (a pipeline's owner, say) can refresh it without
 * depending on the catalog.
 *
 * @param refs the entities created, changed or removed
 */
public record CatalogEntitiesChanged(List<EntityRef> refs) {

	public CatalogEntitiesChanged {
		refs = List.copyOf(refs);
	}

}
