package dev.atrium.catalog.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;

/**
 * The SQL of a dotted entity field ({@code spec.owner}): its column when it has one, else a path into
 * the body. Field names ignore case, as Backstage's filter, order and facet keys do: a well-known field
 * is looked up under its real spelling ({@code apiversion} is {@code apiVersion}), any other under the
 * spelling given and, failing that, key by key ignoring case.
 */
final class FieldExpressions {

	/** Dot-separated segments of letters, digits, {@code _ - /}; no empty segment, at most 200 characters. */
	static final Pattern FIELD = Pattern.compile("^(?=.{1,200}$)[A-Za-z0-9_\\-/]+(\\.[A-Za-z0-9_\\-/]+)*$");

	/** The fields of Backstage's entity model, by their lower-cased path: their real spelling. */
	private static final Map<String, String> KNOWN = new HashMap<>();

	static {
		for (String path : List.of("apiVersion", "kind", "metadata", "spec", "relations", "status", "metadata.name",
				"metadata.namespace", "metadata.uid", "metadata.etag", "metadata.title", "metadata.description",
				"metadata.labels", "metadata.annotations", "metadata.tags", "metadata.links", "spec.type", "spec.lifecycle",
				"spec.owner", "spec.system", "spec.domain", "spec.subcomponentOf", "spec.subdomainOf", "spec.providesApis",
				"spec.consumesApis", "spec.dependsOn", "spec.dependencyOf", "spec.definition", "spec.profile",
				"spec.profile.displayName", "spec.profile.email", "spec.profile.picture", "spec.parent", "spec.children",
				"spec.members", "spec.memberOf", "spec.target", "spec.targets", "spec.presence")) {
			KNOWN.put(path.toLowerCase(Locale.ROOT), path.substring(path.lastIndexOf('.') + 1));
		}
	}

	private FieldExpressions() {
	}

	/**
	 * Checks a field a user gave.
	 * @throws InputException when it is not a dotted path of valid segments
	 */
	static String require(String field, String what) {
		if (field == null || !FIELD.matcher(field).matches()) {
			throw new InputException("Invalid " + what + " '" + field + "': use a dotted path such as metadata.name");
		}
		return field;
	}

	static String sortExpression(String field) {
		return switch (field.toLowerCase(Locale.ROOT)) {
			case "metadata.name" -> "e.sort_name";
			case "kind" -> "e.kind";
			case "metadata.namespace" -> "e.namespace";
			case "spec.type" -> "coalesce(e.spec_type, '')";
			case "spec.lifecycle" -> "coalesce(e.lifecycle, '')";
			case "spec.owner" -> "coalesce(e.owner, '')";
			case "metadata.uid" -> "e.id::text";
			default -> "lower(coalesce(" + pathExpression(field) + ", '')) COLLATE \"C\"";
		};
	}

	/** The SQL text of a dotted field of the body; annotation and label keys keep their dots. */
	static String pathExpression(String field) {
		Path path = path(field);
		return path.rest().isEmpty() ? "(e.body #>> " + literal(path.known()) + ")" : "(" + jsonOf(path) + " #>> '{}')";
	}

	/** The JSON value of a dotted field of the body, for callers that look at its type (arrays, scalars). */
	static String jsonExpression(String field) {
		Path path = path(field);
		return path.rest().isEmpty() ? "(e.body #> " + literal(path.known()) + ")" : jsonOf(path);
	}

	/** A field split into the well-known part (in its real spelling) and the rest (as the user spelled it). */
	private record Path(List<String> known, List<String> rest) {
	}

	private static Path path(String field) {
		require(field, "field");
		List<String> segments = new ArrayList<>();
		String lower = field.toLowerCase(Locale.ROOT);
		String mapKey = null;
		for (String prefix : List.of("metadata.annotations.", "metadata.labels.")) {
			if (lower.startsWith(prefix)) {
				mapKey = field.substring(prefix.length());
				segments.addAll(List.of(field.substring(0, prefix.length() - 1).split("\\.")));
			}
		}
		if (mapKey == null) {
			segments.addAll(List.of(field.split("\\.")));
		}
		else {
			segments.add(mapKey);
		}
		List<String> known = new ArrayList<>();
		StringBuilder seen = new StringBuilder();
		int i = 0;
		for (; i < segments.size(); i++) {
			seen.append(i == 0 ? "" : ".").append(segments.get(i).toLowerCase(Locale.ROOT));
			String spelling = KNOWN.get(seen.toString());
			if (spelling == null) {
				break;
			}
			known.add(spelling);
		}
		return new Path(known, List.copyOf(segments.subList(i, segments.size())));
	}

	/**
	 * The value under the spelling given, else the first key matching each segment ignoring case. Only
	 * fields outside Backstage's model get here, so the lookup rarely runs.
	 */
	private static String jsonOf(Path path) {
		List<String> given = new ArrayList<>(path.known());
		given.addAll(path.rest());
		String base = path.known().isEmpty() ? "e.body" : "(e.body #> " + literal(path.known()) + ")";
		StringBuilder lookup = new StringBuilder("(SELECT x").append(path.rest().size()).append(".value FROM ");
		List<String> conditions = new ArrayList<>();
		String parent = base;
		for (int i = 1; i <= path.rest().size(); i++) {
			if (i > 1) {
				lookup.append(" CROSS JOIN LATERAL ");
			}
			lookup.append("json_each(CASE WHEN json_typeof(").append(parent).append(") = 'object' THEN ").append(parent)
				.append(" END) x").append(i);
			// Segments are letters, digits and _ - / . only (FIELD): safe inside a literal.
			conditions.add("lower(x" + i + ".key) = '" + path.rest().get(i - 1).toLowerCase(Locale.ROOT) + "'");
			parent = "x" + i + ".value";
		}
		lookup.append(" WHERE ").append(String.join(" AND ", conditions)).append(" LIMIT 1)");
		return "coalesce(e.body #> " + literal(given) + ", " + lookup + ")";
	}

	private static String literal(List<String> segments) {
		return "'{" + String.join(",", segments) + "}'";
	}

}
