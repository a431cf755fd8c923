package dev.atrium.catalog.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;

/** The SQL of a dotted entity field ({@code spec.owner}): its column when it has one, else a path into the body. */
final class FieldExpressions {

	static final Pattern FIELD = Pattern.compile("^[A-Za-z0-9_.\\-/]{1,200}$");

	private FieldExpressions() {
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
		if (!FIELD.matcher(field).matches()) {
			throw new InputException("Invalid field '" + field + "'");
		}
		return "(e.body #>> " + pathLiteral(field) + ")";
	}

	static String pathLiteral(String field) {
		List<String> parts = new ArrayList<>();
		for (String prefix : List.of("metadata.annotations.", "metadata.labels.")) {
			if (field.startsWith(prefix) && field.length() > prefix.length()) {
				parts.addAll(List.of(prefix.substring(0, prefix.length() - 1).split("\\.")));
				parts.add(field.substring(prefix.length()));
				return "'{" + String.join(",", parts) + "}'";
			}
		}
		return "'{" + String.join(",", field.split("\\.")) + "}'";
	}

}
