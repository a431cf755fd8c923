package dev.atrium.workflows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.atrium.platform.SearchDocumentsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Collects the pipelines committed batches touched and tells search about them at most once per
 * {@code atrium.workflows.search-debounce}: at 5,000 events a second, search hears of each busy
 * pipeline once per interval, not once per event.
 */
@Component
class PipelineChanges {

	private final ApplicationEventPublisher events;

	private final Set<String> pending = new LinkedHashSet<>();

	PipelineChanges(ApplicationEventPublisher events) {
		this.events = events;
	}

	synchronized void add(Set<String> pipelines) {
		pending.addAll(pipelines);
	}

	@Scheduled(fixedDelayString = "${atrium.workflows.search-debounce:2s}")
	void flush() {
		List<String> ids;
		synchronized (this) {
			if (pending.isEmpty()) {
				return;
			}
			ids = new ArrayList<>(pending);
			pending.clear();
		}
		events.publishEvent(new SearchDocumentsChanged(PipelineSearchSource.TYPE, ids));
	}

}
