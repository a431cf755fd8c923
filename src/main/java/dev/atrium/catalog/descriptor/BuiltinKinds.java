package dev.atrium.catalog.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityProcessor;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.InvalidEntityException;
import dev.atrium.platform.Relation;
import org.springframework.stereotype.Component;

/**
 * Backstage's built-in kinds as a processor of the plugin API: checks each kind's required spec
 * fields and derives its relations, in both directions, from spec fields (owner, system, domain,
 * subcomponentOf, providesApis, consumesApis, dependsOn, parent, children, members, memberOf).
 * Kinds it does not know pass through untouched, so plugins can add their own.
 */
@Component
public class BuiltinKinds implements EntityProcessor {

	@Override
	public int order() {
		return 10;
	}

	@Override
	public Entity process(Entity entity, Emitter emit) {
		String kind = entity.kind().toLowerCase(Locale.ROOT);
		String apiVersion = entity.apiVersion();
		boolean backstage = apiVersion.startsWith("backstage.io/");
		boolean template = kind.equals("template") && apiVersion.startsWith("scaffolder.backstage.io/");
		if (!backstage && !template) {
			return entity;
		}
		Map<String, Object> spec = entity.spec();
		Rules rules = new Rules(entity, emit);
		switch (kind) {
			case "component" -> {
				rules.requireString(spec, "type");
				rules.requireString(spec, "lifecycle");
				rules.owner(spec);
				rules.ref(spec, "system", "system", "partOf", "hasPart");
				rules.ref(spec, "subcomponentOf", "component", "partOf", "hasPart");
				rules.refs(spec, "providesApis", "api", "providesApi", "apiProvidedBy");
				rules.refs(spec, "consumesApis", "api", "consumesApi", "apiConsumedBy");
				rules.refs(spec, "dependsOn", "component", "dependsOn", "dependencyOf");
				rules.refs(spec, "dependencyOf", "component", "dependencyOf", "dependsOn");
			}
			case "api" -> {
				rules.requireString(spec, "type");
				rules.requireString(spec, "lifecycle");
				rules.owner(spec);
				rules.requireString(spec, "definition");
				rules.ref(spec, "system", "system", "partOf", "hasPart");
			}
			case "resource" -> {
				rules.requireString(spec, "type");
				rules.owner(spec);
				rules.ref(spec, "system", "system", "partOf", "hasPart");
				rules.refs(spec, "dependsOn", "component", "dependsOn", "dependencyOf");
				rules.refs(spec, "dependencyOf", "component", "dependencyOf", "dependsOn");
			}
			case "system" -> {
				rules.owner(spec);
				rules.ref(spec, "domain", "domain", "partOf", "hasPart");
			}
			case "domain" -> {
				rules.owner(spec);
				rules.ref(spec, "subdomainOf", "domain", "partOf", "hasPart");
			}
			case "group" -> {
				rules.requireString(spec, "type");
				rules.requireList(spec, "children");
				rules.ref(spec, "parent", "group", "childOf", "parentOf");
				rules.refs(spec, "children", "group", "parentOf", "childOf");
				rules.refs(spec, "members", "user", "hasMember", "memberOf");
				rules.profile(spec);
			}
			case "user" -> {
				rules.requireList(spec, "memberOf");
				rules.refs(spec, "memberOf", "group", "memberOf", "hasMember");
				rules.profile(spec);
			}
			case "location" -> {
				if (!entity.body().containsKey("spec") || !(entity.body().get("spec") instanceof Map<?, ?>)) {
					rules.problems.add("spec is required");
				}
				rules.optionalString(spec, "type");
				rules.optionalString(spec, "target");
				if (spec.containsKey("targets") && !(spec.get("targets") instanceof List<?>)) {
					rules.problems.add("spec.targets must be a list");
				}
				Object presence = spec.get("presence");
				if (presence != null && !"required".equals(presence) && !"optional".equals(presence)) {
					rules.problems.add("spec.presence must be 'required' or 'optional'");
				}
			}
			case "template" -> {
				rules.requireString(spec, "type");
				if (!(spec.get("steps") instanceof List<?>)) {
					rules.problems.add("spec.steps is required and must be a list");
				}
				Object parameters = spec.get("parameters");
				if (parameters != null && !(parameters instanceof List<?>) && !(parameters instanceof Map<?, ?>)) {
					rules.problems.add("spec.parameters must be an object or a list of objects");
				}
				if (spec.containsKey("owner")) {
					rules.owner(spec);
				}
			}
			default -> {
				return entity;
			}
		}
		if (!rules.problems.isEmpty()) {
			throw new InvalidEntityException(String.join("; ", rules.problems));
		}
		return entity;
	}

	/** The owner reference of an entity's spec.owner, defaulting kind and namespace; null when absent or malformed. */
	public static EntityRef ownerOf(Entity entity) {
		Object owner = entity.spec().get("owner");
		if (!(owner instanceof String s) || s.isBlank()) {
			return null;
		}
		try {
			EntityRef ref = EntityRef.parse(s, "group", entity.namespace());
			return ref.kind().length() > MAX_PART || ref.namespace().length() > MAX_PART
					|| ref.name().length() > MAX_PART ? null : ref;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static final int MAX_PART = 63;

	private static String abbreviate(String s) {
		return s.length() <= 80 ? s : s.substring(0, 77) + "...";
	}

	private static final class Rules {

		final Entity entity;

		final EntityRef self;

		final Emitter emit;

		final List<String> problems = new ArrayList<>();

		Rules(Entity entity, Emitter emit) {
			this.entity = entity;
			this.self = entity.ref();
			this.emit = emit;
		}

		void requireString(Map<String, Object> spec, String field) {
			Object value = spec.get(field);
			if (!(value instanceof String s) || s.isBlank()) {
				problems.add("spec." + field + " is required" + (value == null ? "" : " and must be a string"));
			}
		}

		void optionalString(Map<String, Object> spec, String field) {
			Object value = spec.get(field);
			if (value != null && !(value instanceof String)) {
				problems.add("spec." + field + " must be a string");
			}
		}

		void requireList(Map<String, Object> spec, String field) {
			if (!(spec.get(field) instanceof List<?>)) {
				problems.add("spec." + field + " is required and must be a list (it may be empty)");
			}
		}

		void owner(Map<String, Object> spec) {
			requireString(spec, "owner");
			if (spec.get("owner") instanceof String s && !s.isBlank()) {
				link(s, "group", "ownedBy", "ownerOf", "spec.owner");
			}
		}

		void ref(Map<String, Object> spec, String field, String defaultKind, String type, String reverse) {
			Object value = spec.get(field);
			if (value == null) {
				return;
			}
			if (!(value instanceof String s) || s.isBlank()) {
				problems.add("spec." + field + " must be an entity reference");
				return;
			}
			link(s, defaultKind, type, reverse, "spec." + field);
		}

		void refs(Map<String, Object> spec, String field, String defaultKind, String type, String reverse) {
			Object value = spec.get(field);
			if (value == null) {
				return;
			}
			if (!(value instanceof List<?> list)) {
				problems.add("spec." + field + " must be a list of entity references");
				return;
			}
			for (Object item : list) {
				if (!(item instanceof String s) || s.isBlank()) {
					problems.add("spec." + field + " must contain only entity references");
					continue;
				}
				link(s, defaultKind, type, reverse, "spec." + field);
			}
		}

		void profile(Map<String, Object> spec) {
			Object profile = spec.get("profile");
			if (profile != null && !(profile instanceof Map<?, ?>)) {
				problems.add("spec.profile must be an object");
			}
		}

		private void link(String ref, String defaultKind, String type, String reverse, String field) {
			EntityRef target;
			try {
				target = EntityRef.parse(ref, defaultKind, entity.namespace());
			}
			catch (IllegalArgumentException ex) {
				problems.add(field + ": " + ex.getMessage());
				return;
			}
			if (target.kind().length() > MAX_PART || target.namespace().length() > MAX_PART
					|| target.name().length() > MAX_PART) {
				// No entity can have such a name, and PostgreSQL cannot index a reference that long.
				problems.add(field + ": the entity reference '" + abbreviate(ref)
						+ "' is longer than any entity's; kind, namespace and name are at most " + MAX_PART + " characters");
				return;
			}
			emit.relation(new Relation(self, type, target));
			emit.relation(new Relation(target, reverse, self));
		}

	}

}
