package dev.atrium.search.api;

import java.io.ByteArrayOutputStream;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backstage's search API: {@code GET /api/search/query} answers as Backstage's search backend does,
 * so its frontend and clients work unchanged. {@code numberOfResults} counts up to
 * {@link Searcher#COUNT_LIMIT} (that number means "at least"), and pages end after
 * {@link Searcher#MAX_RESULTS} results. Also the index's status and a rebuild on request.
 */
@RestController
@RequestMapping("/api/search")
class SearchApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final java.util.Set<String> DOCUMENT_FIELDS = java.util.Set.of("title", "text", "location");

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

	/**
	 * Written straight to bytes with a streaming generator, written to the response at once: the results
	 * are the largest answers the API gives at its highest rates, and maps of maps went through the
	 * mapper's serializer lookup for every entry (a few per cent of a query's time; ADR 0015).
	 */
	@GetMapping("/query")
	ResponseEntity<byte[]> query(HttpServletRequest request) {
		Identities who = identities.getIfAvailable();
		SearchRequest search = SearchParameters.read(request.getParameterMap(), indexer.sources().keySet())
			.by(who == null ? null : who.current());
		SearchResults found = searcher.search(search, false);
		String id = UUID.randomUUID().toString();
		String pre = "<" + id + ">";
		String post = "</" + id + ">";
		ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeArrayPropertyStart("results");
			int rank = search.page() * search.limit();
			for (SearchResult r : found.results()) {
				json.writeStartObject();
				json.writeStringProperty("type", r.type());
				json.writeObjectPropertyStart("document");
				json.writeStringProperty("title", r.title());
				json.writeStringProperty("text", r.text());
				json.writeStringProperty("location", r.location());
				for (Map.Entry<String, List<String>> facet : r.facets().entrySet()) {
					if (DOCUMENT_FIELDS.contains(facet.getKey())) {
						continue; // a facet never hides the document's own fields
					}
					List<String> values = facet.getValue();
					if (values.size() == 1 && !facet.getKey().equals("tag")) {
						json.writeStringProperty(facet.getKey(), values.get(0));
					}
					else {
						json.writeArrayPropertyStart(facet.getKey());
						for (String value : values) {
							json.writeString(value);
						}
						json.writeEndArray();
					}
				}
				json.writeEndObject();
				json.writeObjectPropertyStart("highlight");
				json.writeStringProperty("preTag", pre);
				json.writeStringProperty("postTag", post);
				json.writeObjectPropertyStart("fields");
				json.writeStringProperty("title", r.titleHighlight().tagged(pre, post));
				json.writeStringProperty("text", r.textHighlight().tagged(pre, post));
				json.writeEndObject();
				json.writeEndObject();
				json.writeNumberProperty("rank", ++rank);
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeStringProperty("nextPageCursor", found.more() ? SearchParameters.cursor(search.page() + 1) : null);
			json.writeStringProperty("previousPageCursor", search.page() > 0 ? SearchParameters.cursor(search.page() - 1) : null);
			json.writeNumberProperty("numberOfResults", found.total());
			json.writeEndObject();
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
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
