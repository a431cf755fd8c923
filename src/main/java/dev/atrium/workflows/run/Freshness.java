package dev.atrium.workflows.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a scheduled pipeline is late: its {@code atrium.io/schedule} (cron, five fields as in crontab,
 * or Spring's six with seconds, or a macro such as {@code @daily}; times in UTC) says when runs start;
 * a pipeline is late once the first scheduled time after its last completed run (or after it first
 * appeared, if none completed) is more than the grace period ago.
 */
public final class Freshness {

	private static final Map<String, Optional<CronExpression>> PARSED = new ConcurrentHashMap<>();

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
