package dev.atrium.platform;

import java.util.List;
import java.util.Map;

/**
 * Feeds entities into the catalog from somewhere other than a registered location (an organisation
 * directory, a built-in template). The catalog calls {@link #connect} once at start-up; the provider
 * then applies mutations whenever its source changes. A provider owns the entities it emits:
 * each full mutation replaces them all, and entities it no longer emits are removed.
 */
public interface EntityProvider {

	/** A stable name, shown as the entities' location ({@code provider:<name>}). */
	String name();

	/** Called once the catalog is ready to take this provider's entities. */
	void connect(Connection connection);

	/** The provider's handle on the catalog. */
	interface Connection {

		/**
		 * Replaces everything this provider emitted with these entity descriptors; each passes
		 * through the processors as located entities do. Invalid ones are reported as errors of
		 * the provider's location and skipped.
		 */
		void replaceAll(List<Map<String, Object>> descriptors);

	}

}
