package dev.atrium.catalog.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Order;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.platform.RecentResults;
import dev.atrium.catalog.store.TotalCounts;
import dev.atrium.platform.InputException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backstage's paginated entity queries, {@code GET} and {@code POST /api/catalog/entities/by-query}:
 * filters or a predicate, ordering, full-text filter, and opaque cursors that walk the result in
 * keyset order (an offset only when the ordering mixes directions).
 */
@RestController
@RequestMapping(path = "/api/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class EntityQueryApiController {

	private static final int MAX_LIMIT = 10_000;

	private final EntityReader reader;

	private final TotalCounts totals;

	/** Responses larger than this are not kept (a client asking for 10,000 items at once). */
	private static final int MAX_KEPT_LENGTH = 128 * 1024;

	/**
	 * Recent answers by query string: clients poll the same pages (the first page of components, a
	 * team's entities), and an answer changes only with the catalog. Kept as {@code ResultPages} keeps
	 * the catalog page's rows (until a change this instance sees, or 10 s); at most 200 of up to 128 KB,
	 * as the bytes sent: a repeated query costs neither the JSON nor its encoding.
	 */
	private final RecentResults<byte[]> recent;

	EntityQueryApiController(EntityReader reader, TotalCounts totals) {
		this.reader = reader;
		this.totals = totals;
		this.recent = new RecentResults<>(totals::generation, java.time.Duration.ofSeconds(10), 200);
	}

	@GetMapping("/entities/by-query")
	ResponseEntity<byte[]> byQuery(@RequestParam(required = false) Integer limit,
			@RequestParam(required = false) Integer offset, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String fullTextFilterTerm, HttpServletRequest request) {
		List<String> filter = EntitiesApiController.raw(request, "filter");
		List<String> fields = EntitiesApiController.raw(request, "fields");
		List<String> orderField = EntitiesApiController.raw(request, "orderField");
		List<String> fullTextFilterFields = EntitiesApiController.raw(request, "fullTextFilterFields");
		Cursor current = cursor != null && !cursor.isBlank() ? Cursor.decode(cursor)
				: new Cursor(filter, null, orderField,
						fullTextFilterTerm, Fields.parse(fullTextFilterFields), List.of(),
						offset == null ? null : EntitiesApiController.requireNonNegative(offset, "offset"), false, -1);
		List<String> projection = Fields.parse(fields);
		String key = request.getQueryString() == null ? "" : request.getQueryString();
		byte[][] computed = new byte[1][];
		byte[] json = recent.get(key, () -> {
			computed[0] = answer(current, limit, projection).getBytes(StandardCharsets.UTF_8);
			return computed[0].length <= MAX_KEPT_LENGTH ? computed[0] : null;
		});
		return ok(json != null ? json : computed[0]);
	}

	/** Backstage's predicate form of the query, as the current catalog client sends it. */
	@PostMapping("/entities/by-query")
	ResponseEntity<byte[]> byPredicate(@RequestBody Map<String, Object> body) {
		Integer limit = body.get("limit") instanceof Number n ? n.intValue() : null;
		List<String> fields = body.get("fields") instanceof List<?> f ? f.stream().map(String::valueOf).toList() : List.of();
		if (body.get("cursor") instanceof String cursor && !cursor.isBlank()) {
			return query(Cursor.decode(cursor), limit, fields);
		}
		List<String> orders = new ArrayList<>();
		if (body.get("orderBy") instanceof List<?> orderBy) {
			for (Object o : orderBy) {
				if (o instanceof Map<?, ?> m && m.get("field") instanceof String field) {
					orders.add(field + "," + (m.get("order") instanceof String d ? d : "asc"));
				}
			}
		}
		String term = null;
		List<String> termFields = List.of();
		if (body.get("fullTextFilter") instanceof Map<?, ?> fullText) {
			term = fullText.get("term") instanceof String t ? t : null;
			termFields = fullText.get("fields") instanceof List<?> tf ? tf.stream().map(String::valueOf).toList() : List.of();
		}
		Integer offset = body.get("offset") instanceof Number n ? EntitiesApiController.requireNonNegative(n.intValue(), "offset") : null;
		Criteria.predicate(body.get("query")); // reject a malformed query before anything runs
		return query(new Cursor(List.of(), body.get("query"), orders, term, termFields, List.of(), offset, false, -1), limit,
				fields);
	}

	private ResponseEntity<byte[]> query(Cursor current, Integer limit, List<String> projection) {
		return ok(answer(current, limit, projection));
	}

	static ResponseEntity<byte[]> ok(String json) {
		return ok(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * JSON already written, sent as bytes: a String answer goes through a converter that makes a new
	 * charset encoder for every response.
	 */
	static ResponseEntity<byte[]> ok(byte[] json) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
	}

	private String answer(Cursor current, Integer limit, List<String> projection) {
		int size = limit == null ? 20 : Math.min(EntitiesApiController.requireNonNegative(limit, "limit"), MAX_LIMIT);
		Criteria criteria = current.criteria();
		List<Order> orders = parseOrderFields(current.orderField());
		if (orders.isEmpty()) {
			orders = List.of(new Order("metadata.name", true)); // walks an index; Backstage leaves the default order open
		}
		long total = current.total() >= 0 ? current.total() : totals.count(criteria);
		boolean mixed = orders.stream().map(Order::ascending).distinct().count() > 1;
		List<Stored> items;
		String next = null;
		String prev = null;
		if (current.offset() != null || mixed) {
			int start = current.offset() == null ? 0 : current.offset();
			items = reader.list(criteria, orders, start, size + 1);
			if (items.size() > size) {
				items = items.subList(0, size);
				next = withOffset(current, Cursor.plus(start, size), total).encode();
			}
			if (start > 0) {
				prev = withOffset(current, Math.max(0, start - size), total).encode();
			}
		}
		else {
			EntityReader.Page page = reader.page(criteria, orders, current.key(), current.backwards(), size);
			items = page.items();
			boolean firstPage = current.key().isEmpty() || (current.backwards() && !page.more());
			boolean hasNext = current.backwards() || page.more();
			if (hasNext && !items.isEmpty()) {
				next = withKey(current, page.lastKey(), false, total).encode();
			}
			if (!firstPage && !items.isEmpty()) {
				prev = withKey(current, page.firstKey(), true, total).encode();
			}
		}
		StringBuilder json = new StringBuilder("{\"items\":").append(EntitiesApiController.array(items, projection));
		json.append(",\"totalItems\":").append(total).append(",\"pageInfo\":{");
		if (next != null) {
			json.append("\"nextCursor\":\"").append(next).append('"');
		}
		if (prev != null) {
			json.append(next != null ? "," : "").append("\"prevCursor\":\"").append(prev).append('"');
		}
		json.append("}}");
		return json.toString();
	}

	/** Backstage's {@code orderField=metadata.name,asc}. */
	private static List<Order> parseOrderFields(List<String> orderFields) {
		List<Order> orders = new ArrayList<>();
		for (String o : orderFields == null ? List.<String>of() : orderFields) {
			String[] parts = o.split(",");
			String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
			if (!direction.equals("asc") && !direction.equals("desc")) {
				throw new InputException("Invalid orderField '" + o + "'; use <field>,asc or <field>,desc");
			}
			orders.add(new Order(parts[0].trim(), direction.equals("asc")));
		}
		return orders;
	}

	private static Cursor withKey(Cursor c, List<String> key, boolean backwards, long total) {
		return new Cursor(c.filter(), c.predicate(), c.orderField(), c.term(), c.termFields(), key, null, backwards, total);
	}

	private static Cursor withOffset(Cursor c, int offset, long total) {
		return new Cursor(c.filter(), c.predicate(), c.orderField(), c.term(), c.termFields(), List.of(), offset, false, total);
	}

}
