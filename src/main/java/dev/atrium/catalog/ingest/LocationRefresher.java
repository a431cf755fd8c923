package dev.atrium.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.EntitiesChanged;
import dev.atrium.catalog.descriptor.DescriptorParser;
import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.catalog.descriptor.EntityPipeline.Processed;
import dev.atrium.catalog.ingest.LocationReader.Content;
import dev.atrium.catalog.ingest.LocationReader.Failed;
import dev.atrium.catalog.ingest.LocationReader.Missing;
import dev.atrium.catalog.ingest.LocationReader.Previous;
import dev.atrium.catalog.ingest.LocationReader.Result;
import dev.atrium.catalog.ingest.LocationReader.Unchanged;
import dev.atrium.catalog.store.EntityWriter;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.LocationStore.Location;
import dev.atrium.catalog.store.LocationStore.Source;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InvalidEntityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes one registered location: reads its target and, through Location entities, every file
 * it leads to; processes what changed; and stores the result source by source, so memory stays
 * bounded however large the catalog. A source that cannot be read keeps its last good entities;
 * a source no longer reachable loses them; an unchanged source costs a conditional read.
 */
@Component
public class LocationRefresher {

	private static final Logger log = LoggerFactory.getLogger(LocationRefresher.class);

	/**
	 * What a refresh found. {@code incomplete} says why some files were not read (a limit, a lost lease):
	 * their entities stay as they were, and nothing else is known about them.
	 */
	public record Report(int sources, int written, int removed, List<Problem> problems, boolean rootRead,
			List<String> rootRefs, Problem incomplete) {
	}

	record Pending(String type, String target, String parentRef, boolean optional, int depth) {

		String key() {
			return type + ":" + target;
		}

	}

	private final LocationReader reader;

	private final LocationTargets targets;

	private final EntityPipeline pipeline;

	private final EntityWriter writer;

	private final LocationStore locations;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final CatalogProperties properties;

	private final java.util.concurrent.ExecutorService workers;

	public LocationRefresher(LocationReader reader, EntityPipeline pipeline, EntityWriter writer, LocationStore locations,
			TransactionTemplate tx, ApplicationEventPublisher events, CatalogProperties properties) {
		this.reader = reader;
		this.targets = new LocationTargets(reader);
		this.pipeline = pipeline;
		this.writer = writer;
		this.locations = locations;
		this.tx = tx;
		this.events = events;
		this.properties = properties;
		this.workers = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, properties.refreshWorkers()), runnable -> {
			Thread thread = new Thread(runnable, "catalog-refresh");
			thread.setDaemon(true);
			return thread;
		});
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		workers.shutdownNow();
	}

	/** The ref of the Location entity that stands for a registered location, as Backstage names it. */
	public static String generatedRef(String type, String target) {
		return "location:default/generated-" + sha1(type + ":" + target);
	}

	/**
	 * Refreshes a location the caller has claimed.
	 * @param rootOnly read only the registered target itself (at registration: quick, the rest follows)
	 */
	public Report refresh(Location location, boolean rootOnly) {
		return refresh(location, rootOnly, () -> true);
	}

	/**
	 * Refreshes a location the caller has claimed, as long as {@code held} says the caller still holds
	 * its lease: once another instance has taken it over, no further file is read.
	 */
	public Report refresh(Location location, boolean rootOnly, java.util.function.BooleanSupplier held) {
		Map<String, Source> previous = new HashMap<>();
		for (Source s : locations.sources(location.id())) {
			previous.put(s.target(), s);
		}
		Walk walk = new Walk(location, previous, rootOnly, held);
		walk.submit(new Pending(location.type(), location.target(), generatedRef(location.type(), location.target()), false, 0));
		walk.await();
		int removed = walk.removed.get();
		// Entities only belong to sources a refresh visited; when every source of the last refresh was
		// visited again, none can be left over, and the delete (a scan of the location's index) is skipped.
		// When the walk stopped early, the files it did not reach may well still be there: nothing is deleted.
		if (!rootOnly && walk.incomplete == null && !walk.visited.containsAll(previous.keySet())) {
			List<String> keep = new ArrayList<>(walk.visited);
			List<String> gone = tx.execute(status -> {
				List<String> refs = writer.removeSourcesExcept(location.id(), keep);
				locations.removeSourcesExcept(location.id(), keep);
				return refs;
			});
			removed += gone.size();
			publish(List.of(), gone);
		}
		return new Report(walk.visited.size(), walk.written.get(), removed, new ArrayList<>(walk.problems), walk.rootRead,
				walk.rootRefs, walk.incomplete);
	}

	/**
	 * One refresh's walk through the files a location leads to. Files are independent once listed, so
	 * {@code atrium.catalog.refresh-workers} of them are read and written at once: the database does
	 * most of the work of a large refresh, and this lets it use more than one core.
	 */
	private final class Walk {

		final Location location;

		final Map<String, Source> previous;

		final boolean rootOnly;

		final String origin;

		final Set<String> visited = java.util.concurrent.ConcurrentHashMap.newKeySet();

		final Set<String> emitted = java.util.concurrent.ConcurrentHashMap.newKeySet();

		final List<Problem> problems = java.util.Collections.synchronizedList(new ArrayList<>());

		final java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();

		final java.util.concurrent.atomic.AtomicInteger removed = new java.util.concurrent.atomic.AtomicInteger();

		final java.util.concurrent.Phaser inFlight = new java.util.concurrent.Phaser(1);

		volatile boolean rootRead = true;

		volatile List<String> rootRefs = List.of();

		volatile RuntimeException failure;

		final java.util.function.BooleanSupplier held;

		/** Why the walk stopped before reading every file it leads to; null while it has not. */
		volatile Problem incomplete;

		Walk(Location location, Map<String, Source> previous, boolean rootOnly, java.util.function.BooleanSupplier held) {
			this.location = location;
			this.previous = previous;
			this.rootOnly = rootOnly;
			this.origin = location.ref();
			this.held = held;
		}

		void submit(Pending pending) {
			if (incomplete != null) {
				return;
			}
			if (!held.getAsBoolean()) {
				stop(new Problem(pending.key(), null, "Another instance took over this location's refresh; "
						+ "it reads the rest"));
				return;
			}
			if (!visited.add(pending.key())) {
				return;
			}
			if (visited.size() > properties.maxSourcesPerLocation()) {
				visited.remove(pending.key());
				stop(new Problem(pending.key(), null, "This location leads to more than "
						+ properties.maxSourcesPerLocation() + " files (atrium.catalog.max-sources-per-location); the rest "
						+ "were not read, and the entities they held before are kept"));
				return;
			}
			inFlight.register();
			Runnable work = () -> {
				try {
					visit(pending);
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
				finally {
					inFlight.arriveAndDeregister();
				}
			};
			if (pending.depth() == 0) {
				work.run(); // the root decides whether anything else is read
			}
			else {
				workers.execute(work);
			}
		}

		synchronized void stop(Problem why) {
			if (incomplete == null) {
				incomplete = why;
				problems.add(why);
			}
		}

		void visit(Pending pending) {
			boolean root = pending.depth() == 0;
			SourceResult result = refreshSource(location, pending, previous.get(pending.key()), origin, emitted, root);
			problems.addAll(result.problems());
			written.addAndGet(result.written());
			removed.addAndGet(result.removed());
			if (root) {
				rootRead = result.read();
				rootRefs = result.refs();
			}
			if (rootOnly || failure != null) {
				return;
			}
			for (Pending child : result.children()) {
				if (child.depth() > properties.maxDepth()) {
					problems.add(new Problem(pending.key(), null, "Location entities nest deeper than "
							+ properties.maxDepth() + " levels; " + child.key() + " was not read"));
				}
				else {
					submit(child);
				}
			}
		}

		void await() {
			inFlight.arriveAndAwaitAdvance();
			if (failure != null) {
				throw failure;
			}
		}

	}

	private record SourceResult(List<String> refs, List<Pending> children, List<Problem> problems, int written,
			int removed, boolean read) {
	}

	private SourceResult refreshSource(Location location, Pending pending, Source before, String origin,
			Set<String> emitted, boolean root) {
		String key = pending.key();
		Previous conditional = before == null ? null : new Previous(before.etag(), before.lastModified(), before.fileStamp());
		Result result = reader.read(pending.type(), pending.target(), conditional);
		if (result instanceof Missing missing && pending.optional()) {
			result = new Content(new byte[0], null, null, null);
			log.debug("Optional target {} is missing: {}", key, missing.message());
		}
		if (result instanceof Missing missing) {
			result = new Failed(missing.message());
		}
		if (result instanceof Failed failed) {
			List<Problem> problems = List.of(new Problem(key, null, failed.message()));
			locations.saveSourceError(location.id(), key, pending.parentRef(), Problem.toJson(problems));
			List<String> kept = before == null ? List.of() : before.refs();
			emitted.addAll(kept);
			return new SourceResult(kept, before == null ? List.of() : LocationTargets.children(before, pending.depth()), problems, 0, 0,
					false);
		}
		if (result instanceof Unchanged) {
			emitted.addAll(before.refs());
			return new SourceResult(before.refs(), LocationTargets.children(before, pending.depth()), Problem.fromJson(key, before.errors()), 0,
					0, true);
		}
		Content content = (Content) result;
		String hash = sha1(content.bytes());
		if (before != null && hash.equals(before.contentHash())) {
			locations.saveSource(location.id(), new Source(key, pending.parentRef(), hash, content.etag(),
					content.lastModified(), content.fileStamp(), before.refs(), before.children(), before.errors(), null));
			emitted.addAll(before.refs());
			return new SourceResult(before.refs(), LocationTargets.children(before, pending.depth()), Problem.fromJson(key, before.errors()), 0,
					0, true);
		}
		return processContent(location, pending, before, origin, emitted, root, content, hash);
	}

	private SourceResult processContent(Location location, Pending pending, Source before, String origin,
			Set<String> emitted, boolean root, Content content, String hash) {
		String key = pending.key();
		List<Problem> problems = new ArrayList<>();
		Map<String, Processed> processed = new LinkedHashMap<>();
		Set<String> keep = new LinkedHashSet<>();
		List<Pending> children = new ArrayList<>();
		List<Map<String, Object>> descriptors = new ArrayList<>();
		if (root && !location.type().equals("provider")) {
			descriptors.add(LocationTargets.generatedLocation(location));
		}
		boolean readWhole = true;
		for (DescriptorParser.Document document : DescriptorParser.parse(content.bytes())) {
			if (document.ok()) {
				descriptors.add(document.descriptor());
			}
			else {
				problems.add(new Problem(key, null, "Document " + document.index() + ": " + document.error()));
				readWhole = false;
			}
		}
		Set<String> previousRefs = before == null ? Set.of() : new HashSet<>(before.refs());
		for (Map<String, Object> descriptor : descriptors) {
			String ref = refOf(descriptor);
			try {
				Processed p = pipeline.process(descriptor, key, origin);
				String canonical = p.ref().toString();
				if (!emitted.add(canonical) || processed.containsKey(canonical)) {
					problems.add(new Problem(key, canonical, "Entity " + canonical
							+ " is emitted more than once by this location; the first one is kept"));
					continue;
				}
				processed.put(canonical, p);
				// The generated Location stands for the registered target itself, already being read.
				if ("location".equalsIgnoreCase(p.entity().kind()) && !canonical.equals(pending.parentRef())) {
					children.addAll(targets.of(p.entity(), pending, problems));
				}
			}
			catch (InvalidEntityException ex) {
				String message = (ref == null ? "Invalid entity" : "Invalid entity " + ref) + ": " + ex.getMessage();
				problems.add(new Problem(key, ref, message));
				if (ref != null && previousRefs.contains(ref)) {
					keep.add(ref); // the last good version stays until the descriptor is fixed
					emitted.add(ref);
				}
			}
		}
		if (!readWhole && before != null) {
			// Which entities and targets the unreadable part holds is unknown: what it emitted before stays
			// until the file is fixed, as when the file cannot be read at all.
			for (String ref : before.refs()) {
				if (!processed.containsKey(ref) && emitted.add(ref)) {
					keep.add(ref);
				}
			}
			Set<String> listed = new HashSet<>();
			children.forEach(child -> listed.add(child.key()));
			for (Pending child : LocationTargets.children(before, pending.depth())) {
				if (listed.add(child.key())) {
					children.add(child);
				}
			}
		}
		List<Processed> entities = new ArrayList<>(processed.values());
		int[] counts = new int[2];
		List<String> refs = new ArrayList<>(processed.keySet());
		List<String> changed = new ArrayList<>();
		List<String> gone = new ArrayList<>();
		try {
			tx.executeWithoutResult(status -> {
				// A crash can lose the last moments of a refresh, never consistency: the source's hash is
				// written in the same transaction, so the next refresh simply reads it again.
				writer.asyncCommit();
				EntityWriter.Outcome outcome = writer.write(location.id(), key, entities);
				outcome.conflicts().forEach((ref, owner) -> problems.add(new Problem(key, ref,
						"Entity " + ref + " is already registered by location " + owner
								+ "; unregister it there or remove it from one of the files")));
				refs.removeAll(outcome.conflicts().keySet());
				keep.addAll(refs);
				gone.addAll(writer.removeStale(location.id(), key, keep));
				changed.addAll(outcome.written());
				// A source with problems is read whole again next time: they may be gone (a conflict resolved).
				boolean clean = problems.isEmpty();
				locations.saveSource(location.id(), new Source(key, pending.parentRef(), clean ? hash : null,
						clean ? content.etag() : null, clean ? content.lastModified() : null,
						clean ? content.fileStamp() : null,
						new ArrayList<>(keep), children.stream().map(LocationTargets::encode).toList(), Problem.toJson(problems),
						null));
				counts[0] = outcome.written().size();
				counts[1] = gone.size();
			});
		}
		catch (RuntimeException ex) {
			// Whatever the database refuses must not stop the location's other files, nor fail a registration:
			// it is this file's error, and what it emitted before stays.
			log.warn("Could not store the entities of {}", key, ex);
			Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(ex);
			List<Problem> failed = List.of(new Problem(key, null, "Could not store the entities of this file: "
					+ firstLine(String.valueOf(cause.getMessage()))));
			locations.saveSourceError(location.id(), key, pending.parentRef(), Problem.toJson(failed));
			List<String> kept = before == null ? List.of() : before.refs();
			emitted.addAll(kept);
			return new SourceResult(kept, before == null ? List.of() : LocationTargets.children(before, pending.depth()), failed, 0, 0,
					false);
		}
		publish(changed, gone);
		return new SourceResult(new ArrayList<>(keep), children, problems, counts[0], counts[1], true);
	}

	private void publish(List<String> upserted, List<String> removed) {
		if (!upserted.isEmpty() || !removed.isEmpty()) {
			events.publishEvent(new EntitiesChanged(List.copyOf(upserted), List.copyOf(removed)));
		}
	}

	private static String firstLine(String s) {
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	private static String refOf(Map<String, Object> descriptor) {
		try {
			Entity entity = new Entity(descriptor);
			if (entity.kind() == null || entity.name() == null) {
				return null;
			}
			return entity.ref().toString();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String sha1(String text) {
		return sha1(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
