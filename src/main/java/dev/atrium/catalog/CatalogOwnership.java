package dev.atrium.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Ownership;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who owns the catalog's locations and entities, for the security module's checks on unregistering
 * and deleting. An entity is owned by its {@code spec.owner}; a location by every owner its entities
 * name (entities without an owner, such as groups and users, name none). Both carry who registered the
 * location.
 */
@Component
class CatalogOwnership implements Ownership {

	static final String LOCATION = "catalog-location";

	static final String ENTITY = "catalog-entity";

	private final JdbcClient jdbc;

	CatalogOwnership(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Owners> owners(String type, String id) {
		UUID uuid = uuid(id);
		if (uuid == null) {
			return Optional.empty();
		}
		return switch (type) {
			case LOCATION -> jdbc.sql("SELECT created_by FROM catalog_locations WHERE id = ?")
				.param(uuid)
				.query((rs, n) -> new Owners(refs(jdbc.sql("""
						SELECT DISTINCT owner FROM catalog_entities WHERE location_id = ? AND owner IS NOT NULL""")
					.param(uuid)
					.query(String.class)
					.list()), rs.getString(1)))
				.optional();
			case ENTITY -> jdbc.sql("""
					SELECT e.owner, l.created_by FROM catalog_entities e JOIN catalog_locations l ON l.id = e.location_id
					WHERE e.id = ?""")
				.param(uuid)
				.query((rs, n) -> new Owners(refs(rs.getString(1) == null ? List.of() : List.of(rs.getString(1))),
						rs.getString(2)))
				.optional();
			default -> Optional.empty();
		};
	}

	private static Set<EntityRef> refs(List<String> owners) {
		Set<EntityRef> refs = new LinkedHashSet<>();
		for (String owner : owners) {
			try {
				refs.add(EntityRef.parse(owner));
			}
			catch (IllegalArgumentException ex) {
				// An owner that is no valid reference belongs to nobody who could sign in.
			}
		}
		return refs;
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return null;
		}
	}

}
