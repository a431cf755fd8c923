package dev.atrium.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Order;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import org.springframework.stereotype.Component;

/**
 * The catalog's face to other modules and plugins: read access through the platform's
 * {@link EntityLookup}, so no module needs to import the catalog.
 */
@Component
public class Catalog implements EntityLookup {

	private final EntityReader reader;

	Catalog(EntityReader reader) {
		this.reader = reader;
	}

	@Override
	public Optional<Entity> find(EntityRef ref) {
		return reader.byRef(ref.toString()).map(Stored::entity);
	}

	@Override
	public List<Entity> findAll(Collection<EntityRef> refs) {
		List<Entity> entities = new ArrayList<>();
		reader.byRefs(refs.stream().map(EntityRef::toString).toList()).values().forEach(s -> entities.add(s.entity()));
		return entities;
	}

	@Override
	public List<Entity> withAnnotation(String key, int limit) {
		return reader.list(Criteria.backstage(List.of("metadata.annotations." + key.toLowerCase(Locale.ROOT))),
				List.of(new Order("metadata.name", true)), 0, limit).stream().map(Stored::entity).toList();
	}

	@Override
	public List<Entity> matching(String filter, int limit) {
		return reader.list(Criteria.backstage(List.of(filter)), List.of(new Order("metadata.name", true)), 0, limit)
			.stream()
			.map(Stored::entity)
			.toList();
	}

	@Override
	public List<Entity> ofKind(String kind, int limit) {
		return reader.list(Criteria.all().anyOf("kind", List.of(kind)), List.of(new Order("metadata.name", true)), 0, limit)
			.stream()
			.map(Stored::entity)
			.toList();
	}

}
