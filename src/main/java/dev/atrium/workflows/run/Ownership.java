package dev.atrium.workflows.run;

import java.time.Instant;
import java.util.List;

import dev.atrium.platform.EntityRef;

/**
 * The catalog entity that owns a pipeline through its {@code openlineage.io/job} annotation, and
 * what the pipeline inherits from it.
 *
 * @param entity the owning entity
 * @param title the entity's title
 * @param description the entity's description, or null
 * @param owner the entity's owner (spec.owner), or null
 * @param system the entity's system (spec.system), or null
 * @param schedule the {@code atrium.io/schedule} cron expression, or null
 * @param grace the {@code atrium.io/schedule-grace} duration ({@code 3h}, {@code PT3H}), or null for the default
 * @param since when this instance first saw the annotation: the freshness baseline of a pipeline that never reported
 */
public record Ownership(EntityRef entity, String title, String description, EntityRef owner, EntityRef system,
		String schedule, String grace, Instant since) {

	/** What is wrong with the schedule or grace annotations, for the pages; empty when both are readable. */
	public List<Freshness.Problem> problems() {
		return Freshness.problems(schedule, grace);
	}

}
