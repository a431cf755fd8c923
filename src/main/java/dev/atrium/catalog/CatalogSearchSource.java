package dev.atrium.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Order;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchDocumentsChanged;
import dev.atrium.platform.SearchSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every catalog entity as a search document, as Backstage's catalog collator describes them (type
 * {@code software-catalog}, location {@code /catalog/:namespace/:kind/:name}), with facets to narrow
 * results by. Templates are entities of kind Template, so they are found here too. Changes reach
 * search through the platform's {@link SearchDocumentsChanged}, translated from {@link EntitiesChanged}.
 */
@Component
class CatalogSearchSource implements SearchSource {

	static final String TYPE = "software-catalog";

	private static final int BATCH = 500;

	private final EntityReader reader;

	private final ApplicationEventPublisher events;

	CatalogSearchSource(EntityReader reader, ApplicationEventPublisher events) {
		this.reader = reader;
		this.events = events;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public String title() {
		return "Catalog";
	}

	@Override
	public void documents(Consumer<SearchDocument> sink) {
		reader.stream(Criteria.all(), List.of(new Order("metadata.name", true)), BATCH,
				batch -> batch.forEach(stored -> sink.accept(document(stored))));
	}

	@Override
	public List<SearchDocument> documents(Collection<String> ids) {
		List<SearchDocument> found = new ArrayList<>();
		List<String> refs = new ArrayList<>(ids);
		for (int i = 0; i < refs.size(); i += BATCH) {
			reader.byRefs(refs.subList(i, Math.min(refs.size(), i + BATCH))).values().forEach(s -> found.add(document(s)));
		}
		return found;
	}

	@EventListener
	void on(EntitiesChanged changed) {
		Set<String> ids = new LinkedHashSet<>(changed.upserted());
		ids.addAll(changed.removed());
		if (!ids.isEmpty()) {
			events.publishEvent(new SearchDocumentsChanged(TYPE, List.copyOf(ids)));
		}
	}

	static SearchDocument document(Stored stored) {
		Entity entity = stored.entity();
		String kind = entity.kind();
		Map<String, List<String>> facets = new LinkedHashMap<>();
		facets.put("kind", List.of(kind));
		facets.put("namespace", List.of(entity.namespace()));
		put(facets, "type", entity.type());
		put(facets, "lifecycle", Entity.string(entity.spec().get("lifecycle")));
		List<String> owners = entity.relationTargets("ownedBy").stream().map(CatalogSearchSource::shortRef).toList();
		if (!owners.isEmpty()) {
			facets.put("owner", owners);
		}
		if (!entity.tags().isEmpty()) {
			facets.put("tag", entity.tags());
		}
		StringBuilder text = new StringBuilder();
		append(text, entity.description());
		Map<String, Object> profile = Entity.map(entity.spec().get("profile"));
		append(text, Entity.string(profile.get("displayName")));
		append(text, Entity.string(profile.get("email")));
		StringBuilder keywords = new StringBuilder();
		append(keywords, kind);
		append(keywords, entity.type());
		entity.tags().forEach(tag -> append(keywords, tag));
		owners.forEach(owner -> append(keywords, owner));
		for (String relation : List.of("partOf", "providesApi", "dependsOn")) {
			entity.relationTargets(relation).forEach(ref -> append(keywords, ref.name()));
		}
		return new SearchDocument(stored.ref(), entity.title(), entity.name(), text.toString(), location(entity.ref()),
				facets, keywords.toString());
	}

	/** The owner as people write it: {@code payments-team} for a group of the default namespace. */
	static String shortRef(EntityRef ref) {
		boolean group = "group".equalsIgnoreCase(ref.kind());
		boolean home = EntityRef.DEFAULT_NAMESPACE.equalsIgnoreCase(ref.namespace());
		String name = home ? ref.name() : ref.namespace() + "/" + ref.name();
		return group ? name : ref.kind().toLowerCase(Locale.ROOT) + ":" + name;
	}

	static String location(EntityRef ref) {
		return "/catalog/" + encode(ref.namespace().toLowerCase(Locale.ROOT)) + "/" + encode(ref.kind().toLowerCase(Locale.ROOT))
				+ "/" + encode(ref.name());
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static void put(Map<String, List<String>> facets, String key, String value) {
		if (value != null && !value.isBlank()) {
			facets.put(key, List.of(value));
		}
	}

	private static void append(StringBuilder out, String value) {
		if (value != null && !value.isBlank()) {
			if (!out.isEmpty()) {
				out.append(' ');
			}
			out.append(value.strip());
		}
	}

}
