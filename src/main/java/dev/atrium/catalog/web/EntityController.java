package dev.atrium.catalog.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.atrium.catalog.descriptor.DescriptorParser;
import dev.atrium.catalog.descriptor.EnvelopeRules;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Relation;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityContent;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Fragment;
import dev.atrium.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An entity's page: the about card, its relations as a list and a graph, group and user specifics,
 * the raw YAML, processing errors, and the tabs plugins contribute through {@link EntityContent}.
 * Plugin tabs render after the page has loaded (htmx), so a slow plugin never slows the page.
 */
@Controller
class EntityController {

	private final EntityReader reader;

	private final LocationStore locations;

	private final List<EntityContent> contents;

	EntityController(EntityReader reader, LocationStore locations, ObjectProvider<EntityContent> contents) {
		this.reader = reader;
		this.locations = locations;
		this.contents = contents.orderedStream().sorted(Comparator.comparingInt(EntityContent::order)).toList();
	}

	@GetMapping("/catalog/{namespace}/{kind}/{name}")
	String overview(@PathVariable String namespace, @PathVariable String kind, @PathVariable String name, Model model) {
		return page(namespace, kind, name, "overview", model);
	}

	@GetMapping("/catalog/{namespace}/{kind}/{name}/{tab}")
	String tab(@PathVariable String namespace, @PathVariable String kind, @PathVariable String name,
			@PathVariable String tab, Model model) {
		return page(namespace, kind, name, tab, model);
	}

	/** A plugin tab's content alone, fetched by the tab page through htmx. */
	@GetMapping("/catalog/{namespace}/{kind}/{name}/{tab}/content")
	String tabContent(@PathVariable String namespace, @PathVariable String kind, @PathVariable String name,
			@PathVariable String tab, Model model) {
		Entity entity = load(namespace, kind, name).entity();
		EntityContent content = pluginTab(entity, tab);
		Fragment fragment = content.render(entity);
		model.addAllAttributes(fragment.model());
		model.addAttribute("entity", entity);
		return fragment.viewName();
	}

	private String page(String namespace, String kind, String name, String tab, Model model) {
		Stored stored = load(namespace, kind, name);
		Entity entity = stored.entity();
		EntityRow row = EntityRow.of(entity);
		String base = EntityLinks.href(entity.ref());
		List<Tab> tabs = new ArrayList<>();
		tabs.add(new Tab("overview", "Overview", base, tab.equals("overview")));
		for (EntityContent content : contents) {
			if (content.filter().test(entity)) {
				tabs.add(new Tab(content.id(), content.title(), base + "/" + content.id(), tab.equals(content.id())));
			}
		}
		tabs.add(new Tab("yaml", "YAML", base + "/yaml", tab.equals("yaml")));
		if (tabs.stream().noneMatch(Tab::active)) {
			throw new NotFoundException(KindNames.label(entity.kind()) + " " + entity.name() + " has no tab '" + tab + "'");
		}
		model.addAttribute("entity", entity);
		model.addAttribute("row", row);
		model.addAttribute("kindLabel", KindNames.label(entity.kind()));
		model.addAttribute("kindIcon", KindNames.icon(entity.kind()));
		model.addAttribute("tabs", tabs);
		model.addAttribute("tab", tab);
		model.addAttribute("base", base);
		model.addAttribute("problems", locations.problemsFor(stored.locationId(), stored.source(), stored.ref()));
		locations.find(stored.locationId()).ifPresent(l -> model.addAttribute("location", l));
		model.addAttribute("source", stored.source());
		switch (tab) {
			case "overview" -> overviewModel(stored, entity, model);
			case "yaml" -> model.addAttribute("yaml", DescriptorParser.toYaml(entity.body()));
			default -> model.addAttribute("contentUrl", base + "/" + tab + "/content");
		}
		return "catalog/entity";
	}

	private void overviewModel(Stored stored, Entity entity, Model model) {
		model.addAttribute("links", safeLinks(entity));
		model.addAttribute("domain", domain(entity));
		Set<String> existing = reader.byRefs(stored.relations().stream().map(Relation::targetRef).distinct().toList()).keySet();
		model.addAttribute("relations", groupRelations(stored.relations(), existing));
		model.addAttribute("graph", RelationsGraph.of(entity.title(), entity.kind(), stored.relations(), existing));
		String kind = entity.kind().toLowerCase(Locale.ROOT);
		Map<String, Object> profile = Entity.map(entity.spec().get("profile"));
		model.addAttribute("profile", profile);
		if (kind.equals("group") || kind.equals("user")) {
			Set<String> owners = new TreeSet<>();
			owners.add(stored.ref());
			List<String> groups = targets(stored.relations(), "memberOf");
			if (kind.equals("user")) {
				owners.addAll(groups);
				model.addAttribute("groups", rows(groups));
			}
			else {
				model.addAttribute("members", rows(targets(stored.relations(), "hasMember")));
				model.addAttribute("children", rows(targets(stored.relations(), "parentOf")));
				model.addAttribute("parents", rows(targets(stored.relations(), "childOf")));
			}
			List<String> owned = new ArrayList<>();
			for (Stored owner : reader.byRefs(owners).values()) {
				owned.addAll(targets(owner.relations(), "ownerOf"));
			}
			model.addAttribute("owned", rows(owned));
		}
		if (kind.equals("system") || kind.equals("domain")) {
			model.addAttribute("parts", rows(targets(stored.relations(), "hasPart")));
		}
	}

	/** A system's domain as a link: a ref's kind and namespace default as in descriptors; as text when it is none. */
	private static Map<String, String> domain(Entity entity) {
		String domain = Entity.string(entity.spec().get("domain"));
		if (domain == null) {
			return null;
		}
		Map<String, String> link = new LinkedHashMap<>();
		try {
			EntityRef ref = EntityRef.parse(domain, "domain", entity.namespace());
			link.put("label", EntityLinks.display(ref.toString(), "domain"));
			link.put("href", EntityLinks.href(ref));
		}
		catch (IllegalArgumentException ex) {
			link.put("label", domain);
		}
		return link;
	}

	private List<EntityRow> rows(List<String> refs) {
		List<EntityRow> rows = new ArrayList<>();
		for (Stored s : reader.byRefs(refs).values()) {
			rows.add(EntityRow.of(s.entity()));
		}
		rows.sort(Comparator.comparing(EntityRow::kind).thenComparing(r -> r.title().toLowerCase(Locale.ROOT)));
		return rows;
	}

	private static List<String> targets(List<Relation> relations, String type) {
		return relations.stream().filter(r -> r.type().equalsIgnoreCase(type)).map(Relation::targetRef).distinct().toList();
	}

	/** Relations by type, each target with its link; targets missing from the catalog are shown without one. */
	private static Map<String, List<Map<String, String>>> groupRelations(List<Relation> relations, Set<String> existing) {
		Map<String, List<Map<String, String>>> grouped = new LinkedHashMap<>();
		for (Relation r : relations) {
			Map<String, String> target = new LinkedHashMap<>();
			target.put("ref", r.targetRef());
			target.put("label", EntityLinks.display(r.targetRef(), null));
			target.put("href", existing.contains(r.targetRef()) ? EntityLinks.href(r.targetRef()) : null);
			grouped.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(target);
		}
		return grouped;
	}

	/**
	 * The entity's links; only http(s) and mailto ones get an {@code href}, others (javascript:, data:,
	 * an in-house scheme) are shown as text for the reader to copy.
	 */
	private static List<Map<String, String>> safeLinks(Entity entity) {
		List<Map<String, String>> links = new ArrayList<>();
		Object value = entity.metadata().get("links");
		if (value instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> link && link.get("url") instanceof String url) {
					Map<String, String> l = new LinkedHashMap<>();
					l.put("url", url);
					l.put("href", EnvelopeRules.isSafeUrl(url) ? url : null);
					l.put("title", link.get("title") instanceof String t && !t.isBlank() ? t : url);
					links.add(l);
				}
			}
		}
		return links;
	}

	private EntityContent pluginTab(Entity entity, String tab) {
		for (EntityContent content : contents) {
			if (content.id().equals(tab) && content.filter().test(entity)) {
				return content;
			}
		}
		throw new NotFoundException("No tab '" + tab + "' on " + entity.ref().displayName());
	}

	private Stored load(String namespace, String kind, String name) {
		try {
			return reader.byRef(new EntityRef(kind, namespace, name).toString())
				.orElseThrow(() -> new NotFoundException("No " + KindNames.label(kind) + " named '" + name
						+ "' in namespace '" + namespace + "'"));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("No such entity");
		}
	}

}
