package dev.atrium.workflows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.atrium.platform.CatalogEntitiesChanged;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.SearchDocumentsChanged;
import dev.atrium.workflows.run.PipelineOwners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Collects the pipelines committed batches touched and tells search about them at most once per
 * {@code atrium.workflows.search-debounce}: at 5,000 events a second, search hears of each busy
 * pipeline once per interval, not once per event. A pipeline's document carries its owning entity's
 * title, description and owner, so catalog changes to those entities re-queue it too.
 */
@Component
class PipelineChanges {

	private static final Logger log = LoggerFactory.getLogger(PipelineChanges.class);

	private final ApplicationEventPublisher events;

	private final PipelineOwners owners;

	private final Set<String> pending = new LinkedHashSet<>();

	private final Set<EntityRef> entities = new LinkedHashSet<>();

	PipelineChanges(ApplicationEventPublisher events, PipelineOwners owners) {
		this.events = events;
		this.owners = owners;
	}

	synchronized void add(Set<String> pipelines) {
		pending.addAll(pipelines);
	}

	/** Heard on the catalog's thread: only noted here, looked at in {@link #flush()}. */
	@EventListener
	synchronized void on(CatalogEntitiesChanged changed) {
		entities.addAll(changed.refs());
	}

	@Scheduled(fixedDelayString = "${atrium.workflows.search-debounce:2s}")
	void flush() {
		List<EntityRef> changed;
		synchronized (this) {
			changed = new ArrayList<>(entities);
			entities.clear();
		}
		Set<String> owned = Set.of();
		try {
			owned = changed.isEmpty() ? Set.of() : owners.ownedBy(changed);
		}
		catch (RuntimeException ex) {
			log.warn("Could not find the pipelines of {} changed catalog entities; their documents wait for the next rebuild",
					changed.size(), ex);
		}
		List<String> ids;
		synchronized (this) {
			pending.addAll(owned);
			if (pending.isEmpty()) {
				return;
			}
			ids = new ArrayList<>(pending);
			pending.clear();
		}
		events.publishEvent(new SearchDocumentsChanged(PipelineSearchSource.TYPE, ids));
	}

}
