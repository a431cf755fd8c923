package dev.atrium.workflows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.atrium.platform.CatalogEntitiesChanged;
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

	/** Whether the catalog changed since the owners were last read. */
	private boolean catalogChanged;

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
		catalogChanged = true;
	}

	@Scheduled(fixedDelayString = "${atrium.workflows.search-debounce:2s}")
	void flush() {
		boolean reread;
		synchronized (this) {
			reread = catalogChanged;
			catalogChanged = false;
		}
		Set<String> owned = Set.of();
		try {
			owned = reread ? owners.reread() : Set.of();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the pipelines' owners after a catalog change; their documents wait for the next rebuild", ex);
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
