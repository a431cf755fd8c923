package dev.atrium.catalog.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry run ({@code POST /api/catalog/locations?dryRun=true}, the Register page's preview) shows
 * everything registering would import: it follows Location entities to the files they list, in memory,
 * storing nothing. As in Backstage, the API answers a problem anywhere with a 400 InputError; the page
 * lists the problems file by file beside what is valid.
 */
class DryRunTests extends CatalogApplicationTest {

	@Test
	void aDryRunListsTheEntitiesOfEveryFileTheLocationLeadsTo() {
		write("teams/a.yaml", component("a-" + token, "team-a"));
		write("teams/deeper/b.yaml", documents(component("b-" + token, "team-a"), locationOf("../c.yaml")));
		write("teams/c.yaml", component("c-" + token, "team-a"));
		Path root = write("catalog-info.yaml", documents(component("root-" + token, "team-a"),
				locationOf("./teams/a.yaml", "./teams/deeper/b.yaml")));

		Response response = api("POST", "/api/catalog/locations?dryRun=true", locationBody("file", root.toString()));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		List<String> refs = new ArrayList<>();
		response.json().at("/entities").forEach(e -> refs.add(e.at("/kind").asString().toLowerCase() + ":"
				+ e.at("/metadata/name").asString()));
		assertThat(refs).contains("component:root-" + token, "component:a-" + token, "component:b-" + token,
				"component:c-" + token, "location:" + LocationRefresher.generatedRef("file", root.toString()).substring(
						"location:default/".length()));
		assertThat(refs.stream().filter(r -> r.startsWith("location:"))).hasSize(3);
		assertThat(response.json().at("/exists").asBoolean()).isFalse();
		assertThat(response.json().at("/location/target").asString()).isEqualTo(root.toString());
		assertThat(locations.find("file", root.toString())).as("nothing stored").isEmpty();
		assertThat(entity("component:default/c-" + token)).isEmpty();
	}

	@Test
	void anInvalidEntityInAnyFileIsA400InputErrorNamingTheFile() {
		write("nested.yaml", component("Not Valid " + token, "team-a"));
		Path root = write("catalog-info.yaml", documents(component("fine-" + token, "team-a"), locationOf("./nested.yaml")));

		Response response = api("POST", "/api/catalog/locations?dryRun=true", locationBody("file", root.toString()));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/name").asString()).isEqualTo("InputError");
		assertThat(response.json().at("/error/message").asString()).contains("file:" + dir.resolve("nested.yaml"))
			.contains("metadata.name");
	}

	@Test
	void aDryRunOfARegisteredLocationSaysItExists() {
		Path root = write("catalog-info.yaml", component("known-" + token, "team-a"));
		java.util.UUID id = registerFile(root);

		Response response = api("POST", "/api/catalog/locations?dryRun=true", locationBody("file", root.toString()));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().at("/exists").asBoolean()).isTrue();
		assertThat(response.json().at("/location/id").asString()).isEqualTo(id.toString());
	}

	@Test
	void theRegisterPagePreviewShowsNestedEntitiesAndEachFilesProblems() {
		write("good.yaml", component("nested-good-" + token, "team-a"));
		write("broken.yaml", documents(component("nested-ok-" + token, "team-a"), "kind: [unclosed\n"));
		Path root = write("catalog-info.yaml", locationOf("./good.yaml", "./broken.yaml", "./missing.yaml"));

		var page = mvc.post()
			.uri("/catalog/register")
			.param("type", "file")
			.param("target", root.toString())
			.param("action", "preview")
			.with(TestSignIn.token());

		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("component:default/nested-good-" + token, "component:default/nested-ok-" + token)
			.contains("id=\"preview-problems\"")
			.contains("file:" + dir.resolve("broken.yaml"), "file:" + dir.resolve("missing.yaml"))
			.contains("File not found")
			.doesNotContain("file:" + dir.resolve("good.yaml") + "</p>");
		assertThat(locations.find("file", root.toString())).isEmpty();
	}

	@Test
	void aPreviewStopsWhereLocationsNestTooDeep() {
		int depth = 12; // atrium.catalog.max-depth is 10
		for (int i = 0; i < depth; i++) {
			write("level-" + i + ".yaml", documents(component("level-" + i + "-" + token, "team-a"),
					locationOf("./level-" + (i + 1) + ".yaml")));
		}

		Response response = api("POST", "/api/catalog/locations?dryRun=true",
				locationBody("file", dir.resolve("level-0.yaml").toString()));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/message").asString()).contains("nest deeper than 10 levels");
	}

}
