package dev.atrium.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Selects the entities an extension applies to, written as Backstage's entity-page filters:
 * space-separated clauses that must all hold, each {@code key:value[,value...]} where any value may
 * match. Keys: {@code kind}, {@code type} (spec.type), {@code namespace}, and {@code annotation}
 * (the entity has that annotation). Example: {@code "kind:component,api type:service"}.
 * Matching ignores case.
 */
public final class EntityFilter implements Predicate<Entity> {

	/** Matches every entity. */
	public static final EntityFilter ALL = new EntityFilter("", e -> true);

	private final String expression;

	private final Predicate<Entity> predicate;

	private EntityFilter(String expression, Predicate<Entity> predicate) {
		this.expression = expression;
		this.predicate = predicate;
	}

	/**
	 * Parses a filter expression.
	 * @throws IllegalArgumentException for an unknown key or a clause without a value
	 */
	public static EntityFilter of(String expression) {
		if (expression == null || expression.isBlank()) {
			return ALL;
		}
		List<Predicate<Entity>> clauses = new ArrayList<>();
		for (String clause : expression.trim().split("\\s+")) {
			int colon = clause.indexOf(':');
			if (colon <= 0 || colon == clause.length() - 1) {
				throw new IllegalArgumentException("Filter clause '" + clause + "' is not of the form key:value");
			}
			String key = clause.substring(0, colon).toLowerCase(Locale.ROOT);
			List<String> values = Arrays.stream(clause.substring(colon + 1).split(","))
				.map(v -> v.toLowerCase(Locale.ROOT))
				.toList();
			clauses.add(switch (key) {
				case "kind" -> e -> values.contains(lower(e.kind()));
				case "type" -> e -> values.contains(lower(e.type()));
				case "namespace" -> e -> values.contains(lower(e.namespace()));
				case "annotation" -> e -> e.annotations().keySet().stream().anyMatch(k -> values.contains(lower(k)));
				default -> throw new IllegalArgumentException("Unknown filter key '" + key
						+ "' in '" + clause + "'; use kind, type, namespace or annotation");
			});
		}
		return new EntityFilter(expression.trim(), e -> clauses.stream().allMatch(c -> c.test(e)));
	}

	/** A filter from code, for conditions the expression language cannot state. */
	public static EntityFilter where(String description, Predicate<Entity> predicate) {
		return new EntityFilter(description, predicate);
	}

	@Override
	public boolean test(Entity entity) {
		return predicate.test(entity);
	}

	@Override
	public String toString() {
		return expression;
	}

	private static String lower(String s) {
		return s == null ? "" : s.toLowerCase(Locale.ROOT);
	}

}
