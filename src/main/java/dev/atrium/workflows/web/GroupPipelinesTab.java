package dev.atrium.workflows.web;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityContent;
import dev.atrium.platform.EntityFilter;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Fragment;
import dev.atrium.workflows.run.Pipelines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Pipelines tab on a group's page: the failing and late pipelines the group (or one of its
 * child groups) owns, so a team sees what needs it first.
 */
@Component
class GroupPipelinesTab implements EntityContent {

	private static final EntityFilter GROUPS = EntityFilter.of("kind:group");

	private final Pipelines pipelines;

	private final Clock clock;

	GroupPipelinesTab(Pipelines pipelines, ObjectProvider<Clock> clock) {
		this.pipelines = pipelines;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Override
	public String id() {
		return "pipelines";
	}

	@Override
	public String title() {
		return "Pipelines";
	}

	@Override
	public EntityFilter filter() {
		return GROUPS;
	}

	@Override
	public int order() {
		return 110;
	}

	@Override
	public Fragment render(Entity group) {
		Set<EntityRef> owners = new LinkedHashSet<>();
		owners.add(group.ref());
		owners.addAll(group.relationTargets("parentOf"));
		Instant now = clock.instant();
		List<PipelineRow> rows = pipelines.needingAttention(owners).stream().map(s -> PipelineRow.of(s, now)).toList();
		String all = UriComponentsBuilder.fromPath("/workflows").queryParam("owner", group.ref().toString()).encode().build().toUriString();
		return new Fragment("workflows/fragments/group-tab", "tab", Map.of("rows", rows, "all", all, "name", group.title()));
	}

}
