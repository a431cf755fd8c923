package dev.atrium.search.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.Identities;
import dev.atrium.search.index.IndexStore;
import dev.atrium.search.index.Indexer;
import dev.atrium.search.query.SearchParameters;
import dev.atrium.search.query.SearchRequest;
import dev.atrium.search.query.SearchResult;
import dev.atrium.search.query.SearchResults;
import dev.atrium.search.query.Searcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backstage's search API: {@code GET /api/search/query} answers as Backstage's search backend does,
 * so its frontend and clients work unchanged. {@code numberOfResults} counts up to
 * {@link Searcher#COUNT_LIMIT} (that number means "at least"), and pages end after
 * {@link Searcher#MAX_RESULTS} results. Also the index's status and a rebuild on request.
 */
@RestController
@RequestMapping("/api/search")
class SearchApiController {

	private final Searcher searcher;

	private final Indexer indexer;

	private final IndexStore store;

	private final ObjectProvider<Identities> identities;

	SearchApiController(Searcher searcher, Indexer indexer, IndexStore store, ObjectProvider<Identities> identities) {
		this.searcher = searcher;
		this.indexer = indexer;
		this.store = store;
		this.identities = identities;
	}

	@GetMapping("/query")
	Map<String, Object> query(HttpServletRequest request) {
		Identities who = identities.getIfAvailable();
		SearchRequest search = SearchParameters.read(request.getParameterMap(), indexer.sources().keySet())
			.by(who == null ? null : who.current());
		SearchResults found = searcher.search(search, false);
		String id = UUID.randomUUID().toString();
		String pre = "<" + id + ">";
		String post = "</" + id + ">";
		List<Map<String, Object>> results = new ArrayList<>();
		int rank = search.page() * search.limit();
		for (SearchResult r : found.results()) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("title", r.title());
			document.put("text", r.text());
			document.put("location", r.location());
			r.facets().forEach((key, values) -> document.put(key, values.size() == 1 && !key.equals("tag") ? values.get(0) : values));
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("title", r.titleHighlight().tagged(pre, post));
			fields.put("text", r.textHighlight().tagged(pre, post));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("type", r.type());
			result.put("document", document);
			result.put("highlight", Map.of("preTag", pre, "postTag", post, "fields", fields));
			result.put("rank", ++rank);
			results.add(result);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("results", results);
		body.put("nextPageCursor", found.more() ? SearchParameters.cursor(search.page() + 1) : null);
		body.put("previousPageCursor", search.page() > 0 ? SearchParameters.cursor(search.page() - 1) : null);
		body.put("numberOfResults", found.total());
		return body;
	}

	@GetMapping("/status")
	List<Map<String, Object>> status() {
		indexer.sources();
		return store.status();
	}

	/** Rebuilds the index of some types (all by default) in the background; search keeps answering meanwhile. */
	@PostMapping("/rebuild")
	ResponseEntity<Object> rebuild(@RequestParam(name = "type", required = false) List<String> types,
			HttpServletRequest request) {
		Identities who = identities.getIfAvailable();
		if (who != null && !who.current().admin()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error", Map.of("name", "NotAllowedError", "message", "Only admins may rebuild the search index"),
						"request", Map.of("method", request.getMethod(), "url", request.getRequestURI()), "response",
						Map.of("statusCode", 403)));
		}
		List<String> unknown = types == null ? List.of()
				: types.stream().filter(t -> !indexer.sources().containsKey(t)).toList();
		if (!unknown.isEmpty()) {
			throw new dev.atrium.platform.InputException("Unknown document type '" + unknown.get(0) + "'");
		}
		List<String> started = indexer.requestRebuild(types == null ? List.of() : types);
		return ResponseEntity.accepted().body(Map.of("rebuilding", started));
	}

}
