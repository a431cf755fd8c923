package dev.atrium.workflows.run;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a scheduled pipeline is late, from its cron schedule, last completion and grace period. */
class FreshnessTests {

	private static final Duration GRACE = Duration.ofHours(1);

	@Test
	void aDailyPipelineIsLateOnceTheNextScheduledRunPlusGraceHasPassedWithoutACompletion() {
		Instant completed = Instant.parse("2026-11-30T02:40:00Z");
		assertThat(Freshness.dueBy("0 2 * * *", completed, null, GRACE)).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
		assertThat(Freshness.late("0 2 * * *", completed, null, GRACE, Instant.parse("2026-12-01T02:59:00Z"))).isFalse();
		assertThat(Freshness.late("0 2 * * *", completed, null, GRACE, Instant.parse("2026-12-01T03:01:00Z"))).isTrue();
	}

	@Test
	void withoutACompletedRunTheBaselineIsWhenThePipelineFirstAppeared() {
		Instant appeared = Instant.parse("2026-11-30T10:20:00Z");
		assertThat(Freshness.late("15 * * * *", null, appeared, GRACE, Instant.parse("2026-11-30T12:14:00Z"))).isFalse();
		assertThat(Freshness.late("15 * * * *", null, appeared, GRACE, Instant.parse("2026-11-30T12:16:00Z"))).isTrue();
	}

	@Test
	void springsSixFieldsAndMacrosAreReadTooAndNonsenseIsNoSchedule() {
		assertThat(Freshness.valid("0 0 2 * * *")).isTrue();
		assertThat(Freshness.valid("@daily")).isTrue();
		assertThat(Freshness.valid("every day")).isFalse();
		assertThat(Freshness.valid(null)).isFalse();
		assertThat(Freshness.late("every day", null, Instant.EPOCH, GRACE, Instant.now())).as("never late without a schedule").isFalse();
	}

	@Test
	void anEntitysOwnGraceIsASimpleOrIsoDurationAndWhatCannotBeReadIsSaid() {
		assertThat(Freshness.grace("3h")).contains(Duration.ofHours(3));
		assertThat(Freshness.grace("PT90M")).contains(Duration.ofMinutes(90));
		assertThat(Freshness.grace("1d")).contains(Duration.ofDays(1));
		assertThat(Freshness.grace("soon")).isEmpty();
		assertThat(Freshness.grace("-1h")).isEmpty();
		assertThat(Freshness.problems("every day", "soon")).extracting(Freshness.Problem::what)
			.containsExactly("schedule", "grace period");
		assertThat(Freshness.problems("0 2 * * *", "3h")).isEmpty();
		assertThat(Freshness.problems(null, null)).isEmpty();
	}

}
