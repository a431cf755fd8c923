package dev.atrium.catalog.ingest;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.platform.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the demo catalog shipped in the jar (Brightwave, a fictional music company) when the
 * catalog has no locations, so a new user sees a living portal at once. Off with
 * {@code atrium.catalog.demo=false}.
 */
@Component
class DemoCatalog {

	static final String TARGET = "catalog/demo/catalog.yaml";

	private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

	private final CatalogProperties properties;

	private final LocationStore locations;

	private final Ingestion ingestion;

	DemoCatalog(CatalogProperties properties, LocationStore locations, Ingestion ingestion) {
		this.properties = properties;
		this.locations = locations;
		this.ingestion = ingestion;
	}

	@EventListener(ApplicationReadyEvent.class)
	void registerWhenEmpty() {
		// providers' own locations (the built-in templates) do not make a catalog someone set up
		if (!properties.demo() || locations.count() > locations.countOfType(EntityProviders.TYPE)) {
			return;
		}
		try {
			ingestion.registerInternal("classpath", TARGET, "demo");
			ingestion.refreshDue();
			log.info("Registered the demo catalog; turn it off with atrium.catalog.demo=false");
		}
		catch (ConflictException ex) {
			// another instance registered it a moment ago
		}
		catch (RuntimeException ex) {
			// The portal works without its demo; say why it is missing and carry on.
			log.error("Could not register the demo catalog", ex);
		}
	}

}
