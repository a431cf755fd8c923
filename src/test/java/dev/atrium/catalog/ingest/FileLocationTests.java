package dev.atrium.catalog.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code file} locations: multi-document files, Location entities leading to further files, and the
 * rule that only files under {@code atrium.catalog.file-roots} are read, whatever the path says.
 */
class FileLocationTests extends CatalogApplicationTest {

	@Test
	void readsEveryDocumentOfAMultiDocumentFileAndSkipsEmptyOnes() {
		Path file = write("catalog-info.yaml", "---\n" + documents(component("a-" + token, "team-a"), "",
				component("b-" + token, "team-b"), "# only a comment\n", component("c-" + token, "team-c")) + "---\n");

		UUID id = registerFile(file);

		assertThat(refsOf(id)).contains("component:default/a-" + token, "component:default/b-" + token,
				"component:default/c-" + token);
		assertThat(errorsOf(id)).isEmpty();
		assertThat(location(id).status()).isEqualTo("ok");
	}

	@Test
	void followsLocationEntitiesToFurtherFilesRecursively() {
		Path absolute = write("elsewhere/absolute.yaml", component("absolute-" + token, "team-a"));
		write("systems/index.yaml", locationOf("./one.yaml", "../shared/two.yaml"));
		write("systems/one.yaml", component("one-" + token, "team-a"));
		write("shared/two.yaml", documents(component("two-" + token, "team-a"), locationOf("deeper/three.yaml")));
		write("shared/deeper/three.yaml", component("three-" + token, "team-a"));
		Path root = write("catalog.yaml",
				documents(component("root-" + token, "team-a"), locationOf("./systems/index.yaml", absolute.toString())));

		UUID id = registerFile(root);

		assertThat(refsOf(id)).contains("component:default/root-" + token, "component:default/one-" + token,
				"component:default/two-" + token, "component:default/three-" + token,
				"component:default/absolute-" + token);
		assertThat(errorsOf(id)).isEmpty();
	}

	@Test
	void entitiesAreAnnotatedWithTheFileThatHeldThemAndTheRegisteredLocation() {
		Path nested = write("nested.yaml", component("nested-" + token, "team-a"));
		Path root = write("catalog.yaml", locationOf("./nested.yaml"));

		registerFile(root);

		Entity entity = entity("component:default/nested-" + token).orElseThrow().entity();
		assertThat(entity.annotation(EntityPipeline.MANAGED_BY_LOCATION)).isEqualTo("file:" + nested);
		assertThat(entity.annotation(EntityPipeline.MANAGED_BY_ORIGIN_LOCATION)).isEqualTo("file:" + root);
	}

	@Test
	void refusesToRegisterAFileOutsideTheFileRoots() {
		Response response = api("POST", "/api/catalog/locations", locationBody("file", "/etc/hostname"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/name").asString()).isEqualTo("InputError");
		assertThat(response.json().at("/error/message").asString()).contains("outside the directories");
		assertThat(locations.find("file", "/etc/hostname")).isEmpty();
	}

	@Test
	void refusesToRegisterAPathThatClimbsOutOfTheFileRootsWithDotDot() {
		String target = dir + "/../../../../etc/passwd";

		assertThatThrownBy(() -> ingestion.register("file", target, "test")).isInstanceOf(InputException.class)
			.hasMessageContaining("outside the directories");
		assertThat(api("POST", "/api/catalog/locations", locationBody("file", target)).status()).isEqualTo(400);
	}

	@Test
	void refusesANestedLocationThatClimbsOutOfTheFileRoots() throws Exception {
		Path outside = Files.createTempDirectory("atrium-outside-");
		Path secret = Files.writeString(outside.resolve("secret.yaml"), component("secret-" + token, "team-a"));
		String climb = "../".repeat(dir.getNameCount() + 1) + secret.toString().substring(1);
		Path root = write("catalog.yaml", documents(component("inside-" + token, "team-a"),
				locationOf(climb, secret.toString())));

		UUID id = registerFile(root);

		assertThat(refsOf(id)).contains("component:default/inside-" + token)
			.doesNotContain("component:default/secret-" + token);
		assertThat(errorsOf(id)).hasSize(2).allMatch(error -> error.contains("outside the directories"));
	}

	@Test
	void refusesASymlinkThatLeadsOutOfTheFileRoots() throws Exception {
		Path outside = Files.createTempDirectory("atrium-outside-");
		Path secret = Files.writeString(outside.resolve("secret.yaml"), component("secret-" + token, "team-a"));
		Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), secret);
		Path linkedDir = Files.createSymbolicLink(dir.resolve("linked-dir"), outside);
		Path root = write("catalog.yaml", locationOf("./linked-dir/secret.yaml"));

		UUID direct = registerFile(link);
		UUID nested = registerFile(root);

		assertThat(entity("component:default/secret-" + token)).isEmpty();
		assertThat(location(direct).status()).isEqualTo("error");
		assertThat(errorsOf(direct)).singleElement().asString().contains("leads outside the allowed directories");
		assertThat(errorsOf(nested)).singleElement()
			.asString()
			.contains(linkedDir.resolve("secret.yaml").toString(), "leads outside the allowed directories");
	}

	@Test
	void refusesSymlinkChainsAndDanglingSymlinksThatLeadOut() throws Exception {
		Path outside = Files.createTempDirectory("atrium-outside-");
		Path later = outside.resolve("later.yaml");
		Path dangling = Files.createSymbolicLink(dir.resolve("dangling.yaml"), later);
		Path second = Files.createSymbolicLink(dir.resolve("second.yaml"), dangling);
		Path first = Files.createSymbolicLink(dir.resolve("first.yaml"), second);

		UUID chain = registerFile(first);
		assertThat(errorsOf(chain)).singleElement().asString().contains("File not found");

		Files.writeString(later, component("later-" + token, "team-a"));
		forceRefresh(chain);

		assertThat(entity("component:default/later-" + token)).isEmpty();
		assertThat(errorsOf(chain)).singleElement().asString().contains("leads outside the allowed directories");
	}

	@Test
	void locationsThatListEachOtherAreReadOnce() {
		write("a.yaml", documents(component("a-" + token, "team-a"), locationOf("./b.yaml")));
		write("b.yaml", documents(component("b-" + token, "team-a"), locationOf("./a.yaml", "./b.yaml")));

		UUID id = registerFile(dir.resolve("a.yaml"));

		assertThat(refsOf(id)).contains("component:default/a-" + token, "component:default/b-" + token);
		assertThat(errorsOf(id)).isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM catalog_sources WHERE location_id = ?").param(id).query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aMissingOptionalTargetIsNotAnError() {
		Path root = write("catalog.yaml", documents(component("root-" + token, "team-a"), """
				apiVersion: backstage.io/v1alpha1
				kind: Location
				metadata:
				  name: optional-%1$s
				spec:
				  presence: optional
				  targets: [./maybe.yaml]
				""".formatted(token), locationOf("./required.yaml")));

		UUID id = registerFile(root);

		assertThat(refsOf(id)).contains("component:default/root-" + token);
		assertThat(errorsOf(id)).singleElement().asString().contains("File not found", "required.yaml");

		write("maybe.yaml", component("maybe-" + token, "team-a"));
		refresh(id);

		assertThat(refsOf(id)).contains("component:default/maybe-" + token);
	}

	@Test
	void readsASymlinkThatStaysInsideTheFileRoots() throws Exception {
		Path real = write("real/catalog-info.yaml", component("linked-" + token, "team-a"));
		Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), real);

		UUID id = registerFile(link);

		assertThat(refsOf(id)).contains("component:default/linked-" + token);
		assertThat(errorsOf(id)).isEmpty();
	}

	@Test
	void refusesLocationTypesUsersMayNotRegister() {
		for (String type : new String[] { "github", "classpath", "provider", "FILE" }) {
			Response response = api("POST", "/api/catalog/locations", locationBody(type, "catalog/demo/catalog.yaml"));

			assertThat(response.status()).as(type).isEqualTo(400);
			assertThat(response.json().at("/error/message").asString()).as(type)
				.contains("Location type '" + type + "' is not allowed");
		}
		assertThat(locations.find("classpath", "catalog/demo/catalog.yaml")).isEmpty();
	}

	@Test
	void refusesNestedLocationsOfUnknownTypes() {
		Path root = write("catalog.yaml", documents(component("kept-" + token, "team-a"), """
				apiVersion: backstage.io/v1alpha1
				kind: Location
				metadata:
				  name: demo-%s
				spec:
				  type: classpath
				  target: catalog/demo/org.yaml
				""".formatted(token), """
				apiVersion: backstage.io/v1alpha1
				kind: Location
				metadata:
				  name: gitlab-%s
				spec:
				  type: gitlab-discovery
				  target: https://gitlab.example/group
				""".formatted(token)));

		UUID id = registerFile(root);

		assertThat(refsOf(id)).contains("component:default/kept-" + token)
			.noneMatch(ref -> ref.startsWith("group:") || ref.startsWith("user:"));
		assertThat(errorsOf(id)).hasSize(2)
			.anyMatch(error -> error.contains("Location type 'classpath'") && error.contains("is not allowed"))
			.anyMatch(error -> error.contains("Location type 'gitlab-discovery'") && error.contains("is not allowed"));
	}

}
