package dev.atrium.catalog.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.ingest.LocationRefresher.Pending;
import dev.atrium.catalog.store.LocationStore.Location;
import dev.atrium.catalog.store.LocationStore.Source;
import dev.atrium.platform.Entity;

/**
 * Where Location entities lead: their targets, resolved and checked against the allowed types, and
 * how the targets a file led to are remembered between refreshes.
 */
final class LocationTargets {

	private final LocationReader reader;

	LocationTargets(LocationReader reader) {
		this.reader = reader;
	}

	/** The files a Location entity lists, resolved against the file that holds it and checked. */
	List<Pending> of(Entity location, Pending parent, List<Problem> problems) {
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

	/** The Location entity that stands for a registered location, as Backstage generates it. */
	static Map<String, Object> generatedLocation(Location location) {
		return generatedLocation(location.type(), location.target());
	}

	static Map<String, Object> generatedLocation(String type, String target) {
		String name = LocationRefresher.generatedRef(type, target).substring("location:default/".length());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("name", name);
		metadata.put("namespace", "default");
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("type", type);
		spec.put("target", target);
		Map<String, Object> entity = new LinkedHashMap<>();
		entity.put("apiVersion", "backstage.io/v1alpha1");
		entity.put("kind", "Location");
		entity.put("metadata", metadata);
		entity.put("spec", spec);
		return entity;
	}

	/** Children are stored as {@code parentRef presence type:target}. */
	static String encode(Pending p) {
		return p.parentRef() + " " + (p.optional() ? "optional" : "required") + " " + p.key();
	}

	static List<Pending> children(Source source, int depth) {
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

}
