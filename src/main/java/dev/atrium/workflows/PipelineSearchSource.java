package dev.atrium.workflows;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchSource;
import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Ownership;
import dev.atrium.workflows.run.PipelineOwners;
import dev.atrium.workflows.run.PipelineSummary;
import dev.atrium.workflows.run.Pipelines;
import dev.atrium.workflows.run.RunStore;
import dev.atrium.workflows.web.PipelineLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Pipelines for the portal's search: one document per pipeline (id {@code namespace/name}), with
 * the owning entity's title and description, and facets kind, owner, namespace and state. Changes
 * reach search through {@link PipelineChanges}.
 */
@Component
class PipelineSearchSource implements SearchSource {

	static final String TYPE = "pipelines";

	private final Pipelines pipelines;

	private final RunStore store;

	private final PipelineOwners owners;

	private final Clock clock;

	PipelineSearchSource(Pipelines pipelines, RunStore store, PipelineOwners owners, ObjectProvider<Clock> clock) {
		this.pipelines = pipelines;
		this.store = store;
		this.owners = owners;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public String title() {
		return "Pipelines";
	}

	@Override
	public void documents(Consumer<SearchDocument> sink) {
		pipelines.summaries(null).forEach(s -> sink.accept(document(s)));
	}

	@Override
	public List<SearchDocument> documents(Collection<String> ids) {
		// One query for all changed pipelines (at 5,000 events a second, a thousand every two seconds).
		Map<String, Ownership> owners = this.owners.all();
		Instant now = clock.instant();
		List<SearchDocument> documents = new ArrayList<>();
		for (Job job : store.pipelines(ids)) {
			documents.add(document(pipelines.summarize(job, owners.get(job.key()), now)));
		}
		return documents;
	}

	private static SearchDocument document(PipelineSummary s) {
		Job job = s.job();
		Ownership o = s.ownership();
		Map<String, List<String>> facets = new LinkedHashMap<>();
		facets.put("kind", List.of("pipeline"));
		facets.put("namespace", List.of(job.namespace()));
		facets.put("state", List.of(s.late() && !s.failing() ? "late" : s.state().toLowerCase(java.util.Locale.ROOT)));
		if (o != null && o.owner() != null) {
			facets.put("owner", List.of(o.owner().toString()));
		}
		String text = o == null || o.description() == null ? "Pipeline " + job.key() : o.description();
		return new SearchDocument(job.key(), s.title(), job.name(), text, PipelineLinks.pipeline(job), facets);
	}

}
