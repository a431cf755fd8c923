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
import dev.atrium.platform.EntityRef;
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

		/** The page listing every value of a facet (owner, tag), each linking to this page filtered by it. */
		public String browse(String facet) {
			return "/catalog/suggestions/" + facet + with(facet, null).substring("/catalog".length());
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

	private final ResultPages pages;

	CatalogController(EntityReader reader, TotalCounts counts, ResultPages pages) {
		this.reader = reader;
		this.counts = counts;
		this.pages = pages;
	}

	/** The page's filters from its URL parameters; an unknown sort is the name, {@code kind=all} is every kind. */
	static Filters filters(Map<String, String> params) {
		String sort = params.getOrDefault("sort", "name");
		boolean descending = sort.startsWith("-");
		String sortKey = descending ? sort.substring(1) : sort;
		if (!SORTS.containsKey(sortKey)) {
			sortKey = "name";
		}
		String kind = blank(params.get("kind"));
		String selectedKind = kind == null ? "component" : kind.equalsIgnoreCase("all") ? null : kind.toLowerCase(Locale.ROOT);
		return new Filters(selectedKind, blank(params.get("type")), owner(blank(params.get("owner"))),
				blank(params.get("lifecycle")), blank(params.get("tag")), blank(params.get("namespace")),
				blank(params.get("text")), sortKey, descending, parsePage(params.getOrDefault("page", "0")));
	}

	/**
	 * An owner as descriptors write it, to its canonical ref: a bare name ({@code team-orders}) is a
	 * group, and a ref without a namespace ({@code user:jdoe}) is in the default one.
	 */
	static String owner(String owner) {
		if (owner == null) {
			return null;
		}
		try {
			return EntityRef.parse(owner, "group", EntityRef.DEFAULT_NAMESPACE).toString();
		}
		catch (IllegalArgumentException ex) {
			return owner;
		}
	}

	@GetMapping("/catalog")
	String index(@RequestParam Map<String, String> params,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		Filters filters = filters(params);
		Criteria criteria = filters.criteria(true);
		String key = criteria.cacheKey() + "|" + filters.sort() + "|" + filters.descending() + "|" + filters.page();
		ResultPages.Page result = pages.get(key, () -> {
			long total = counts.count(criteria);
			int pageCount = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
			int current = Math.min(filters.page(), pageCount - 1);
			List<Stored> stored = reader.listWithoutRelations(criteria,
					List.of(order(filters.sort(), filters.descending())), current * PAGE_SIZE, PAGE_SIZE);
			List<EntityRow> rows = new ArrayList<>(stored.size());
			for (Stored s : stored) {
				rows.add(EntityRow.of(s.entity()));
			}
			return pages.page(total, current, pageCount, List.copyOf(rows), filters.kind() == null);
		});
		model.addAttribute("filters", filters);
		model.addAttribute("rows", result.rows());
		model.addAttribute("rowsHtml", result.rowsHtml());
		model.addAttribute("total", result.total());
		model.addAttribute("page", result.index());
		model.addAttribute("pageCount", result.pageCount());
		model.addAttribute("sorts", SORTS);
		if (htmx != null) {
			return "catalog/index :: results";
		}
		model.addAttribute("kinds", counts.countBy(filters.criteria(false), "kind", 30));
		Criteria ofKind = ofKind(filters.kind());
		model.addAttribute("types", counts.countBy(ofKind, "spec_type", 50));
		model.addAttribute("lifecycles", counts.countBy(ofKind, "lifecycle", 20));
		model.addAttribute("namespaces", counts.countBy(ofKind, "namespace", 50));
		return "catalog/index";
	}

	/** Every entity of a kind (or of every kind): what the filter suggestions count over. */
	static Criteria ofKind(String kind) {
		Criteria ofKind = Criteria.all();
		if (kind != null) {
			ofKind.anyOf("kind", List.of(kind));
		}
		return ofKind;
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

	static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
