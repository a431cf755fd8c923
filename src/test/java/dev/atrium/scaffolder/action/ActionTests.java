package dev.atrium.scaffolder.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.atrium.platform.Entity;
import dev.atrium.platform.Identity;
import dev.atrium.scaffolder.ScaffolderTestTemplates;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in actions through dry runs of real templates: what they write, and what they refuse
 * (traversal in names and parameters, symbolic links in skeletons and workspaces).
 */
@SpringBootTest(properties = "atrium.catalog.demo=false")
@Import(ScaffolderTestTemplates.Actions.class)
class ActionTests {

	private static final Identity ADA = new Identity("ada", "Ada", null, java.util.Set.of(), Identity.Type.USER, false);

	@Autowired
	Tasks tasks;

	@TempDir
	Path temp;

	private Template hello() throws IOException {
		String yaml = new String(getClass().getResourceAsStream("/scaffolder/test-templates/hello/template.yaml").readAllBytes());
		Map<String, Object> body = new org.yaml.snakeyaml.Yaml().load(yaml);
		Map<String, Object> metadata = new java.util.LinkedHashMap<>(Entity.map(body.get("metadata")));
		metadata.put("annotations", Map.of("backstage.io/managed-by-location", ScaffolderTestTemplates.HELLO));
		body.put("metadata", metadata);
		return Template.of(new Entity(body));
	}

	private static Map<String, String> files(Tasks.DryRun run) {
		return run.files().stream().collect(Collectors.toMap(Tasks.File::path, f -> f.text() == null ? "<binary>" : f.text()));
	}

	@Test
	void rendersTheSkeletonsNamesAndContents() throws IOException {
		Tasks.DryRun run = tasks.dryRun(hello(), Map.of("name", "payments", "owner", "group:default/team-a", "features", List.of("web")),
				Map.of(), ADA, null);

		assertThat(run.status()).as(run.log().toString()).isEqualTo("completed");
		Map<String, String> files = files(run);
		assertThat(files).containsKeys("payments/README.md", "static/raw.txt", "GREETING.txt", "payments/catalog-info.yaml");
		assertThat(files.get("payments/README.md")).contains("# payments", "Owned by group:default/team-a, listening on port 8080",
				"It has a web endpoint.").doesNotContain("no web endpoint");
		assertThat(files.get("static/raw.txt")).as("copyWithoutTemplating").isEqualTo("Kept as is: ${{ values.name }}\n");
		assertThat(files.get("GREETING.txt")).isEqualTo("hello payments\n");
		assertThat(files.get("payments/catalog-info.yaml")).contains("name: payments", "owner: group:default/team-a");
		assertThat(run.output().get("text").toString()).contains("hello payments");
	}

	@Test
	void refusesAParameterThatWalksOutOfTheWorkspace() throws IOException {
		Template template = ScaffolderTestTemplates.template("traversal", Map.of("path", Map.of("type", "string")),
				"write", "catalog:write", Map.of("filePath", "${{ parameters.path }}", "entity", Map.of("apiVersion", "backstage.io/v1alpha1",
						"kind", "Component", "metadata", Map.of("name", "x"), "spec", Map.of("type", "service", "owner", "me", "lifecycle", "x"))));

		for (String payload : List.of("../../../../tmp/pwned.yaml", "/etc/cron.d/pwned", "a/../../b")) {
			Tasks.DryRun run = tasks.dryRun(template, Map.of("path", payload), Map.of(), ADA, null);
			assertThat(run.status()).isEqualTo("failed");
			assertThat(run.error()).containsAnyOf("leaves the workspace", "absolute");
		}
		assertThat(Path.of("/tmp/pwned.yaml")).doesNotExist();
	}

	@Test
	void refusesSkeletonNamesThatRenderOutOfTheWorkspace() throws IOException {
		Path dir = Files.createDirectories(temp.resolve("tpl"));
		Files.createDirectories(dir.resolve("skeleton/${{ values.dir }}"));
		Files.writeString(dir.resolve("skeleton/${{ values.dir }}/x.txt"), "x");
		Map<String, byte[]> templateFiles = Map.of("skeleton/${{ values.dir }}/x.txt", "x".getBytes());
		Template template = ScaffolderTestTemplates.template("names", Map.of("dir", Map.of("type", "string")),
				"fetch", "fetch:template", Map.of("url", "./skeleton", "values", Map.of("dir", "${{ parameters.dir }}")));

		Tasks.DryRun run = tasks.dryRun(template, Map.of("dir", "../../escape"), Map.of(), ADA, templateFiles);

		assertThat(run.status()).isEqualTo("failed");
		assertThat(run.error()).contains("leaves the workspace");
	}

	@Test
	void refusesFetchingOutsideTheTemplatesFolder() throws IOException {
		for (String url : List.of("../../../../etc", "/etc", "file:/etc", "classpath:application.properties", "classpath:../x",
				"https://example.com/skeleton")) {
			Template template = ScaffolderTestTemplates.template("fetch-out", Map.of(), "fetch", "fetch:plain", Map.of("url", url));
			Tasks.DryRun run = tasks.dryRun(template, Map.of(), Map.of(), ADA, null);
			assertThat(run.status()).as(url).isEqualTo("failed");
			assertThat(run.error()).as(url).containsAnyOf("leaves the template's folder", "absolute", "outside classpath:", "not supported");
		}
	}

	@Test
	void neverFollowsLinksInATemplateOrTheWorkspace() throws IOException {
		Template template = ScaffolderTestTemplates.template("links", Map.of(),
				"greet", "hello:greet", Map.of("name", "x"),
				"link", "test:link", Map.of(),
				"log", "debug:log", Map.of("listWorkspace", "with-contents"),
				"delete", "fs:delete", Map.of("files", List.of("passwd", "outside-dir")));

		Tasks.DryRun run = tasks.dryRun(template, Map.of(), Map.of(), ADA, null);

		String log = run.log().stream().map(e -> String.valueOf(e.body().get("message"))).collect(Collectors.joining("\n"));
		assertThat(run.status()).as(log).isEqualTo("completed");
		assertThat(log).contains("passwd (symbolic link, not followed)").doesNotContain("root:");
		assertThat(Path.of("/etc/passwd")).exists();
		assertThat(ScaffolderTestTemplates.LINK_TARGET.resolve("keep.txt")).as("fs:delete removed the link, not the folder it pointed to").exists();
	}

	@Test
	void renamesAndDeletesInsideTheWorkspace() throws IOException {
		Template template = ScaffolderTestTemplates.template("fs", Map.of(),
				"greet", "hello:greet", Map.of("name", "x"),
				"rename", "fs:rename", Map.of("files", List.of(Map.of("from", "GREETING.txt", "to", "docs/hello.txt"))),
				"greet2", "hello:greet", Map.of("name", "y"),
				"delete", "fs:delete", Map.of("files", List.of("**/*.txt")),
				"escape", "fs:rename", Map.of("files", List.of(Map.of("from", "docs", "to", "../docs"))));

		Tasks.DryRun run = tasks.dryRun(template, Map.of(), Map.of(), ADA, null);

		assertThat(run.status()).isEqualTo("failed");
		assertThat(run.error()).contains("leaves the workspace");
		assertThat(run.files()).extracting(Tasks.File::path).doesNotContain("GREETING.txt", "docs/hello.txt");
	}

}
