package dev.atrium.scaffolder.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.atrium.platform.Entity;
import dev.atrium.platform.Identity;
import dev.atrium.scaffolder.git.GitRepositories;
import dev.atrium.scaffolder.task.Task;
import dev.atrium.scaffolder.task.TaskEvent;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Template;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backstage advisories GHSA-pvv8-8fx9-h673, GHSA-rq6q-wr2q-7pgp and CVE-2026-24047 against a template
 * in a file location: symbolic links in its skeleton (to a file outside, to a folder outside, a chain of
 * links, a dangling link whose target appears later) are never followed, so nothing from outside reaches
 * the workspace or the repository publish:git creates; and {@code targetPath} cannot leave the workspace.
 */
@SpringBootTest(properties = "atrium.catalog.demo=false")
class SkeletonLinkTests {

	private static final Identity ADA = new Identity("ada", "Ada", null, Set.of(), Identity.Type.USER, false);

	private static final Path TEMP = temp();

	private static final String SECRET = "top-secret-" + UUID.randomUUID();

	@DynamicPropertySource
	static void gitRoot(DynamicPropertyRegistry registry) {
		registry.add("atrium.scaffolder.git.root", () -> TEMP.resolve("git").toString());
	}

	@Autowired
	Tasks tasks;

	@Autowired
	GitRepositories repositories;

	/** A template folder whose skeleton holds a real file and links of every kind that lead out. */
	private static Path templateFolder(String name) throws IOException {
		Path outside = Files.createDirectories(TEMP.resolve(name + "-outside"));
		Files.writeString(outside.resolve("secret.txt"), SECRET);
		Path folder = Files.createDirectories(TEMP.resolve(name));
		Path skeleton = Files.createDirectories(folder.resolve("skeleton"));
		Files.writeString(skeleton.resolve("README.md"), "# ${{ values.name }}\n");
		Files.createSymbolicLink(skeleton.resolve("leak.txt"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(skeleton.resolve("leak-dir"), outside);
		Files.createSymbolicLink(skeleton.resolve("chain-2"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(skeleton.resolve("chain-1"), skeleton.resolve("chain-2"));
		Files.createSymbolicLink(skeleton.resolve("relative-leak.txt"), Path.of("../../" + name + "-outside/secret.txt"));
		Files.createSymbolicLink(skeleton.resolve("dangling.txt"), outside.resolve("later.txt"));
		Files.createSymbolicLink(folder.resolve("linked-skeleton"), outside);
		return folder;
	}

	private static Template template(Path folder, String name, Object... steps) {
		List<Object> stepList = new ArrayList<>();
		for (int i = 0; i < steps.length; i += 3) {
			stepList.add(Map.of("id", steps[i], "name", "Step " + steps[i], "action", steps[i + 1], "input", steps[i + 2]));
		}
		Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", name, "namespace", "default", "title", name,
				"annotations", Map.of("backstage.io/managed-by-location", "file:" + folder.resolve("template.yaml"))));
		return Template.of(new Entity(Map.of("apiVersion", "scaffolder.backstage.io/v1beta3", "kind", "Template", "metadata", metadata,
				"spec", Map.of("owner", "group:default/platform", "type", "service",
						"parameters", List.of(Map.of("title", "Page", "properties", Map.of())), "steps", stepList))));
	}

	private static String log(List<TaskEvent> events) {
		return events.stream().map(e -> String.valueOf(e.body().get("message"))).collect(Collectors.joining("\n"));
	}

	@Test
	void skeletonLinksThatLeadOutNeverReachThePublishedRepository() throws Exception {
		Path folder = templateFolder("publish");
		String repo = "links-" + UUID.randomUUID().toString().substring(0, 8);
		Template template = template(folder, "links", "fetch", "fetch:template", Map.of("url", "./skeleton", "values", Map.of("name", repo)),
				"publish", "publish:git", Map.of("repoUrl", repo));

		UUID id = tasks.submit(template, Map.of(), Map.of(), ADA);
		Files.writeString(TEMP.resolve("publish-outside/later.txt"), SECRET);
		Task task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.require(id), Task::finished);

		String log = log(tasks.events(id, 0));
		assertThat(task.status()).as(log).isEqualTo(Task.COMPLETED);
		assertThat(log).contains("Skipped the symbolic link leak.txt", "Skipped the symbolic link chain-1", "Skipped the symbolic link dangling.txt")
			.doesNotContain(SECRET);
		assertThat(repositories.files(repo, "main", 100)).containsExactly("README.md");
		assertThat(new String(repositories.readFile(repo, "main", "README.md").orElseThrow())).isEqualTo("# " + repo + "\n");
	}

	@Test
	void aSkeletonFolderThatIsALinkOutIsRefused() throws Exception {
		Path folder = templateFolder("linked");
		for (String action : List.of("fetch:template", "fetch:plain")) {
			Tasks.DryRun run = tasks.dryRun(template(folder, "linked", "fetch", action, Map.of("url", "./linked-skeleton")), Map.of(), Map.of(),
					ADA, null);
			assertThat(run.status()).as(action).isEqualTo("failed");
			assertThat(run.error()).as(action).contains("leaves the template's folder through a symbolic link");
			assertThat(log(run.log())).doesNotContain(SECRET);
		}
	}

	@Test
	void targetPathCannotLeaveTheWorkspace() throws Exception {
		Path folder = templateFolder("target");
		for (String action : List.of("fetch:template", "fetch:plain")) {
			for (String targetPath : List.of("../../escaped", "/tmp/escaped-" + UUID.randomUUID(), "a/../../escaped")) {
				Tasks.DryRun run = tasks.dryRun(template(folder, "target", "fetch", action, Map.of("url", "./skeleton", "targetPath", targetPath)),
						Map.of(), Map.of(), ADA, null);
				assertThat(run.status()).as(action + " " + targetPath).isEqualTo("failed");
				assertThat(run.error()).as(action + " " + targetPath).containsAnyOf("leaves the workspace", "absolute");
				assertThat(run.files()).isEmpty();
			}
		}
		assertThat(TEMP.resolve("escaped")).doesNotExist();
	}

	private static Path temp() {
		try {
			return Files.createTempDirectory("atrium-skeleton-links-").toRealPath();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
