package dev.atrium.catalog.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.catalog.ingest.LocationRefresher;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.LocationStore.Location;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Backstage's catalog API for locations, under {@code /api/catalog}. */
@RestController
@RequestMapping(path = "/api/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class LocationsApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LocationStore locations;

	private final Ingestion ingestion;

	private final EntityReader reader;

	private final ObjectProvider<Identities> identities;

	LocationsApiController(LocationStore locations, Ingestion ingestion, EntityReader reader,
			ObjectProvider<Identities> identities) {
		this.identities = identities;
		this.locations = locations;
		this.ingestion = ingestion;
		this.reader = reader;
	}

	@GetMapping("/locations")
	List<Map<String, Object>> all() {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Location location : locations.all()) {
			if (!location.type().equals("provider")) {
				result.add(Map.of("data", describe(location)));
			}
		}
		return result;
	}

	@GetMapping("/locations/{id}")
	Map<String, Object> one(@PathVariable String id) {
		return describe(find(id));
	}

	@GetMapping("/locations/by-ref")
	Map<String, Object> byRef(@RequestParam(name = "locationRef", required = false) String locationRef,
			@RequestParam(name = "ref", required = false) String ref) {
		String value = locationRef != null ? locationRef : ref;
		if (value == null || !value.contains(":")) {
			throw new InputException("Give the location as locationRef=<type>:<target>");
		}
		int colon = value.indexOf(':');
		return describe(locations.find(value.substring(0, colon), value.substring(colon + 1))
			.orElseThrow(() -> new NotFoundException("Found no location " + value)));
	}

	@GetMapping("/locations/by-entity/{kind}/{namespace}/{name}")
	Map<String, Object> byEntity(@PathVariable String kind, @PathVariable String namespace, @PathVariable String name) {
		Stored entity = reader.byRef(new EntityRef(kind, namespace, name).toString())
			.orElseThrow(() -> new NotFoundException("No entity " + kind + ":" + namespace + "/" + name));
		return describe(locations.find(entity.locationId()).orElseThrow(() -> new NotFoundException("No location")));
	}

	@PostMapping("/locations")
	ResponseEntity<Map<String, Object>> add(@RequestBody Map<String, Object> body,
			@RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(required = false) String onConflict) {
		String type = body.get("type") instanceof String t && !t.isBlank() ? t.trim() : "url";
		if (!(body.get("target") instanceof String target) || target.isBlank()) {
			throw new InputException("Body must be {\"type\": \"url\", \"target\": \"https://.../catalog-info.yaml\"}");
		}
		Map<String, Object> response = new LinkedHashMap<>();
		if (dryRun) {
			// As Backstage: every entity the location leads to, or a 400 naming what is wrong with it.
			Ingestion.Preview preview = ingestion.dryRun(type, target);
			if (!preview.problems().isEmpty()) {
				throw new InputException(String.join("; ", preview.problems()
					.stream()
					.map(p -> p.source() + ": " + p.message())
					.toList()));
			}
			var existing = locations.find(type, target.trim());
			Map<String, Object> location = new LinkedHashMap<>();
			location.put("id", existing.map(l -> l.id().toString()).orElse(type + ":" + target.trim()));
			location.put("type", type);
			location.put("target", target.trim());
			location.put("entityRef", LocationRefresher.generatedRef(type, target.trim()));
			response.put("location", location);
			List<Object> entities = new ArrayList<>();
			preview.entities().forEach(p -> entities.add(p.body()));
			response.put("entities", entities);
			response.put("exists", existing.isPresent());
			return ResponseEntity.status(HttpStatus.CREATED).body(response);
		}
		if ("refresh".equals(onConflict)) {
			var existing = locations.find(type, target.trim());
			if (existing.isPresent()) {
				ingestion.requestRefresh(existing.get().id());
				response.put("location", describe(existing.get()));
				response.put("entities", List.of());
				response.put("exists", true);
				return ResponseEntity.status(HttpStatus.CREATED).body(response);
			}
		}
		Ingestion.Registration registration = ingestion.register(type, target, caller());
		response.put("location", describe(registration.location()));
		List<Object> entities = new ArrayList<>();
		reader.byRefs(registration.refs()).values().forEach(s -> entities.add(JSON.readValue(s.fullJson(), Map.class)));
		response.put("entities", entities);
		return ResponseEntity.status(HttpStatus.CREATED).body(response);
	}

	/** Moves a location to a new target (a renamed file, a moved repository); its entities follow. */
	@PutMapping("/locations/{id}")
	Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, Object> body) {
		Location location = find(id);
		String type = body.get("type") instanceof String t ? t : location.type();
		if (!(body.get("target") instanceof String target) || target.isBlank()) {
			throw new InputException("Body must be {\"type\": \"url\", \"target\": \"...\"}");
		}
		return describe(ingestion.move(location.id(), type, target));
	}

	@DeleteMapping("/locations/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		ingestion.unregister(find(id).id());
		return ResponseEntity.noContent().build();
	}

	private Location find(String id) {
		try {
			return locations.find(UUID.fromString(id)).orElseThrow(() -> new NotFoundException("Found no location with id " + id));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("Found no location with id " + id);
		}
	}

	static Map<String, Object> describe(Location location) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", location.id().toString());
		map.put("type", location.type());
		map.put("target", location.target());
		map.put("entityRef", LocationRefresher.generatedRef(location.type(), location.target()));
		return map;
	}

	/** Who registers: recorded with the location, which they may then unregister. */
	private String caller() {
		Identities current = identities.getIfAvailable();
		Identity identity = current == null ? Identity.ANONYMOUS : current.current();
		return identity.authenticated() ? identity.name() : null;
	}

}
