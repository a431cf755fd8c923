package dev.atrium.scaffolder.builtin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.scaffolder.git.DirectoryCommit;
import dev.atrium.scaffolder.git.GitHostApplicationTest;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built-in template is in the catalog from the start, and the catalog reads the git host's files. */
class BuiltinTemplatesTests extends GitHostApplicationTest {

	@Autowired
	EntityLookup catalog;

	@Autowired
	Ingestion ingestion;

	@Test
	void theSpringBootTemplateIsInTheCatalogFromTheStart() {
		EntityRef ref = EntityRef.parse("template:default/spring-boot-service");
		Entity template = await().atMost(Duration.ofSeconds(30)).until(() -> catalog.find(ref).orElse(null), t -> t != null);
		assertThat(template.title()).isEqualTo("Spring Boot microservice");
		assertThat(template.annotation("backstage.io/managed-by-location")).isEqualTo("provider:builtin-templates");
		assertThat(template.annotation("backstage.io/source-location"))
			.isEqualTo("classpath:scaffolder/templates/spring-boot-service/template.yaml");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> steps = (List<Map<String, Object>>) template.spec().get("steps");
		assertThat(steps).extracting(s -> s.get("action")).containsExactly("fetch:template", "publish:git", "catalog:register");
		assertThat(steps.get(0).toString()).contains("cloneUrl=http://localhost:" + port + "/git/${{ parameters.name }}.git")
			.doesNotContain("ATRIUM_GIT_URL");
		assertThat(template.relationTargets("ownedBy")).contains(EntityRef.parse("group:default/platform-team"));
	}

	@Test
	void theCatalogReadsAServiceFromTheGitHostWithoutReadingAllow() throws Exception {
		String name = token + "-registered";
		Path source = Files.createDirectories(scratch.resolve("svc"));
		Files.writeString(source.resolve("catalog-info.yaml"), """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: %s
				spec:
				  type: service
				  lifecycle: experimental
				  owner: group:default/platform-team
				""".formatted(name));
		try (Repository repo = repositories.create(name, "main")) {
			DirectoryCommit.write(repo, source, "main", "Start", new PersonIdent("T", "t@example.com"));
		}
		String url = repositories.rawUrl(name, "main") + "/catalog-info.yaml";
		ingestion.register("url", url, "test");
		ingestion.refreshDue();
		Entity entity = catalog.find(EntityRef.parse("component:default/" + name)).orElseThrow();
		assertThat(entity.annotation("backstage.io/managed-by-location")).isEqualTo("url:" + url);
	}

}
