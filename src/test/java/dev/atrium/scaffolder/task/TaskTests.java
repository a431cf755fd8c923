package dev.atrium.scaffolder.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.Identity;
import dev.atrium.scaffolder.ScaffolderTestTemplates;
import dev.atrium.scaffolder.template.Template;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Tasks as stored and run: steps in order with if and outputs, secrets, cancel, retry, dead instances. */
@SpringBootTest(properties = { "atrium.catalog.demo=false", "atrium.scaffolder.heartbeat=200ms", "atrium.scaffolder.poll-interval=200ms" })
@Import(ScaffolderTestTemplates.Actions.class)
class TaskTests {

	private static final Identity ADA = new Identity("ada@example.com", "Ada", null, java.util.Set.of(), Identity.Type.USER, false);

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	/** The task once it finished and its last event (completion or cancelled) is written. */
	private Task finished(UUID id) {
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks.require(id).finished() && lastEvent(id).last());
		return tasks.require(id);
	}

	private TaskEvent lastEvent(UUID id) {
		List<TaskEvent> events = tasks.events(id, 0);
		return events.isEmpty() ? new TaskEvent(0, id, "none", Map.of(), java.time.Instant.now()) : events.get(events.size() - 1);
	}

	private List<String> messages(UUID id) {
		return tasks.events(id, 0).stream().map(e -> String.valueOf(e.body().get("message"))).toList();
	}

	@Test
	void runsStepsInOrderFeedingOutputsAndSkippingByIf() {
		Template template = ScaffolderTestTemplates.template("ordered", Map.of("skip", Map.of("type", "boolean")),
				"count", "test:count", Map.of(),
				"skipped", "test:count", Map.of(),
				"log", "debug:log", Map.of("message", "count was ${{ steps.count.output.count }}"));
		Template withIf = withCondition(template, "skipped", "${{ not parameters.skip }}");

		UUID id = tasks.submit(withIf, Map.of("skip", true), Map.of(), ADA);
		Task task = finished(id);

		assertThat(task.status()).isEqualTo(Task.COMPLETED);
		assertThat(task.stepState("skipped").get("status")).isEqualTo("skipped");
		Object count = ((Map<?, ?>) task.stepState("count").get("output")).get("count");
		assertThat(messages(id)).contains("count was " + count, "Beginning step Step count", "Finished step Step log");
		assertThat(task.createdBy()).isEqualTo("ada@example.com");
		List<?> links = (List<?>) task.output().get("links");
		assertThat(links).as("the javascript: link is dropped").hasSize(1);
		assertThat(((Map<?, ?>) links.get(0)).get("url")).isEqualTo("https://example.com/" + count);
		assertThat(lastEvent(id).type()).isEqualTo("completion");
	}

	@Test
	void keepsSecretsOutOfLogsAnswersAndTheDatabase() {
		String secret = "tok-" + UUID.randomUUID();
		Template template = ScaffolderTestTemplates.template("secret",
				Map.of("password", Map.of("type", "string", "ui:widget", "password")),
				"log", "debug:log", Map.of("message", "password ${{ parameters.password }} and ${{ secrets.apiKey }}"));

		UUID id = tasks.submit(template, Map.of("password", secret), Map.of("apiKey", secret + "-api"), ADA);
		Task task = finished(id);

		assertThat(task.status()).isEqualTo(Task.COMPLETED);
		assertThat(messages(id)).contains("password *** and ***");
		assertThat(task.spec().toString()).doesNotContain(secret);
		String everything = jdbc.sql("SELECT t::text FROM scaffolder_tasks t").query(String.class).list().toString()
				+ jdbc.sql("SELECT e::text FROM scaffolder_task_events e").query(String.class).list().toString();
		assertThat(everything).doesNotContain(secret);
	}

	@Test
	void failsAStepWithItsMessageAndRetriesFromIt() {
		ScaffolderTestTemplates.FAILURES_LEFT.set(1);
		Template template = ScaffolderTestTemplates.template("flaky", Map.of(),
				"count", "test:count", Map.of(), "flaky", "test:flaky", Map.of());

		UUID id = tasks.submit(template, Map.of(), Map.of(), ADA);
		Task failed = finished(id);
		assertThat(failed.status()).isEqualTo(Task.FAILED);
		assertThat(failed.error()).contains("flaky failed on purpose");
		Object firstCount = ((Map<?, ?>) failed.stepState("count").get("output")).get("count");

		tasks.retry(id, null);
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks.require(id).status().equals(Task.COMPLETED));

		Task done = tasks.require(id);
		assertThat(((Map<?, ?>) done.stepState("count").get("output")).get("count")).as("the completed step is not run again")
			.isEqualTo(firstCount);
		assertThat(messages(id)).contains("flaky worked");
		assertThatThrownBy(() -> tasks.retry(id, null)).hasMessageContaining("Only a failed task");
	}

	@Test
	void cancelsARunningTask() {
		Template template = ScaffolderTestTemplates.template("waiting", Map.of(),
				"wait", "test:wait", Map.of(), "after", "test:count", Map.of());

		UUID id = tasks.submit(template, Map.of(), Map.of(), ADA);
		await().atMost(Duration.ofSeconds(30)).until(() -> messages(id).contains("waiting to be cancelled"));
		tasks.cancel(id);

		Task task = finished(id);
		assertThat(task.status()).isEqualTo(Task.CANCELLED);
		assertThat(task.stepState("after")).as("no step starts after a cancel").isEmpty();
		assertThat(lastEvent(id).type()).isEqualTo("cancelled");
	}

	@Test
	void failsATaskWhoseInstanceDied() {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO scaffolder_tasks (id, template_ref, spec, status, created_by, claimed_by, lease_until, last_heartbeat_at, started_at)
				VALUES (?, 'template:default/x', '{}'::jsonb, 'processing', 'ada', 'dead-instance', now() - interval '1 minute',
				        now() - interval '2 minutes', now() - interval '2 minutes')""").param(id).update();

		Task task = finished(id);

		assertThat(task.status()).isEqualTo(Task.FAILED);
		assertThat(task.error()).contains("stopped responding");
		assertThat(tasks.events(id, 0)).extracting(TaskEvent::type).containsExactly("completion");
	}

	@Test
	void refusesValuesThatBreakTheSchema() {
		Template template = ScaffolderTestTemplates.template("strict",
				Map.of("name", Map.of("type", "string", "pattern", "^[a-z]+$")), "count", "test:count", Map.of());

		assertThatThrownBy(() -> tasks.submit(template, Map.of("name", "Not Valid"), Map.of(), ADA))
			.isInstanceOf(InvalidValuesException.class)
			.hasMessageContaining("name: Must match the pattern ^[a-z]+$");
	}

	@Test
	void failsAStepWithAnUnknownAction() {
		Template template = ScaffolderTestTemplates.template("unknown", Map.of(), "x", "no:such", Map.of());

		Task task = finished(tasks.submit(template, Map.of(), Map.of(), ADA));

		assertThat(task.status()).isEqualTo(Task.FAILED);
		assertThat(task.error()).isEqualTo("Template action with ID 'no:such' is not registered");
	}

	@SuppressWarnings("unchecked")
	private static Template withCondition(Template template, String stepId, String condition) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(template.entity().body());
		Map<String, Object> spec = new java.util.LinkedHashMap<>((Map<String, Object>) body.get("spec"));
		List<Object> steps = new java.util.ArrayList<>();
		for (Object raw : (List<Object>) spec.get("steps")) {
			Map<String, Object> step = new java.util.LinkedHashMap<>((Map<String, Object>) raw);
			if (stepId.equals(step.get("id"))) {
				step.put("if", condition);
			}
			steps.add(step);
		}
		spec.put("steps", steps);
		body.put("spec", spec);
		return Template.of(new dev.atrium.platform.Entity(body));
	}

}
