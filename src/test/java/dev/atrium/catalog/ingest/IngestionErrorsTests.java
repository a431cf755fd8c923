package dev.atrium.catalog.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors are stored per location and per entity, the valid documents of a file are ingested
 * whatever is wrong with the others, and nothing a catalog file holds makes the API answer 500.
 */
class IngestionErrorsTests extends CatalogApplicationTest {

	@Test
	void invalidYamlIsStoredWithItsLineAndTheDocumentsBeforeItAreIngested() {
		Path file = write("catalog-info.yaml", documents(component("valid-" + token, "team-a"),
				"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [broken\n"));

		UUID id = registerFile(file);

		assertThat(refsOf(id)).contains("component:default/valid-" + token);
		assertThat(errorsOf(id)).singleElement().asString().startsWith("Document 2: YAML error at line ");
		assertThat(location(id).status()).isEqualTo("warning");
		assertThat(location(id).errorCount()).isEqualTo(1);
	}

	@Test
	void aDocumentThatIsNotAnObjectIsReported() {
		Path file = write("catalog-info.yaml", documents("- just\n- a list\n", "just a string\n",
				component("valid-" + token, "team-a")));

		UUID id = registerFile(file);

		assertThat(refsOf(id)).contains("component:default/valid-" + token);
		assertThat(errorsOf(id)).containsExactly("Document 1: Expected object at root, got array",
				"Document 2: Expected object at root, got string");
	}

	@Test
	void duplicateKeysAreReported() {
		Path file = write("catalog-info.yaml", component("dup-" + token, "team-a") + "  owner: team-b\n");

		UUID id = registerFile(file);

		assertThat(entity("component:default/dup-" + token)).isEmpty();
		assertThat(errorsOf(id)).singleElement().asString().contains("duplicate key owner");
	}

	@Test
	void eachInvalidEntityIsReportedAndTheValidOnesInTheSameFileAreIngested() {
		Path file = write("catalog-info.yaml", documents(component("-bad name-", "team-a"),
				component("no-owner-" + token, "team-a").replace("  owner: team-a\n", ""), """
						apiVersion: backstage.io/v1alpha1
						kind: Component
						metadata:
						  name: scripted-%s
						  links:
						    - url: not a URI
						      title: Click me
						spec:
						  type: website
						  lifecycle: production
						  owner: team-a
						""".formatted(token), component("valid-" + token, "team-a")));

		UUID id = registerFile(file);

		assertThat(refsOf(id)).contains("component:default/valid-" + token)
			.doesNotContain("component:default/no-owner-" + token, "component:default/scripted-" + token);
		assertThat(errorsOf(id)).hasSize(3)
			.anySatisfy(error -> assertThat(error).contains("metadata.name '-bad name-' must be"))
			.anySatisfy(error -> assertThat(error).startsWith("component:default/no-owner-" + token + ": ")
				.contains("spec.owner is required"))
			.anySatisfy(error -> assertThat(error).startsWith("component:default/scripted-" + token + ": ")
				.contains("metadata.links[0].url 'not a URI' must be a URI"));
		assertThat(location(id).status()).isEqualTo("warning");
		assertThat(location(id).errorCount()).isEqualTo(3);
	}

	@Test
	void anEntityEmittedTwiceByOneLocationIsReportedAndTheFirstKept() {
		write("other.yaml", component("twice-" + token, "team-c"));
		Path root = write("catalog.yaml", documents(component("twice-" + token, "team-a"),
				component("Twice-" + token, "team-b"), locationOf("./other.yaml")));

		UUID id = registerFile(root);

		assertThat(entity("component:default/twice-" + token).orElseThrow().entity().spec()).containsEntry("owner",
				"team-a");
		assertThat(errorsOf(id)).hasSize(2)
			.allSatisfy(error -> assertThat(error).contains("is emitted more than once by this location"));
	}

	@Test
	void anUnreachableUrlIsStoredAsTheLocationsError() {
		String url = "http://127.0.0.1:" + CLOSED_PORT + path("catalog-info.yaml");

		UUID id = register("url", url);

		assertThat(location(id).status()).isEqualTo("error");
		assertThat(location(id).message()).contains("Could not read " + url, "connection refused");
		assertThat(errorsOf(id)).singleElement().asString().contains("connection refused");
	}

	@Test
	void aMissingUrlIsStoredAsTheLocationsError() {
		UUID id = register("url", files.url(path("nothing-here.yaml")));

		assertThat(location(id).status()).isEqualTo("error");
		assertThat(errorsOf(id)).singleElement().asString().contains("Not found", "answered 404");
	}

	@Test
	void aRefusedUrlIsStoredAsAnErrorOfTheLocationThatListedIt() {
		Path file = write("catalog.yaml", locationOf("http://169.254.169.254/latest/meta-data/",
				forbidden.url(path("secret.yaml"))).replace("spec:\n", "spec:\n  type: url\n"));

		UUID id = registerFile(file);

		assertThat(errorsOf(id)).hasSize(2).allMatch(error -> error.contains("Refused to read"));
		assertThat(forbidden.requestsUnder("/" + token)).isZero();
	}

	@Test
	void filesLargerThanTheLimitAreRefused() {
		String large = component("large-" + token, "team-a") + "# " + "x".repeat(70 * 1024) + "\n";
		Path file = write("catalog-info.yaml", large);
		files.serve(path("large.yaml"), large.replace("large-", "remote-large-"));

		UUID fromFile = registerFile(file);
		UUID fromUrl = register("url", files.url(path("large.yaml")));

		assertThat(entity("component:default/large-" + token)).isEmpty();
		assertThat(entity("component:default/remote-large-" + token)).isEmpty();
		assertThat(errorsOf(fromFile)).singleElement()
			.asString()
			.contains("is larger than the limit of 64 KB (atrium.catalog.max-file-size)");
		assertThat(errorsOf(fromUrl)).singleElement()
			.asString()
			.contains("is larger than the limit of 64 KB (atrium.catalog.max-file-size)");
	}

	@Test
	void anAliasBombIsRefusedAndTheDocumentsBeforeItAreIngested() {
		StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
		for (char c = 'b'; c <= 'j'; c++) {
			char p = (char) (c - 1);
			bomb.append(c).append(": &").append(c).append(" [");
			bomb.append(String.join(", ", java.util.Collections.nCopies(9, "*" + p))).append("]\n");
		}
		Path file = write("catalog-info.yaml", documents(component("before-" + token, "team-a"), bomb.toString()));

		UUID id = registerFile(file);

		assertThat(refsOf(id)).contains("component:default/before-" + token);
		assertThat(errorsOf(id)).singleElement().asString().contains("Document 2", "alias");
	}

	@Test
	void aNulCharacterIsAnErrorOfItsEntityAlone() {
		String nul = component("nul-" + token, "team-a").replace("  name: nul-" + token + "\n",
				"  name: nul-" + token + "\n  description: \"a \\0 byte, which YAML allows and PostgreSQL text does not\"\n");
		Path file = write("catalog-info.yaml", documents(component("valid-" + token, "team-a"), nul));

		UUID id = registerFile(file);

		assertThat(location(id).status()).isEqualTo("warning");
		assertThat(refsOf(id)).contains("component:default/valid-" + token);
		assertThat(errorsOf(id)).singleElement()
			.asString()
			.startsWith("component:default/nul-" + token + ": ")
			.contains("NUL");
	}

	@Test
	void overlongKeysAndReferencesAreErrorsOfTheirEntitiesAlone() {
		String longKey = "k" + incompressible(3000); // a facts entry PostgreSQL cannot index
		String longOwner = incompressible(6000); // a relation target PostgreSQL cannot index
		Path file = write("catalog-info.yaml", documents(component("valid-" + token, "team-a"),
				component("long-key-" + token, "team-a") + "  ? " + longKey + "\n  : value\n",
				component("long-owner-" + token, longOwner), locationOf("./" + incompressible(3000) + ".yaml"),
				component("also-valid-" + token, "team-a")));

		UUID id = registerFile(file);

		assertThat(location(id).status()).isEqualTo("warning");
		assertThat(refsOf(id)).contains("component:default/valid-" + token, "component:default/long-key-" + token,
				"component:default/also-valid-" + token);
		assertThat(get("/api/catalog/entities?filter=spec." + longKey + "=value").json().size()).isZero();
		assertThat(errorsOf(id)).hasSize(2)
			.anySatisfy(error -> assertThat(error).startsWith("component:default/long-owner-" + token + ": ")
				.contains("spec.owner"))
			.anySatisfy(error -> assertThat(error).contains("longer than"));
	}

	@Test
	void aWriteTheDatabaseRefusesIsAnErrorOfItsFileAlone() {
		String unstorable = component("unstorable-" + token, "team-a").replace("  name: unstorable-" + token + "\n",
				"  name: unstorable-" + token + "\n  annotations:\n    " + UNSTORABLE + ": \"yes\"\n");
		write("bad.yaml", unstorable);
		write("good.yaml", component("good-" + token, "team-a"));
		Path root = write("catalog.yaml", documents(component("root-" + token, "team-a"),
				locationOf("./bad.yaml", "./good.yaml")));

		Response response = api("POST", "/api/catalog/locations", locationBody("file", write("bad-root.yaml", unstorable
			.replace("unstorable-", "unstorable-root-")).toString()));
		UUID id = registerFile(root);

		assertThat(response.status()).isEqualTo(201);
		assertThat(refsOf(id)).contains("component:default/root-" + token, "component:default/good-" + token)
			.doesNotContain("component:default/unstorable-" + token);
		assertThat(errorsOf(id)).singleElement().asString().startsWith("Could not store the entities of this file: ");
		assertThat(location(id).status()).isEqualTo("warning");
	}

	@Test
	void registeringBrokenFilesThroughTheApiIsNeverAServerError() {
		List<String> contents = List.of("kind: [unclosed\n", "\"bad \\0 byte\": 1\n", "",
				component("nul-" + token, "team-a\\0").replace("owner: team-a\\0", "owner: \"team-a\\0\""),
				component("long-owner-" + token, incompressible(6000)), locationOf("./" + incompressible(3000) + ".yaml"),
				"- a\n- list\n", "42\n");
		for (int i = 0; i < contents.size(); i++) {
			Path file = write("broken-" + i + ".yaml", contents.get(i));

			Response response = api("POST", "/api/catalog/locations", locationBody("file", file.toString()));

			assertThat(response.status()).as(contents.get(i)).isEqualTo(201);
			Response dryRun = api("POST", "/api/catalog/locations?dryRun=true", locationBody("file", file.toString()));
			// As Backstage: a dry run with a problem is a 400 InputError (the registration itself keeps going)
			assertThat(dryRun.status()).as(contents.get(i)).isIn(201, 400);
			if (dryRun.status() == 400) {
				assertThat(dryRun.json().at("/error/name").asString()).isEqualTo("InputError");
			}
		}
		ingestion.refreshDue();
		assertThat(apiAnswersWithoutServerErrors()).isTrue();
	}

	@Test
	void aTargetTooLongToStoreIsRefusedAtRegistration() {
		StringBuilder cjk = new StringBuilder(); // 3 bytes each in UTF-8, and no repetition to compress
		new java.util.Random().ints(1000, 0x4E00, 0x9FFF).forEach(cjk::appendCodePoint);
		String target = files.url(path(cjk + ".yaml"));

		Response response = api("POST", "/api/catalog/locations", locationBody("url", target));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/message").asString()).contains("longer than");
	}

	@Test
	void theApiKeepsAnsweringAfterBadInput() {
		Path file = write("catalog-info.yaml", documents(component("valid-" + token, "team-a"), """
				apiVersion: example.com/v1
				kind: Strange
				metadata:
				  name: strange-%s
				  annotations:
				    example.com/deep: "%s"
				spec:
				  nested: {a: {b: {c: {d: [1, 2.5, true, null, "x"]}}}}
				  number: 12
				  owner: %s
				""".formatted(token, "y".repeat(500), incompressible(6000)), "kind: [unclosed\n"));
		UUID id = registerFile(file);

		assertThat(refsOf(id)).contains("component:default/valid-" + token, "strange:default/strange-" + token);
		assertThat(apiAnswersWithoutServerErrors()).isTrue();
		assertThat(get("/api/catalog/entities/by-name/component/default/no-such-" + token).status()).isEqualTo(404);
		assertThat(get("/api/catalog/locations/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(get("/api/catalog/locations/not-a-uuid").status()).isEqualTo(404);
	}

	/** Random hex digits: too long for a PostgreSQL index entry even after compression. */
	static String incompressible(int length) {
		StringBuilder s = new StringBuilder(length);
		java.util.Random random = new java.util.Random();
		while (s.length() < length) {
			s.append(Long.toHexString(random.nextLong()));
		}
		return s.substring(0, length);
	}

	private boolean apiAnswersWithoutServerErrors() {
		List<String> paths = List.of("/api/catalog/entities", "/api/catalog/entities?limit=5",
				"/api/catalog/entities?filter=kind=component&filter=kind=strange",
				"/api/catalog/entities?filter=spec.nested.a.b.c.d=2.5", "/api/catalog/entities/by-query?limit=100",
				"/api/catalog/entities/by-query?orderField=spec.number,desc&limit=100",
				"/api/catalog/entities/by-query?fullTextFilterTerm=" + token,
				"/api/catalog/entity-facets?facet=kind&facet=spec.owner&facet=metadata.tags&facet=spec.nested",
				"/api/catalog/entity-facets?facet=relations.ownedBy", "/api/catalog/locations");
		for (String path : paths) {
			Response response = get(path);
			assertThat(response.status()).as(path + " answered " + response.body()).isLessThan(500);
		}
		for (var location : locations.all()) {
			assertThat(get("/api/catalog/locations/" + location.id()).status()).isEqualTo(200);
		}
		return true;
	}

}
