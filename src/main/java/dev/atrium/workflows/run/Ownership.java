package dev.atrium.workflows.run;

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
 */
public record Ownership(EntityRef entity, String title, String description, EntityRef owner, EntityRef system,
		String schedule) {
}
