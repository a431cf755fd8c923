package dev.atrium.workflows.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a scheduled pipeline is late: its {@code atrium.io/schedule} (cron, five fields as in crontab,
 * or Spring's six with seconds, or a macro such as {@code @daily}; times in UTC) says when runs start;
 * a pipeline is late once the first scheduled time after its last completed run (or after it first
 * appeared, if none completed) is more than the grace period ago (the entity's
 * {@code atrium.io/schedule-grace}, else {@code atrium.workflows.schedule-grace}).
 */
public final class Freshness {

	private static final Map<String, Optional<CronExpression>> PARSED = new ConcurrentHashMap<>();

	private static final Map<String, Optional<Duration>> GRACES = new ConcurrentHashMap<>();

	private Freshness() {
	}

	/** The parsed schedule, or empty when the expression is not valid cron. */
	public static Optional<CronExpression> schedule(String expression) {
		if (expression == null || expression.isBlank()) {
			return Optional.empty();
		}
		return PARSED.computeIfAbsent(expression.trim(), e -> {
			String spring = e.startsWith("@") || e.split("\\s+").length != 5 ? e : "0 " + e;
			try {
				return Optional.of(CronExpression.parse(spring));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		});
	}

	/** Whether the expression is a schedule Atrium can read. */
	public static boolean valid(String expression) {
		return schedule(expression).isPresent();
	}

	/**
	 * An entity's own grace period ({@code atrium.io/schedule-grace}: {@code 90m}, {@code 3h},
	 * {@code 1d} or ISO-8601 such as {@code PT3H}), or empty when absent or unreadable.
	 */
	public static Optional<Duration> grace(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		return GRACES.computeIfAbsent(text.trim(), t -> {
			try {
				Duration d = DurationStyle.detectAndParse(t);
				return d.isNegative() ? Optional.empty() : Optional.of(d);
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		});
	}

	/** An annotation Atrium cannot read: which ({@code schedule}, {@code grace period}), its value, and what is wrong. */
	public record Problem(String what, String value, String message) {
	}

	/** What the pages say is wrong with a pipeline's schedule annotations; empty when Atrium reads them. */
	public static List<Problem> problems(String schedule, String grace) {
		List<Problem> problems = new ArrayList<>();
		if (schedule != null && !schedule.isBlank() && !valid(schedule)) {
			problems.add(new Problem("schedule", schedule, "is not a cron expression Atrium reads (five fields as in "
					+ "crontab, such as 0 2 * * *, or a macro such as @daily): whether the pipeline is late is not checked."));
		}
		if (grace != null && !grace.isBlank() && grace(grace).isEmpty()) {
			problems.add(new Problem("grace period", grace, "is not a duration such as 3h, 90m or PT3H: the default applies."));
		}
		return problems;
	}

	/**
	 * The time by which a run should have completed: the next scheduled time after the last
	 * completion (or the baseline), plus the grace period; null without a valid schedule.
	 */
	public static Instant dueBy(String expression, Instant lastCompleted, Instant baseline, Duration grace) {
		Optional<CronExpression> cron = schedule(expression);
		Instant from = lastCompleted != null ? lastCompleted : baseline;
		if (cron.isEmpty() || from == null) {
			return null;
		}
		ZonedDateTime next = cron.get().next(from.atZone(ZoneOffset.UTC));
		return next == null ? null : next.toInstant().plus(grace);
	}

	public static boolean late(String expression, Instant lastCompleted, Instant baseline, Duration grace, Instant now) {
		Instant due = dueBy(expression, lastCompleted, baseline, grace);
		return due != null && now.isAfter(due);
	}

}
