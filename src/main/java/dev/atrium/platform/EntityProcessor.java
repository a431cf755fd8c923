package dev.atrium.platform;

/**
 * Takes part in catalog ingestion, after Backstage's processors: every entity read from a location
 * passes through all processors in {@link #order()} before it is stored. A processor may validate
 * the entity, return a changed copy, and emit relations.
 */
public interface EntityProcessor {

	/**
	 * Processes one entity.
	 * @param entity the entity as read (after earlier processors)
	 * @param emit where to report relations
	 * @return the entity to pass on: the same one, or an enriched copy
	 * @throws InvalidEntityException when the entity must not be stored; the message is shown to users
	 */
	Entity process(Entity entity, Emitter emit);

	/** Lower runs first; the catalog's own validation runs at 10. */
	default int order() {
		return 20;
	}

	/** Receives what a processor finds besides the entity itself. */
	interface Emitter {

		/** Records a relation; give both directions when the type has a reverse. */
		void relation(Relation relation);

	}

}
