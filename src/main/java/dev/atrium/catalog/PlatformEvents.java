package dev.atrium.catalog;

import java.util.ArrayList;
import java.util.List;

import dev.atrium.platform.CatalogEntitiesChanged;
import dev.atrium.platform.EntityRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells other modules what changed in the catalog, through the platform's {@link CatalogEntitiesChanged}. */
@Component
class PlatformEvents {

	private final ApplicationEventPublisher events;

	PlatformEvents(ApplicationEventPublisher events) {
		this.events = events;
	}

	@EventListener
	void on(EntitiesChanged changed) {
		List<EntityRef> refs = new ArrayList<>();
		changed.upserted().forEach(ref -> add(refs, ref));
		changed.removed().forEach(ref -> add(refs, ref));
		if (!refs.isEmpty()) {
			events.publishEvent(new CatalogEntitiesChanged(refs));
		}
	}

	private static void add(List<EntityRef> refs, String ref) {
		try {
			refs.add(EntityRef.parse(ref));
		}
		catch (IllegalArgumentException ex) {
			// Stored refs are canonical; one that is not is no reason to fail the change that announced it.
		}
	}

}
