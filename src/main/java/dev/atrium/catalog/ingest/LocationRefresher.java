package dev.atrium.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Refreshes one registered location: reads its target and, through Location entities, every file
 * it leads to; processes what changed; and stores the result source by source, so memory stays
 * bounded however large the catalog. A source that cannot be read keeps its last good entities;
 * a source no longer reachable loses them; an unchanged source costs a conditional read.
 */
@Component
public class LocationRefresher {

	private static final Logger log = LoggerFactory.getLogger(LocationRefresher.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** An error found while refreshing, with the entity it concerns when there is one. */
	public record Problem(String source, String ref, String message) {

		/** NUL characters, which PostgreSQL cannot store, are written as {@code \0}. */
		public Problem {
			source = printable(source);
			ref = printable(ref);
			message = printable(message);
		}

		private static String printable(String s) {
			return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\0");
		}

	}

	/** What a refresh found. */
	public record Report(int sources, int written, int removed, List<Problem> problems, boolean rootRead,
			List<String> rootRefs) {
	}

	private record Pending(String type, String target, String parentRef, boolean optional, int depth) {

		String key() {
			return type + ":" + target;
		}

	}

	private final LocationReader reader;

	private final EntityPipeline pipeline;

	private final EntityWriter writer;

	private final LocationStore locations;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final CatalogProperties properties;

	public LocationRefresher(LocationReader reader, EntityPipeline pipeline, EntityWriter writer, LocationStore locations,
			TransactionTemplate tx, ApplicationEventPublisher events, CatalogProperties properties) {
		this.reader = reader;
		this.pipeline = pipeline;
		this.writer = writer;
		this.locations = locations;
		this.tx = tx;
		this.events = events;
		this.properties = properties;
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
		Map<String, Source> previous = new HashMap<>();
		for (Source s : locations.sources(location.id())) {
			previous.put(s.target(), s);
		}
		String origin = location.ref();
		Set<String> visited = new LinkedHashSet<>();
		Set<String> emitted = new HashSet<>();
		List<Problem> problems = new ArrayList<>();
		List<String> rootRefs = new ArrayList<>();
		int written = 0;
		int removed = 0;
		boolean rootRead = true;
		Deque<Pending> queue = new ArrayDeque<>();
		queue.add(new Pending(location.type(), location.target(), generatedRef(location.type(), location.target()), false, 0));
		while (!queue.isEmpty()) {
			Pending pending = queue.poll();
			if (!visited.add(pending.key())) {
				continue;
			}
			if (visited.size() > properties.maxSourcesPerLocation()) {
				problems.add(new Problem(pending.key(), null, "This location leads to more than "
						+ properties.maxSourcesPerLocation() + " files; the rest were not read"));
				visited.remove(pending.key());
				break;
			}
			boolean root = pending.depth() == 0;
			Source before = previous.get(pending.key());
			SourceResult result = refreshSource(location, pending, before, origin, emitted, root);
			problems.addAll(result.problems());
			written += result.written();
			removed += result.removed();
			if (root) {
				rootRead = result.read();
				rootRefs.addAll(result.refs());
			}
			if (rootOnly) {
				break;
			}
			for (Pending child : result.children()) {
				if (child.depth() > properties.maxDepth()) {
					problems.add(new Problem(pending.key(), null, "Location entities nest deeper than "
							+ properties.maxDepth() + " levels; " + child.key() + " was not read"));
				}
				else {
					queue.add(child);
				}
			}
		}
		if (!rootOnly) {
			List<String> keep = new ArrayList<>(visited);
			List<String> gone = tx.execute(status -> {
				List<String> refs = writer.removeSourcesExcept(location.id(), keep);
				locations.removeSourcesExcept(location.id(), keep);
				return refs;
			});
			removed += gone.size();
			publish(List.of(), gone);
		}
		return new Report(visited.size(), written, removed, problems, rootRead, rootRefs);
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
			locations.saveSourceError(location.id(), key, pending.parentRef(), errorsJson(problems));
			List<String> kept = before == null ? List.of() : before.refs();
			emitted.addAll(kept);
			return new SourceResult(kept, before == null ? List.of() : children(before, pending.depth()), problems, 0, 0,
					false);
		}
		if (result instanceof Unchanged) {
			emitted.addAll(before.refs());
			return new SourceResult(before.refs(), children(before, pending.depth()), problemsOf(key, before.errors()), 0,
					0, true);
		}
		Content content = (Content) result;
		String hash = sha1(content.bytes());
		if (before != null && hash.equals(before.contentHash())) {
			locations.saveSource(location.id(), new Source(key, pending.parentRef(), hash, content.etag(),
					content.lastModified(), content.fileStamp(), before.refs(), before.children(), before.errors(), null));
			emitted.addAll(before.refs());
			return new SourceResult(before.refs(), children(before, pending.depth()), problemsOf(key, before.errors()), 0,
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
			descriptors.add(generatedLocation(location));
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
					children.addAll(locationTargets(p.entity(), pending, problems));
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
			for (Pending child : children(before, pending.depth())) {
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
						new ArrayList<>(keep), children.stream().map(LocationRefresher::encode).toList(), errorsJson(problems),
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
			locations.saveSourceError(location.id(), key, pending.parentRef(), errorsJson(failed));
			List<String> kept = before == null ? List.of() : before.refs();
			emitted.addAll(kept);
			return new SourceResult(kept, before == null ? List.of() : children(before, pending.depth()), failed, 0, 0,
					false);
		}
		publish(changed, gone);
		return new SourceResult(new ArrayList<>(keep), children, problems, counts[0], counts[1], true);
	}

	private List<Pending> locationTargets(Entity location, Pending parent, List<Problem> problems) {
		Map<String, Object> spec = location.spec();
		String type = spec.get("type") instanceof String t && !t.isBlank() ? t : parent.type();
		boolean optional = "optional".equals(spec.get("presence"));
		List<String> targets = new ArrayList<>();
		if (spec.get("target") instanceof String t && !t.isBlank()) {
			targets.add(t);
		}
		targets.addAll(Entity.strings(spec.get("targets")));
		List<Pending> children = new ArrayList<>();
		String ref = location.ref().toString();
		for (String target : targets) {
			if (!allowedChild(parent.type(), type)) {
				problems.add(new Problem(parent.key(), ref, "Location type '" + type + "' of " + ref
						+ " is not allowed under a " + parent.type() + " location; use "
						+ (parent.type().equals("file") ? "url or file" : "url")));
				continue;
			}
			try {
				// Relative targets resolve against the listing file; a target of another type must be absolute.
				String resolved = type.equals(parent.type()) ? reader.resolve(type, parent.target(), target) : target;
				LocationReader.checkLength(resolved);
				reader.checkAllowed(type, resolved);
				children.add(new Pending(type, resolved, ref, optional, parent.depth() + 1));
			}
			catch (LocationReader.RefusedException | IllegalArgumentException ex) {
				problems.add(new Problem(parent.key(), ref, ex.getMessage()));
			}
		}
		return children;
	}

	/**
	 * Which location types a Location entity may lead to: its own (relative targets stay where they
	 * are), or a URL. Never a local file from anywhere else: a file fetched from a URL must not make the
	 * catalog read this machine's files (Backstage's GHSA-pcmq-25r3-5w9v).
	 */
	static boolean allowedChild(String parentType, String type) {
		return type.equals(parentType) || type.equals("url");
	}

	private Map<String, Object> generatedLocation(Location location) {
		String name = generatedRef(location.type(), location.target()).substring("location:default/".length());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("name", name);
		metadata.put("namespace", "default");
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("type", location.type());
		spec.put("target", location.target());
		Map<String, Object> entity = new LinkedHashMap<>();
		entity.put("apiVersion", "backstage.io/v1alpha1");
		entity.put("kind", "Location");
		entity.put("metadata", metadata);
		entity.put("spec", spec);
		return entity;
	}

	private void publish(List<String> upserted, List<String> removed) {
		if (!upserted.isEmpty() || !removed.isEmpty()) {
			events.publishEvent(new EntitiesChanged(List.copyOf(upserted), List.copyOf(removed)));
		}
	}

	/** Children are stored as {@code parentRef presence type:target}. */
	private static String encode(Pending p) {
		return p.parentRef() + " " + (p.optional() ? "optional" : "required") + " " + p.key();
	}

	private static List<Pending> children(Source source, int depth) {
		List<Pending> children = new ArrayList<>();
		for (String encoded : source.children()) {
			String[] parts = encoded.split(" ", 3);
			if (parts.length == 3) {
				int colon = parts[2].indexOf(':');
				children.add(new Pending(parts[2].substring(0, colon), parts[2].substring(colon + 1), parts[0],
						parts[1].equals("optional"), depth + 1));
			}
		}
		return children;
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

	static String errorsJson(List<Problem> problems) {
		List<Map<String, String>> items = new ArrayList<>();
		for (Problem p : problems) {
			Map<String, String> item = new LinkedHashMap<>();
			if (p.ref() != null) {
				item.put("ref", p.ref());
			}
			item.put("message", p.message());
			items.add(item);
		}
		return JSON.writeValueAsString(items);
	}

	@SuppressWarnings("unchecked")
	static List<Problem> problemsOf(String source, String errorsJson) {
		if (errorsJson == null || errorsJson.isBlank() || errorsJson.equals("[]")) {
			return List.of();
		}
		List<Problem> problems = new ArrayList<>();
		for (Map<String, String> item : (List<Map<String, String>>) JSON.readValue(errorsJson, List.class)) {
			problems.add(new Problem(source, item.get("ref"), item.get("message")));
		}
		return problems;
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
