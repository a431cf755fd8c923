package dev.atrium.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.store.LocationStore;
import dev.atrium.platform.ConflictException;
import dev.atrium.platform.EntityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Connects every {@link EntityProvider} bean once the application is ready. Each provider owns one
 * location, {@code provider:<name>}; what it emits becomes that location's content, read at once, so
 * its entities are validated, processed and replaced exactly as a file's are.
 */
@Component
class EntityProviders {

	static final String TYPE = "provider";

	private static final Logger log = LoggerFactory.getLogger(EntityProviders.class);

	private final ObjectProvider<EntityProvider> providers;

	private final ProviderContents contents;

	private final LocationStore locations;

	private final Ingestion ingestion;

	EntityProviders(ObjectProvider<EntityProvider> providers, ProviderContents contents, LocationStore locations,
			Ingestion ingestion) {
		this.providers = providers;
		this.contents = contents;
		this.locations = locations;
		this.ingestion = ingestion;
	}

	@EventListener(ApplicationReadyEvent.class)
	void connectAll() {
		providers.orderedStream().forEach(provider -> {
			try {
				provider.connect(descriptors -> replace(provider.name(), descriptors));
			}
			catch (RuntimeException ex) {
				log.error("Entity provider {} failed to connect", provider.name(), ex);
			}
		});
	}

	void replace(String name, List<Map<String, Object>> descriptors) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		String yaml = descriptors.isEmpty() ? "" : new Yaml(options).dumpAll(descriptors.iterator());
		contents.put(name, yaml.getBytes(StandardCharsets.UTF_8));
		var existing = locations.find(TYPE, name);
		if (existing.isPresent()) {
			ingestion.refreshNow(existing.get().id());
			return;
		}
		try {
			ingestion.registerInternal(TYPE, name, TYPE);
			ingestion.refreshDue();
		}
		catch (ConflictException ex) {
			locations.find(TYPE, name).ifPresent(l -> ingestion.refreshNow(l.id()));
		}
	}

}
