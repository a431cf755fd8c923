package dev.atrium.scaffolder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.template.Template;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Templates built in code and actions that wait or fail on request, for the task tests. */
public final class ScaffolderTestTemplates {

	public static final String HELLO = "classpath:scaffolder/test-templates/hello/template.yaml";

	/** Counts runs of {@code test:count}. */
	public static final AtomicInteger COUNTED = new AtomicInteger();

	/** How many more runs of {@code test:flaky} fail. */
	public static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

	public static final java.util.concurrent.CountDownLatch GATE_ONE = new java.util.concurrent.CountDownLatch(1);

	public static final java.util.concurrent.CountDownLatch GATE_TWO = new java.util.concurrent.CountDownLatch(1);

	/** The folder outside the workspace that test:link pointed to last. */
	public static volatile java.nio.file.Path LINK_TARGET;

	private ScaffolderTestTemplates() {
	}

	/** A template whose steps are given as (id, action, input) triples. */
	public static Template template(String name, Map<String, Object> properties, Object... steps) {
		List<Object> stepList = new ArrayList<>();
		for (int i = 0; i < steps.length; i += 3) {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("id", steps[i]);
			step.put("name", "Step " + steps[i]);
			step.put("action", steps[i + 1]);
			step.put("input", steps[i + 2]);
			stepList.add(step);
		}
		Map<String, Object> body = Map.of("apiVersion", "scaffolder.backstage.io/v1beta3", "kind", "Template",
				"metadata", Map.of("name", name, "namespace", "default", "title", name,
						"annotations", Map.of("backstage.io/managed-by-location", HELLO)),
				"spec", Map.of("owner", "group:default/platform", "type", "service",
						"parameters", List.of(Map.of("title", "Page", "properties", properties)), "steps", stepList,
						"output", Map.of("links", List.of(Map.of("title", "Count", "url", "https://example.com/${{ steps.count.output.count }}"),
								Map.of("title", "Bad", "url", "javascript:alert(1)")))));
		return Template.of(new Entity(body));
	}

	@TestConfiguration
	public static class Actions {

		@Bean
		ScaffolderAction countAction() {
			return new TestAction("test:count", context -> context.output("count", COUNTED.incrementAndGet()));
		}

		@Bean
		ScaffolderAction flakyAction() {
			return new TestAction("test:flaky", context -> {
				if (FAILURES_LEFT.getAndDecrement() > 0) {
					throw new IllegalStateException("flaky failed on purpose");
				}
				context.log("flaky worked");
			});
		}

		/** Plants links in the workspace: to /etc/passwd and to a folder outside (LINK_TARGET). */
		@Bean
		ScaffolderAction linkAction() {
			return new TestAction("test:link", context -> {
				java.nio.file.Files.createSymbolicLink(context.workspace().resolve("passwd"), java.nio.file.Path.of("/etc/passwd"));
				java.nio.file.Path outside = java.nio.file.Files.createTempDirectory("atrium-outside");
				java.nio.file.Files.writeString(outside.resolve("keep.txt"), "keep");
				LINK_TARGET = outside;
				java.nio.file.Files.createSymbolicLink(context.workspace().resolve("outside-dir"), outside);
			});
		}

		/** Logs, waits for GATE_ONE, logs again, waits for GATE_TWO: lets a test watch a log grow. */
		@Bean
		ScaffolderAction gateAction() {
			return new TestAction("test:gate", context -> {
				context.log("waiting at the first gate");
				GATE_ONE.await(60, TimeUnit.SECONDS);
				context.log("through the first gate");
				GATE_TWO.await(60, TimeUnit.SECONDS);
			});
		}

		@Bean
		ScaffolderAction waitAction() {
			return new TestAction("test:wait", context -> {
				context.log("waiting to be cancelled");
				java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (!context.cancelled() && System.nanoTime() < deadline) {
					never.await(20, TimeUnit.MILLISECONDS);
				}
			});
		}

	}

	interface Body {

		void run(ActionContext context) throws Exception;

	}

	record TestAction(String id, Body body) implements ScaffolderAction {

		@Override
		public String description() {
			return "A test action";
		}

		@Override
		public Map<String, Object> inputSchema() {
			return Map.of("type", "object");
		}

		@Override
		public boolean supportsDryRun() {
			return true;
		}

		@Override
		public void execute(ActionContext context) throws Exception {
			body.run(context);
		}

	}

}
