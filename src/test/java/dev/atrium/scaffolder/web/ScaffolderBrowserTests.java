package dev.atrium.scaffolder.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.platform.ConflictException;
import dev.atrium.platform.Identity;
import dev.atrium.scaffolder.ScaffolderTestTemplates;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Templates;
import dev.atrium.support.Browser;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scaffolder as a user meets it: pick the built-in template, make a mistake in the form, fix it,
 * create, watch the run, follow the link to the new catalog entity, and clone the new repository.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "atrium.catalog.demo=false")
@Import(ScaffolderTestTemplates.Actions.class)
class ScaffolderBrowserTests {

	private static final Path GIT_ROOT = temp();

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@Autowired
	Ingestion ingestion;

	@Autowired
	Templates templates;

	@Autowired
	Tasks tasks;

	@DynamicPropertySource
	static void gitHost(DynamicPropertyRegistry registry) {
		registry.add("atrium.scaffolder.git.root", GIT_ROOT::toString);
	}

	@BeforeEach
	void groupsAndTheBuiltInTemplateAreInTheCatalog() {
		browser.baseUrl("http://localhost:" + port);
		try {
			ingestion.registerInternal("classpath", "scaffolder/test-templates/org.yaml", "test");
		}
		catch (ConflictException ex) {
			// registered by an earlier test
		}
		await().atMost(Duration.ofMinutes(3)).until(() -> templates.all().stream().anyMatch(t -> t.ref().name().equals("spring-boot-service")));
	}

	@Test
	void createsAServiceFromTheBuiltInTemplate() throws Exception {
		browser.signInAsGuest();
		browser.open("/create");
		browser.visible(By.cssSelector("a[aria-label='Choose Spring Boot microservice']")).click();

		WebElement name = browser.visible(By.id("field-name"));
		assertThat(browser.focused()).as("ui:autofocus").isEqualTo(name);
		name.sendKeys("Bad Name");
		new Select(browser.find(By.id("field-owner"))).selectByValue("group:default/team-a");
		browser.find(By.cssSelector("button[value=next]")).click();

		WebElement error = browser.visible(By.id("field-name-error"));
		assertThat(error.getText()).contains("Must match the pattern");
		WebElement typed = browser.find(By.id("field-name"));
		assertThat(typed.getDomProperty("value")).as("what was typed is kept").isEqualTo("Bad Name");
		typed.clear();
		typed.sendKeys("browser-made");
		browser.find(By.cssSelector("button[value=next]")).click();

		browser.visible(By.id("field-javaPackage"));
		assertThat(browser.find(By.id("field-features-0")).isSelected()).as("the default features are ticked").isTrue();
		browser.find(By.cssSelector("button[value=next]")).click();

		assertThat(browser.visible(By.cssSelector("table.review")).getText()).contains("browser-made", "group:default/team-a");
		browser.find(By.cssSelector("button[value=create]")).click();

		browser.waitFor(Duration.ofSeconds(90), d -> statusIs("completed"));
		assertThat(browser.find(By.id("task-log")).getText()).contains("Beginning step Render the service",
				"Finished step Register in the catalog");
		assertThat(browser.findAll(By.cssSelector(".task-step.step-completed"))).hasSize(3);

		browser.find(By.linkText("Open in catalog")).click();
		browser.waitFor(d -> d.getCurrentUrl().endsWith("/catalog/default/component/browser-made"));
		assertThat(browser.visible(By.tagName("h1")).getText()).contains("browser-made");

		Path clone = Files.createTempDirectory("atrium-clone-");
		// git smart HTTP fetches with a POST (git-upload-pack), which the security rules on main let only callers with a token make.
		try (Git git = Git.cloneRepository()
			.setURI("http://localhost:" + port + "/git/browser-made.git")
			.setTransportConfigCallback(t -> ((org.eclipse.jgit.transport.TransportHttp) t)
				.setAdditionalHeaders(Map.of("Authorization", dev.atrium.support.TestSignIn.bearer())))
			.setDirectory(clone.toFile())
			.call()) {
			assertThat(clone.resolve("pom.xml")).exists();
			assertThat(clone.resolve("catalog-info.yaml")).content().contains("name: browser-made", "owner: \"group:default/team-a\"");
			assertThat(git.log().call().iterator().next().getFullMessage()).contains("browser-made");
		}
	}

	@Test
	void streamsTheLogWhileTheTaskRuns() {
		var template = ScaffolderTestTemplates.template("gated", Map.of(), "gate", "test:gate", Map.of(), "count", "test:count", Map.of());
		// Run as the guest the browser is signed in as: only a task's creator (and admins) may see it.
		UUID id = tasks.submit(template, Map.of(), Map.of(), new Identity("guest", "Guest", null, java.util.Set.of(), Identity.Type.GUEST, false));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> tasks.events(id, 0).stream().anyMatch(e -> "waiting at the first gate".equals(e.body().get("message"))));

		browser.signInAsGuest();
		browser.open("/create/tasks/" + id);
		assertThat(browser.visible(By.id("task-log")).getText()).contains("waiting at the first gate").doesNotContain("through the first gate");
		assertThat(browser.find(By.cssSelector(".task-step[data-step=gate] .step-status")).getText()).isEqualTo("processing");

		ScaffolderTestTemplates.GATE_ONE.countDown();
		browser.waitFor(d -> browser.find(By.id("task-log")).getText().contains("through the first gate"));
		assertThat(browser.find(By.id("task-status")).getText()).as("streamed, not reloaded").isEqualTo("processing");

		ScaffolderTestTemplates.GATE_TWO.countDown();
		browser.waitFor(Duration.ofSeconds(30), d -> statusIs("completed"));
		assertThat(browser.find(By.id("progress-bar")).getDomAttribute("style")).contains("100%");
		assertThat(browser.find(By.linkText("Count")).getDomProperty("href")).startsWith("https://example.com/");
	}

	/** Whether the task page shows the status; the page reloads when the run ends, so an element may go stale. */
	private static boolean statusIs(String status) {
		try {
			return browser.find(By.id("task-status")).getText().equals(status);
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			return false;
		}
	}

	private static Path temp() {
		try {
			return Files.createTempDirectory("atrium-git-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
