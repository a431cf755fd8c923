package dev.atrium.workflows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.atrium.platform.EntityProvider;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Freshness as a team sees it, with pipelines declared in the catalog (a provider's entities) and a
 * clock the test moves: a scheduled pipeline that never reported becomes late, a per-entity grace
 * period, a schedule that is not cron said so on the pages, and the index filtered by owner.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false",
		"atrium.workflows.owner-refresh=0s", "atrium.workflows.schedule-grace=1h" })
@AutoConfigureMockMvc
@Import(ScheduledPipelinesTests.Declared.class)
class ScheduledPipelinesTests {

	/** The catalog's pipelines and the clock workflows reads. */
	@TestConfiguration
	static class Declared implements EntityProvider {

		static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

		@Bean
		Clock workflowsClock() {
			return new Clock() {

				@Override
				public ZoneId getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					return NOW.get();
				}

			};
		}

		@Override
		public String name() {
			return "test-scheduled-pipelines";
		}

		@Override
		public void connect(Connection connection) {
			connection.replaceAll(List.of(
					Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Group", "metadata", Map.of("name", "sched-team"),
							"spec", Map.of("type", "team", "children", List.of())),
					pipeline("never-reported", "sched/never_reported", "sched-team", Map.of("atrium.io/schedule", "0 * * * *")),
					pipeline("lenient", "sched/lenient", "sched-team",
							Map.of("atrium.io/schedule", "0 * * * *", "atrium.io/schedule-grace", "6h")),
					pipeline("strict", "sched/strict", "sched-team", Map.of("atrium.io/schedule", "0 * * * *")),
					pipeline("bad-cron", "sched/bad_cron", "sched-team",
							Map.of("atrium.io/schedule", "every day", "atrium.io/schedule-grace", "soon")),
					pipeline("elsewhere", "sched/elsewhere", "other-team", Map.of())));
		}

		private static Map<String, Object> pipeline(String name, String job, String owner, Map<String, String> annotations) {
			Map<String, String> all = new java.util.HashMap<>(annotations);
			all.put("openlineage.io/job", job);
			return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component",
					"metadata", Map.of("name", name, "annotations", all),
					"spec", Map.of("type", "data-pipeline", "lifecycle", "production", "owner", owner));
		}

	}

	@Autowired
	MockMvcTester mvc;

	private void post(String json) {
		assertThat(mvc.post().uri("/api/v1/lineage").with(TestSignIn.token()).contentType(MediaType.APPLICATION_JSON).content(json))
			.hasStatus(201);
	}

	private String get(String uri) throws Exception {
		var result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	private static String row(String html, String key) {
		int at = html.indexOf("data-pipeline=\"" + key + "\"");
		assertThat(at).as(key + " listed").isPositive();
		return html.substring(at, html.indexOf("</tr>", at));
	}

	@Test
	void freshnessOwnersAndScheduleProblemsAsTheTeamSeesThem() throws Exception {
		Instant start = Declared.NOW.get();
		for (String job : List.of("sched/lenient", "sched/strict", "sched/bad_cron", "sched/elsewhere")) {
			post(event("COMPLETE", UUID.randomUUID(), job, start.minus(30, ChronoUnit.MINUTES)).json());
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/workflows?namespace=sched"))
			.contains("data-pipeline=\"sched/never_reported\""));
		assertThat(row(get("/workflows?namespace=sched"), "sched/never_reported")).contains("data-state=\"NEW\"")
			.doesNotContain(">Late<");

		Declared.NOW.set(start.plus(3, ChronoUnit.HOURS));
		// The index reuses what it read for atrium.workflows.summary-cache (1 s): late within it.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(row(get("/workflows?namespace=sched"), "sched/never_reported"))
			.as("never reported, due since it was declared").contains(">Late<"));
		String index = get("/workflows?namespace=sched");
		assertThat(row(index, "sched/strict")).contains(">Late<");
		assertThat(row(index, "sched/lenient")).as("its own grace of 6 h").doesNotContain(">Late<");
		assertThat(row(index, "sched/bad_cron")).doesNotContain(">Late<");

		String team = get("/catalog/default/group/sched-team/pipelines/content");
		assertThat(team).contains("data-pipeline=\"sched/never_reported\"").contains("data-pipeline=\"sched/strict\"")
			.doesNotContain("data-pipeline=\"sched/lenient\"");
		String page = get("/workflows/pipelines/sched/never_reported");
		assertThat(page).contains("id=\"late-badge\"").contains("No OpenLineage event for <code>sched/never_reported</code>");
		assertThat(get("/catalog/default/component/never-reported/pipeline/content")).contains(">Late<");

		String owned = get("/workflows?owner=group:default/sched-team");
		assertThat(owned).contains("data-pipeline=\"sched/strict\"").doesNotContain("data-pipeline=\"sched/elsewhere\"");
		assertThat(get("/workflows?owner=other-team")).contains("data-pipeline=\"sched/elsewhere\"")
			.doesNotContain("data-pipeline=\"sched/strict\"");
		assertThat(owned).contains("<option value=\"group:default/other-team\"");
	}

	@Test
	void aScheduleOrGraceAtriumCannotReadIsSaidOnThePipelinePages() throws Exception {
		post(event("COMPLETE", UUID.randomUUID(), "sched/bad_cron", Declared.NOW.get().minus(10, ChronoUnit.MINUTES)).json());
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/workflows/pipelines/sched/bad_cron"))
			.contains("id=\"schedule-warnings\""));
		String page = get("/workflows/pipelines/sched/bad_cron");
		assertThat(page).contains("<code>every day</code> is not a cron expression")
			.contains("<code>soon</code> is not a duration");
		assertThat(get("/catalog/default/component/bad-cron/pipeline/content")).contains("is not a cron expression");
	}

}
