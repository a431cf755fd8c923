package dev.atrium.platform;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds one type of document into the portal's search (catalog entities, pipelines, ...). Search
 * owns the index and the ranking; a source only describes its documents. Declare one as a bean;
 * publish {@link SearchDocumentsChanged} when documents change, so search picks them up within seconds.
 */
public interface SearchSource {

	/** The document type, as in Backstage's search ({@code software-catalog}, {@code pipelines}). */
	String type();

	/** What users read for this type in the result facets, such as "Catalog". */
	String title();

	/** Every document, for a full rebuild; called off the request path, may take a while. */
	void documents(Consumer<SearchDocument> sink);

	/** The current documents for these ids; an id missing from the answer no longer exists. */
	List<SearchDocument> documents(Collection<String> ids);

}
