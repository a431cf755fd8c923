package dev.atrium.scaffolder.builtin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.scaffolder.git.GitCli;
import dev.atrium.scaffolder.git.GitHostApplicationTest;
import dev.atrium.scaffolder.task.Task;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Templates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in template end to end, through the task runner: rendered, pushed to Atrium's git host,
 * registered in the catalog, and cloned with the git command line.
 */
class SpringBootServiceTaskTests extends GitHostApplicationTest {

	@Autowired
	Tasks tasks;

	@Autowired
	Templates templates;

	@Autowired
	EntityLookup catalog;

	@Test
	void createsPushesAndRegistersANewService() throws Exception {
		String name = token + "-orders";
		Task task = run(Map.of("name", name, "description", "Takes orders", "owner", "group:default/platform-team",
				"system", "system:default/storefront", "features", List.of("web", "actuator")));

		assertThat(task.status()).as(String.valueOf(task)).isEqualTo(Task.COMPLETED);
		String cloneUrl = "http://localhost:" + port + "/git/" + name + ".git";
		Map<?, ?> publish = (Map<?, ?>) task.stepState("publish").get("output");
		assertThat(publish.get("cloneUrl")).isEqualTo(cloneUrl);
		Map<?, ?> register = (Map<?, ?>) task.stepState("register").get("output");
		assertThat(register.get("entityRef")).isEqualTo("component:default/" + name);

		Entity entity = catalog.find(EntityRef.parse("component:default/" + name)).orElseThrow();
		assertThat(entity.description()).isEqualTo("Takes orders");
		assertThat(entity.spec()).containsEntry("lifecycle", "experimental").containsEntry("owner", "group:default/platform-team")
			.containsEntry("system", "system:default/storefront");
		assertThat(entity.annotation("backstage.io/source-location")).isEqualTo("url:" + cloneUrl);
		assertThat(entity.annotation("backstage.io/managed-by-location"))
			.isEqualTo("url:" + cloneUrl.replace(".git", ".git/raw/main") + "/catalog-info.yaml");

		Path clone = scratch.resolve(name);
		GitCli.ok(scratch, "clone", "-q", cloneUrl, clone.toString());
		assertThat(clone.resolve("pom.xml")).content().contains("<artifactId>" + name + "</artifactId>");
		assertThat(Files.isExecutable(clone.resolve("mvnw"))).isTrue();
		String className = GitCli.ok(clone, "ls-files", "src/main/java");
		assertThat(className).contains("hello/HelloController.java");
		assertThat(GitCli.ok(clone, "log", "--format=%an|%s")).isEqualTo(
				"Alice Example|Create " + name + " from the Spring Boot microservice template\n");

		List<?> links = (List<?>) task.output().get("links");
		assertThat(links.toString()).contains("/create/repositories/" + name, "component:default/" + name);
	}

	@Test
	void refusesANameWhoseRepositoryExistsAndKeepsIt() throws Exception {
		String name = token + "-twice";
		Map<String, Object> values = Map.of("name", name, "owner", "group:default/platform-team", "features", List.of());
		assertThat(run(values).status()).isEqualTo(Task.COMPLETED);
		String before = repositories.describe(name).orElseThrow().lastCommit();

		Task second = run(values);
		assertThat(second.status()).isEqualTo(Task.FAILED);
		assertThat(String.valueOf(second.stepState("publish"))).contains("already exists");
		assertThat(repositories.describe(name).orElseThrow().lastCommit()).isEqualTo(before);
	}

	private Task run(Map<String, Object> values) {
		UUID id = tasks.submit(templates.require(GeneratedProject.TEMPLATE), values, Map.of(), GeneratedProject.ALICE);
		return await().atMost(Duration.ofSeconds(60)).until(() -> tasks.require(id), Task::finished);
	}

}
