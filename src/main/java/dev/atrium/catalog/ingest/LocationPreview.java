package dev.atrium.catalog.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.descriptor.DescriptorParser;
import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.catalog.descriptor.EntityPipeline.Processed;
import dev.atrium.catalog.ingest.Ingestion.Preview;
import dev.atrium.catalog.ingest.LocationRefresher.Pending;
import dev.atrium.catalog.ingest.LocationReader.Content;
import dev.atrium.catalog.ingest.LocationReader.Failed;
import dev.atrium.catalog.ingest.LocationReader.Missing;
import dev.atrium.catalog.ingest.LocationReader.Result;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.InvalidEntityException;

/**
 * A dry run: what registering a target would import, read and processed in memory and stored
 * nowhere. It follows Location entities to the files they list, as a refresh does and within the same
 * limits (depth, files per location), so the preview shows everything the import would bring.
 */
final class LocationPreview {

	private final LocationReader reader;

	private final LocationTargets targets;

	private final EntityPipeline pipeline;

	private final CatalogProperties properties;

	LocationPreview(LocationReader reader, EntityPipeline pipeline, CatalogProperties properties) {
		this.reader = reader;
		this.targets = new LocationTargets(reader);
		this.pipeline = pipeline;
		this.properties = properties;
	}

	/**
	 * Reads a checked target and every file it leads to.
	 * @throws InputException when the target itself cannot be read
	 */
	Preview of(String type, String target) {
		String origin = type + ":" + target;
		Pending root = new Pending(type, target, LocationRefresher.generatedRef(type, target), false, 0);
		Map<String, Processed> entities = new LinkedHashMap<>();
		List<Problem> problems = new ArrayList<>();
		// The Location entity that stands for the target itself is imported too (Backstage's dry run lists it).
		add(LocationTargets.generatedLocation(type, target), root, origin, entities, problems);
		Set<String> visited = new HashSet<>();
		Deque<Pending> queue = new ArrayDeque<>(List.of(root));
		while (!queue.isEmpty()) {
			Pending pending = queue.poll();
			if (!visited.add(pending.key())) {
				continue;
			}
			if (visited.size() > properties.maxSourcesPerLocation()) {
				problems.add(new Problem(pending.key(), null, "This location leads to more than "
						+ properties.maxSourcesPerLocation() + " files (atrium.catalog.max-sources-per-location); "
						+ "the rest would not be read"));
				break;
			}
			Result result = reader.read(pending.type(), pending.target(), null);
			if (result instanceof Missing && pending.optional()) {
				continue;
			}
			String unreadable = result instanceof Failed failed ? failed.message()
					: result instanceof Missing missing ? missing.message() : null;
			if (unreadable != null && pending.depth() == 0) {
				throw new InputException(unreadable);
			}
			if (unreadable != null || !(result instanceof Content content)) {
				problems.add(new Problem(pending.key(), null, unreadable != null ? unreadable : "Could not read " + pending.key()));
				continue;
			}
			for (DescriptorParser.Document document : DescriptorParser.parse(content.bytes())) {
				if (!document.ok()) {
					problems.add(new Problem(pending.key(), null, "Document " + document.index() + ": " + document.error()));
					continue;
				}
				Processed processed = add(document.descriptor(), pending, origin, entities, problems);
				if (processed != null && "location".equalsIgnoreCase(processed.entity().kind())) {
					for (Pending child : targets.of(processed.entity(), pending, problems)) {
						if (child.depth() > properties.maxDepth()) {
							problems.add(new Problem(pending.key(), null, "Location entities nest deeper than "
									+ properties.maxDepth() + " levels; " + child.key() + " would not be read"));
						}
						else {
							queue.add(child);
						}
					}
				}
			}
		}
		return new Preview(new ArrayList<>(entities.values()), problems);
	}

	/** Processes one descriptor into the preview; null when it is invalid or a duplicate (a problem says so). */
	private Processed add(Map<String, Object> descriptor, Pending from, String origin, Map<String, Processed> entities,
			List<Problem> problems) {
		try {
			Processed processed = pipeline.process(descriptor, from.key(), origin);
			String ref = processed.ref().toString();
			if (entities.putIfAbsent(ref, processed) != null) {
				problems.add(new Problem(from.key(), ref, "Entity " + ref
						+ " is emitted more than once by this location; the first one is kept"));
				return null;
			}
			return processed;
		}
		catch (InvalidEntityException ex) {
			String ref = refOf(descriptor);
			problems.add(new Problem(from.key(), ref, (ref == null ? "Invalid entity" : "Invalid entity " + ref) + ": "
					+ ex.getMessage()));
			return null;
		}
	}

	private static String refOf(Map<String, Object> descriptor) {
		try {
			return new Entity(descriptor).ref().toString();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
