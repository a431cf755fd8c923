package dev.atrium.catalog.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atrium.catalog.store.Criteria;
import dev.atrium.catalog.store.EntityReader;
import dev.atrium.catalog.store.EntityReader.Order;
import dev.atrium.catalog.store.EntityReader.Stored;
import dev.atrium.catalog.store.TotalCounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The catalog index: every entity in a table, filtered by kind, type, owner, lifecycle, tag,
 * namespace and text, sorted and paginated; every filter lives in the URL so a view can be shared.
 */
@Controller
class CatalogController {

	static final int PAGE_SIZE = 50;

	private static final Map<String, String> SORTS = new LinkedHashMap<>();

	static {
		SORTS.put("name", "Name");
		SORTS.put("kind", "Kind");
		SORTS.put("type", "Type");
		SORTS.put("owner", "Owner");
		SORTS.put("lifecycle", "Lifecycle");
	}

	/** The filters of the page, as read from its URL. */
	public record Filters(String kind, String type, String owner, String lifecycle, String tag, String namespace, String text,
			String sort, boolean descending, int page) {

		Criteria criteria(boolean withKind) {
			Criteria criteria = Criteria.all();
			if (withKind && kind != null) {
				criteria.anyOf("kind", List.of(kind));
			}
			criteria.anyOf("spec_type", list(type))
				.anyOf("owner", list(owner))
				.anyOf("lifecycle", list(lifecycle))
				.anyOf("namespace", list(namespace))
				.fact("metadata.tags", tag)
				.text(text);
			return criteria;
		}

		/** This page's URL with one parameter changed (null removes it); changing a filter goes back to page 1. */
		public String with(String name, String value) {
			UriComponentsBuilder url = UriComponentsBuilder.fromPath("/catalog");
			Map<String, String> params = new LinkedHashMap<>();
			params.put("kind", kind == null ? "all" : kind);
			params.put("type", type);
			params.put("owner", owner);
			params.put("lifecycle", lifecycle);
			params.put("tag", tag);
			params.put("namespace", namespace);
			params.put("text", text);
			params.put("sort", sort.equals("name") && !descending ? null : (descending ? "-" : "") + sort);
			params.put(name, value);
			if (!name.equals("page")) {
				params.remove("page");
			}
			else {
				params.put("page", value);
			}
			params.forEach((k, v) -> {
				if (v != null && !v.isBlank()) {
					url.queryParam(k, v);
				}
			});
			return url.encode().build().toUriString();
		}

		/** The URL that sorts by a column: ascending, or descending when it is the current ascending sort. */
		public String sortBy(String column) {
			boolean flip = sort.equals(column) && !descending;
			return with("sort", (flip ? "-" : "") + column);
		}

		private static List<String> list(String value) {
			return value == null || value.isBlank() ? List.of() : List.of(value);
		}

	}

	private final EntityReader reader;

	private final TotalCounts counts;

	CatalogController(EntityReader reader, TotalCounts counts) {
		this.reader = reader;
		this.counts = counts;
	}

	@GetMapping("/catalog")
	String index(@RequestParam(required = false) String kind, @RequestParam(required = false) String type,
			@RequestParam(required = false) String owner, @RequestParam(required = false) String lifecycle,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String namespace,
			@RequestParam(required = false) String text, @RequestParam(defaultValue = "name") String sort,
			@RequestParam(defaultValue = "0") String page, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		boolean descending = sort.startsWith("-");
		String sortKey = descending ? sort.substring(1) : sort;
		if (!SORTS.containsKey(sortKey)) {
			sortKey = "name";
		}
		String selectedKind = kind == null ? "component" : kind.equalsIgnoreCase("all") ? null : kind.toLowerCase(Locale.ROOT);
		Filters filters = new Filters(selectedKind, blank(type), blank(owner), blank(lifecycle), blank(tag),
				blank(namespace), blank(text), sortKey, descending, parsePage(page));
		Criteria criteria = filters.criteria(true);
		long total = counts.count(criteria);
		int pageCount = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(filters.page(), pageCount - 1);
		List<Stored> stored = reader.listWithoutRelations(criteria, List.of(order(sortKey, descending)), current * PAGE_SIZE, PAGE_SIZE);
		List<EntityRow> rows = new ArrayList<>(stored.size());
		for (Stored s : stored) {
			rows.add(EntityRow.of(s.entity()));
		}
		model.addAttribute("filters", filters);
		model.addAttribute("rows", rows);
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("pageCount", pageCount);
		model.addAttribute("sorts", SORTS);
		if (htmx != null) {
			return "catalog/index :: results";
		}
		Criteria others = filters.criteria(false);
		model.addAttribute("kinds", counts.countBy(others, "kind", 30));
		Criteria ofKind = Criteria.all();
		if (selectedKind != null) {
			ofKind.anyOf("kind", List.of(selectedKind));
		}
		model.addAttribute("types", counts.countBy(ofKind, "spec_type", 50));
		model.addAttribute("owners", counts.countBy(ofKind, "owner", 200));
		model.addAttribute("lifecycles", counts.countBy(ofKind, "lifecycle", 20));
		model.addAttribute("namespaces", counts.countBy(ofKind, "namespace", 50));
		model.addAttribute("tags", counts.tagCounts(ofKind, 100));
		return "catalog/index";
	}

	private static Order order(String sort, boolean descending) {
		String field = switch (sort) {
			case "kind" -> "kind";
			case "type" -> "spec.type";
			case "owner" -> "spec.owner";
			case "lifecycle" -> "spec.lifecycle";
			default -> "metadata.name";
		};
		return new Order(field, !descending);
	}

	private static int parsePage(String page) {
		try {
			return Math.max(0, Math.min(Integer.parseInt(page.trim()), 1_000_000));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
