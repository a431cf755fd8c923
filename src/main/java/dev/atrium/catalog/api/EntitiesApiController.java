package dev.atrium.catalog.api;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Order;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.catalog.store.EntityWriter;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.TotalCounts;
import dev.atrium.catalog.EntitiesChanged;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** Backstage's catalog API for entities, under {@code /api/catalog}, in Backstage's JSON shapes. */
@RestController
@RequestMapping(path = "/api/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class EntitiesApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_LIMIT = 10_000;

	private final EntityReader reader;

	private final EntityWriter writer;

	private final LocationStore locations;

	private final Ingestion ingestion;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final TotalCounts totals;

	EntitiesApiController(EntityReader reader, EntityWriter writer, LocationStore locations, Ingestion ingestion,
			TransactionTemplate tx, ApplicationEventPublisher events, TotalCounts totals) {
		this.reader = reader;
		this.writer = writer;
		this.locations = locations;
		this.ingestion = ingestion;
		this.tx = tx;
		this.events = events;
		this.totals = totals;
	}

	@GetMapping("/entities")
	ResponseEntity<StreamingResponseBody> entities(@RequestParam(required = false) Integer offset,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after,
			HttpServletRequest request) {
		List<String> filter = raw(request, "filter");
		List<String> fields = raw(request, "fields");
		List<String> order = raw(request, "order");
		Criteria criteria = Criteria.backstage(filter);
		List<Order> orders = parseOrder(order);
		List<String> projection = Fields.parse(fields);
		if (offset == null && limit == null && after == null) {
			// Everything is checked before the first byte: once streaming starts, an error can only cut the answer short.
			EntityReader.Listing listing = reader.listing(criteria, orders);
			StreamingResponseBody body = out -> {
				Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
				w.write('[');
				boolean[] first = { true };
				listing.read(1000, batch -> {
					try {
						for (Stored s : batch) {
							if (!first[0]) {
								w.write(',');
							}
							first[0] = false;
							w.write(Fields.project(s.fullJson(), projection));
						}
						w.flush();
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				});
				w.write(']');
				w.flush();
			};
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
		}
		int start = after != null ? Cursor.decodeOffset(after) : offset == null ? 0 : requireNonNegative(offset, "offset");
		int size = limit == null ? MAX_LIMIT : Math.min(requirePositive(limit, "limit"), MAX_LIMIT);
		List<Stored> page = reader.list(criteria, orders, start, size + 1);
		boolean more = page.size() > size;
		if (more) {
			page = page.subList(0, size);
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
		if (more) {
			String next = Cursor.encodeOffset(Cursor.plus(start, size));
			String query = request.getQueryString() == null ? "" : request.getQueryString().replaceAll("(^|&)(after|offset)=[^&]*", "");
			query = query.replaceFirst("^&", "");
			response.header("Link", "</api/catalog/entities?" + (query.isEmpty() ? "" : query + "&") + "after=" + next
					+ ">; rel=\"next\"");
		}
		String json = array(page, projection);
		return response.body(out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
	}

	@GetMapping("/entities/by-uid/{uid}")
	ResponseEntity<byte[]> byUid(@PathVariable String uid) {
		return EntityQueryApiController.ok(parseUid(uid).flatMap(reader::byUid)
			.orElseThrow(() -> new NotFoundException("No entity with uid " + uid))
			.fullJson());
	}

	@DeleteMapping("/entities/by-uid/{uid}")
	ResponseEntity<Void> deleteByUid(@PathVariable String uid) {
		parseUid(uid).ifPresent(id -> {
			String removed = tx.execute(status -> writer.removeByUid(id));
			if (removed != null) {
				events.publishEvent(new EntitiesChanged(List.of(), List.of(removed)));
			}
		});
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/entities/by-name/{kind}/{namespace}/{name}")
	ResponseEntity<byte[]> byName(@PathVariable String kind, @PathVariable String namespace, @PathVariable String name) {
		return EntityQueryApiController.ok(find(kind, namespace, name).fullJson());
	}

	@GetMapping("/entities/by-name/{kind}/{namespace}/{name}/ancestry")
	Map<String, Object> ancestry(@PathVariable String kind, @PathVariable String namespace, @PathVariable String name) {
		Stored root = find(kind, namespace, name);
		List<Map<String, Object>> items = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		java.util.Deque<Stored> queue = new java.util.ArrayDeque<>(List.of(root));
		while (!queue.isEmpty() && items.size() < 100) {
			Stored current = queue.poll();
			if (!seen.add(current.ref())) {
				continue;
			}
			List<String> parents = new ArrayList<>();
			String parent = locations.parentOf(current.locationId(), current.source());
			if (parent != null && !parent.equals(current.ref())) {
				parents.add(parent);
				reader.byRef(parent).ifPresent(queue::add);
			}
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("entity", JSON.readValue(current.fullJson(), Map.class));
			item.put("parentEntityRefs", parents);
			items.add(item);
		}
		return Map.of("rootEntityRef", root.ref(), "items", items);
	}

	@PostMapping("/entities/by-refs")
	ResponseEntity<byte[]> byRefs(@RequestBody Map<String, Object> body, HttpServletRequest request) {
		List<String> filter = raw(request, "filter");
		if (!(body.get("entityRefs") instanceof List<?> refs)) {
			throw new InputException("Body must be {\"entityRefs\": [...]}");
		}
		if (refs.size() > MAX_LIMIT) {
			throw new InputException("At most " + MAX_LIMIT + " refs at a time");
		}
		List<String> projection = body.get("fields") instanceof List<?> f ? f.stream().map(String::valueOf).toList() : List.of();
		List<String> canonical = new ArrayList<>();
		for (Object ref : refs) {
			canonical.add(canonicalRef(String.valueOf(ref)));
		}
		Map<String, Stored> found = reader.byRefs(canonical.stream().filter(java.util.Objects::nonNull).toList());
		java.util.Set<String> allowed = null;
		boolean filtered = (filter != null && !filter.isEmpty()) || body.get("query") != null;
		if (filtered && !found.isEmpty()) {
			Criteria criteria = body.get("query") != null ? Criteria.predicate(body.get("query")) : Criteria.backstage(filter);
			allowed = new java.util.HashSet<>();
			for (Stored s : reader.list(criteria.anyRef(found.keySet()), List.of(), 0, found.size())) {
				allowed.add(s.ref());
			}
		}
		StringBuilder json = new StringBuilder("{\"items\":[");
		for (int i = 0; i < canonical.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			Stored s = canonical.get(i) == null ? null : found.get(canonical.get(i));
			json.append(s == null || (allowed != null && !allowed.contains(s.ref())) ? "null"
					: Fields.project(s.fullJson(), projection));
		}
		json.append("]}");
		return EntityQueryApiController.ok(json.toString());
	}

	@GetMapping("/entity-facets")
	Map<String, Object> facets(HttpServletRequest request) {
		List<String> facet = raw(request, "facet");
		List<String> filter = raw(request, "filter");
		return facets(Criteria.backstage(filter), facet);
	}

	@PostMapping("/entity-facets")
	Map<String, Object> facetsByPredicate(@RequestBody Map<String, Object> body) {
		List<String> facet = body.get("facets") instanceof List<?> f ? f.stream().map(String::valueOf).toList() : List.of();
		return facets(Criteria.predicate(body.get("query")), facet);
	}

	private Map<String, Object> facets(Criteria criteria, List<String> facet) {
		if (facet.isEmpty()) {
			throw new InputException("Missing facet parameter: give at least one, e.g. facet=kind");
		}
		for (String f : facet) {
			Criteria.checkField(f, "facet"); // all before any is counted
		}
		Map<String, Object> facets = new LinkedHashMap<>();
		for (String f : facet) {
			List<Map<String, Object>> values = new ArrayList<>();
			for (Map.Entry<String, Long> e : totals.facet(criteria, f)) {
				values.add(Map.of("value", e.getKey(), "count", e.getValue()));
			}
			facets.put(f, values);
		}
		return Map.of("facets", facets);
	}

	@PostMapping("/refresh")
	ResponseEntity<Void> refresh(@RequestBody Map<String, Object> body) {
		if (!(body.get("entityRef") instanceof String ref)) {
			throw new InputException("Body must be {\"entityRef\": \"kind:namespace/name\"}");
		}
		String canonical = canonicalRef(ref);
		Stored entity = canonical == null ? null : reader.byRef(canonical).orElse(null);
		if (entity == null) {
			throw new NotFoundException("No entity " + ref);
		}
		ingestion.requestRefresh(entity.locationId(), entity.source());
		return ResponseEntity.ok().build();
	}

	/** A repeatable query parameter as sent: Spring would split values at their commas, which Backstage's syntax uses. */
	static List<String> raw(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values == null ? List.of() : List.of(values);
	}

	private Stored find(String kind, String namespace, String name) {
		String ref;
		try {
			ref = new EntityRef(kind, namespace, name).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new InputException(ex.getMessage());
		}
		return reader.byRef(ref)
			.orElseThrow(() -> new NotFoundException(
					"No entity named '" + name + "' found, with kind '" + kind + "' in namespace '" + namespace + "'"));
	}

	private static String canonicalRef(String ref) {
		try {
			return EntityRef.parse(ref).toString();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static String array(List<Stored> entities, List<String> projection) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < entities.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append(Fields.project(entities.get(i).fullJson(), projection));
		}
		return json.append(']').toString();
	}

	/** Backstage's {@code order=asc:metadata.name}. */
	private static List<Order> parseOrder(List<String> order) {
		List<Order> orders = new ArrayList<>();
		for (String o : order == null ? List.<String>of() : order) {
			for (String part : o.split(",")) {
				int colon = part.indexOf(':');
				String direction = colon < 0 ? "asc" : part.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String field = colon < 0 ? part.trim() : part.substring(colon + 1).trim();
				if (!direction.equals("asc") && !direction.equals("desc")) {
					throw new InputException("Invalid order '" + o + "'; use asc:<field> or desc:<field>");
				}
				orders.add(new Order(field, direction.equals("asc")));
			}
		}
		return orders;
	}

	private static Optional<UUID> parseUid(String uid) {
		try {
			return Optional.of(UUID.fromString(uid));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	static int requireNonNegative(int value, String name) {
		if (value < 0) {
			throw new InputException("Invalid " + name + ": must not be negative");
		}
		return value;
	}

	private static int requirePositive(int value, String name) {
		if (value < 0) {
			throw new InputException("Invalid " + name + ": must not be negative");
		}
		return value;
	}

}
