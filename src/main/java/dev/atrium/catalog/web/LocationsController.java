package dev.atrium.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Order;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.LocationStore.Location;
import dev.atrium.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Every registered location with its state, last refresh and errors; refresh now; unregister. */
@Controller
class LocationsController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ENTITIES_SHOWN = 200;

	private final LocationStore locations;

	private final EntityReader reader;

	private final Ingestion ingestion;

	LocationsController(LocationStore locations, EntityReader reader, Ingestion ingestion) {
		this.locations = locations;
		this.reader = reader;
		this.ingestion = ingestion;
	}

	@GetMapping("/catalog/locations")
	String index(Model model) {
		model.addAttribute("locations", locations.all());
		return "catalog/locations";
	}

	@GetMapping("/catalog/locations/{id}")
	String show(@PathVariable String id, Model model) {
		Location location = find(id);
		model.addAttribute("location", location);
		List<SourceView> sources = new ArrayList<>();
		for (LocationStore.Source s : locations.sources(location.id())) {
			sources.add(new SourceView(s.target(), s.parentRef(), s.refs().size(), s.readAt() == null ? null : s.readAt().toString(),
					messages(s.errors())));
		}
		model.addAttribute("sources", sources);
		List<EntityRow> rows = new ArrayList<>();
		reader.list(Criteria.all().location(location.id()), List.of(new Order("kind", true), new Order("metadata.name", true)),
				0, ENTITIES_SHOWN).forEach(s -> rows.add(EntityRow.of(s.entity())));
		model.addAttribute("rows", rows);
		model.addAttribute("more", Math.max(0, location.entityCount() - rows.size()));
		return "catalog/location";
	}

	@PostMapping("/catalog/locations/{id}/refresh")
	String refresh(@PathVariable String id, RedirectAttributes redirect) {
		Location location = find(id);
		ingestion.requestRefresh(location.id());
		redirect.addFlashAttribute("notice", "Refresh requested: " + location.target() + " is read again in a moment.");
		return "redirect:/catalog/locations/" + location.id();
	}

	@PostMapping("/catalog/locations/{id}/unregister")
	String unregister(@PathVariable String id, RedirectAttributes redirect) {
		Location location = find(id);
		ingestion.unregister(location.id());
		redirect.addFlashAttribute("notice", "Unregistered " + location.target() + " and removed its entities.");
		return "redirect:/catalog/locations";
	}

	/** A file or URL a location read, for the page. */
	public record SourceView(String target, String parentRef, int entities, String readAt, List<String> errors) {
	}

	@SuppressWarnings("unchecked")
	private static List<String> messages(String errorsJson) {
		List<String> messages = new ArrayList<>();
		if (errorsJson != null && !errorsJson.isBlank()) {
			for (Object item : JSON.readValue(errorsJson, List.class)) {
				if (item instanceof java.util.Map<?, ?> m) {
					messages.add(String.valueOf(m.get("message")));
				}
			}
		}
		return messages;
	}

	private Location find(String id) {
		try {
			return locations.find(UUID.fromString(id)).orElseThrow(() -> new NotFoundException("No location with id " + id));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("No location with id " + id);
		}
	}

}
