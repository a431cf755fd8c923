package dev.atrium.catalog.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.catalog.store.EntityReader.Stored;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refresh does to what a location emitted before: a failed read keeps the last good
 * entities, an entity no longer emitted goes, an entity belongs to the location that emitted it
 * first, unregistering removes everything, and unchanged sources are not read again.
 */
class RefreshTests extends CatalogApplicationTest {

	@Test
	void failedRefreshKeepsLastGoodEntitiesWhenTheFileIsDeleted() throws Exception {
		Path nested = write("nested.yaml", component("nested-" + token, "team-a"));
		Path root = write("catalog.yaml", documents(component("root-" + token, "team-a"), locationOf("./nested.yaml")));
		UUID id = registerFile(root);

		Files.delete(nested);
		refresh(id);

		assertThat(refsOf(id)).contains("component:default/root-" + token, "component:default/nested-" + token);
		assertThat(errorsOf(id)).singleElement().asString().contains("File not found", nested.toString());
		assertThat(location(id).status()).isEqualTo("warning");

		Files.delete(root);
		refresh(id);

		assertThat(refsOf(id)).contains("component:default/root-" + token, "component:default/nested-" + token);
		assertThat(location(id).status()).isEqualTo("error");
	}

	@Test
	void failedRefreshKeepsLastGoodEntitiesWhenTheFileBecomesUnreadable() throws Exception {
		Path file = write("catalog-info.yaml", component("kept-" + token, "team-a"));
		UUID id = registerFile(file);

		Files.delete(file);
		Files.createDirectory(file); // running as root, a directory is what cannot be read as a file

		refresh(id);

		assertThat(refsOf(id)).contains("component:default/kept-" + token);
		assertThat(errorsOf(id)).singleElement().asString().contains("is not a file");
	}

	@Test
	void failedRefreshKeepsLastGoodEntitiesWhenTheFileBecomesInvalidYaml() {
		Path nested = write("nested.yaml", component("nested-" + token, "team-a"));
		Path file = write("catalog.yaml", documents(component("first-" + token, "team-a"),
				component("second-" + token, "team-a"), locationOf("./nested.yaml")));
		UUID id = registerFile(file);

		write("catalog.yaml", "apiVersion: backstage.io/v1alpha1\nkind: [Component\nmetadata: {name: broken}\n");
		refresh(id);

		assertThat(refsOf(id)).contains("component:default/first-" + token, "component:default/second-" + token,
				"component:default/nested-" + token);
		assertThat(errorsOf(id)).singleElement().asString().contains("YAML error at line");
		assertThat(nested).exists();
	}

	@Test
	void failedRefreshKeepsLastGoodEntitiesWhenTheUrlAnswers500() {
		files.serve(path("nested.yaml"), component("nested-" + token, "team-a"));
		files.serve(path("catalog.yaml"), documents(component("root-" + token, "team-a"), locationOf("./nested.yaml")));
		UUID id = register("url", files.url(path("catalog.yaml")));

		files.fail(path("catalog.yaml"), 500);
		files.fail(path("nested.yaml"), 503);
		refresh(id);

		assertThat(refsOf(id)).contains("component:default/root-" + token, "component:default/nested-" + token);
		assertThat(errorsOf(id)).hasSize(2).allMatch(error -> error.contains("it answered HTTP 50"));
		assertThat(location(id).status()).isEqualTo("error");
	}

	@Test
	void anEntityThatBecomesInvalidKeepsItsLastGoodVersion() {
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a"));
		UUID id = registerFile(file);

		write("catalog-info.yaml", component("svc-" + token, "team-a").replace("  owner: team-a\n", ""));
		refresh(id);

		Stored kept = entity("component:default/svc-" + token).orElseThrow();
		assertThat(kept.entity().spec()).containsEntry("owner", "team-a");
		assertThat(errorsOf(id)).singleElement().asString().contains("component:default/svc-" + token, "spec.owner is required");
	}

	@Test
	void anEntityTheLocationStopsEmittingIsRemoved() {
		write("nested.yaml", component("nested-" + token, "team-a"));
		Path file = write("catalog.yaml", documents(component("stays-" + token, "team-a"),
				component("goes-" + token, "team-b"), locationOf("./nested.yaml")));
		UUID id = registerFile(file);
		assertThat(refsOf(id)).contains("component:default/goes-" + token, "component:default/nested-" + token);

		write("catalog.yaml", component("stays-" + token, "team-a"));
		refresh(id);

		assertThat(refsOf(id)).contains("component:default/stays-" + token)
			.doesNotContain("component:default/goes-" + token, "component:default/nested-" + token);
		assertThat(entities.incoming("group:default/team-b")).noneMatch(r -> r.getKey().contains(token));
		assertThat(errorsOf(id)).isEmpty();
	}

	@Test
	void aSecondLocationEmittingTheSameEntityGetsAConflictError() {
		String shared = component("shared-" + token, "team-a");
		UUID first = registerFile(write("first/catalog-info.yaml", shared));
		UUID second = registerFile(write("second/catalog-info.yaml",
				documents(shared.replace("team-a", "team-b"), component("own-" + token, "team-b"))));

		Stored entity = entity("component:default/shared-" + token).orElseThrow();
		assertThat(entity.locationId()).isEqualTo(first);
		assertThat(entity.entity().spec()).containsEntry("owner", "team-a");
		assertThat(refsOf(second)).contains("component:default/own-" + token)
			.doesNotContain("component:default/shared-" + token);
		assertThat(errorsOf(second)).singleElement()
			.asString()
			.contains("component:default/shared-" + token, "already registered by location file:" + dir.resolve("first"));
		assertThat(location(second).status()).isEqualTo("warning");
		assertThat(location(second).message()).contains("already registered");

		refresh(first);
		refresh(second);
		assertThat(entity("component:default/shared-" + token).orElseThrow().locationId()).isEqualTo(first);

		assertThat(api("DELETE", "/api/catalog/locations/" + first, null).status()).isEqualTo(204);
		refresh(second);

		assertThat(entity("component:default/shared-" + token).orElseThrow().locationId()).isEqualTo(second);
		assertThat(errorsOf(second)).isEmpty();
	}

	@Test
	void aConflictOfAUrlLocationEndsWhenTheOtherLocationGoes() {
		String shared = component("shared-" + token, "team-a");
		UUID first = registerFile(write("first.yaml", shared));
		files.serve(path("catalog-info.yaml"), shared.replace("team-a", "team-b"));
		UUID second = register("url", files.url(path("catalog-info.yaml")));
		assertThat(errorsOf(second)).singleElement().asString().contains("already registered by location");

		ingestion.unregister(first);
		refresh(second);

		assertThat(entity("component:default/shared-" + token)).map(Stored::locationId).contains(second);
		assertThat(errorsOf(second)).isEmpty();
	}

	@Test
	void anEntityDeletedByUidReappearsWhenItsLocationIsRefreshed() {
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a"));
		UUID id = registerFile(file);
		String uid = entity("component:default/svc-" + token).orElseThrow().id().toString();

		assertThat(api("DELETE", "/api/catalog/entities/by-uid/" + uid, null).status()).isEqualTo(204);
		assertThat(entity("component:default/svc-" + token)).isEmpty();
		refresh(id);

		assertThat(entity("component:default/svc-" + token)).isPresent();
	}

	@Test
	void aMovedLocationKeepsItsEntitiesAndTheirUid() {
		Path before = write("old/catalog-info.yaml", component("svc-" + token, "team-a"));
		Path after = write("new/catalog-info.yaml", component("svc-" + token, "team-b"));
		UUID id = registerFile(before);
		Stored original = entity("component:default/svc-" + token).orElseThrow();

		Response response = api("PUT", "/api/catalog/locations/" + id, locationBody("file", after.toString()));
		ingestion.refreshDue(); // the new target is read in the background

		assertThat(response.status()).isEqualTo(200);
		Stored moved = entity("component:default/svc-" + token).orElseThrow();
		assertThat(moved.id()).isEqualTo(original.id());
		assertThat(moved.entity().spec()).containsEntry("owner", "team-b");
		assertThat(moved.source()).isEqualTo("file:" + after);
		assertThat(refsOf(id)).contains(LocationRefresher.generatedRef("file", after.toString()))
			.doesNotContain(LocationRefresher.generatedRef("file", before.toString()));
		assertThat(errorsOf(id)).isEmpty();
	}

	@Test
	void unregisteringRemovesEverythingTheLocationEmitted() {
		write("systems/payments.yaml", documents(component("payments-" + token, "team-a"), """
				apiVersion: backstage.io/v1alpha1
				kind: API
				metadata:
				  name: payments-api-%s
				spec:
				  type: openapi
				  lifecycle: production
				  owner: team-a
				  definition: "openapi: 3.0.0"
				""".formatted(token)));
		write("systems/index.yaml", locationOf("./payments.yaml"));
		Path root = write("catalog.yaml", documents(component("root-" + token, "team-a"), locationOf("./systems/index.yaml")));
		UUID id = registerFile(root);
		UUID other = registerFile(write("other.yaml", component("other-" + token, "team-a")));
		String generated = LocationRefresher.generatedRef("file", root.toString());
		assertThat(refsOf(id)).hasSize(6)
			.contains(generated, "component:default/root-" + token, "component:default/payments-" + token,
					"api:default/payments-api-" + token);
		assertThat(errorsOf(id)).isEmpty();

		Response response = api("DELETE", "/api/catalog/locations/" + id, null);

		assertThat(response.status()).isEqualTo(204);
		assertThat(refsOf(id)).isEmpty();
		assertThat(entity("component:default/payments-" + token)).isEmpty();
		assertThat(entity("api:default/payments-api-" + token)).isEmpty();
		assertThat(entity(generated)).isEmpty();
		assertThat(entities.incoming("group:default/team-a")).noneMatch(r -> r.getKey().contains("payments-" + token));
		assertThat(get("/api/catalog/locations/" + id).status()).isEqualTo(404);
		assertThat(get("/api/catalog/entities/by-name/component/default/payments-" + token).status()).isEqualTo(404);
		assertThat(jdbc.sql("SELECT count(*) FROM catalog_sources WHERE location_id = ?").param(id).query(Integer.class).single())
			.isZero();
		assertThat(refsOf(other)).contains("component:default/other-" + token);
	}

	@Test
	void anUnchangedFileIsNotReadAgain() throws Exception {
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a"));
		Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 600_000));
		UUID id = registerFile(file);
		String source = "file:" + file;
		Stored before = entity("component:default/svc-" + token).orElseThrow();
		OffsetDateTime readBefore = readAt(id, source);

		refresh(id);

		assertThat(readAt(id, source)).isEqualTo(readBefore);
		assertThat(entity("component:default/svc-" + token).orElseThrow().updatedAt()).isEqualTo(before.updatedAt());

		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
		refresh(id);

		assertThat(readAt(id, source)).as("a new stamp makes the file be read").isAfter(readBefore);
		OffsetDateTime readAgain = readAt(id, source);
		refresh(id);
		assertThat(readAt(id, source)).as("and its stamp is kept again").isEqualTo(readAgain);
		assertThat(entity("component:default/svc-" + token).orElseThrow().updatedAt())
			.as("same content, nothing written").isEqualTo(before.updatedAt());
	}

	@Test
	void aFileRewrittenWithTheSameSizeAndTimeIsStillReadAgain() throws Exception {
		// Coarse file systems (and quick edits) give the same mtime to two versions of a file: the
		// stamp of a file modified just before it was read cannot tell them apart, as "racy git" knows.
		FileTime tick = FileTime.from(java.time.Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a"));
		Files.setLastModifiedTime(file, tick);
		UUID id = registerFile(file);

		write("catalog-info.yaml", component("svc-" + token, "team-b"));
		Files.setLastModifiedTime(file, tick);
		refresh(id);

		assertThat(entity("component:default/svc-" + token).orElseThrow().entity().spec()).containsEntry("owner", "team-b");
	}

	@Test
	void aChangedFileUpdatesItsEntitiesKeepingTheirUid() throws Exception {
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a"));
		UUID id = registerFile(file);
		Stored before = entity("component:default/svc-" + token).orElseThrow();

		write("catalog-info.yaml", component("svc-" + token, "team-b"));
		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
		refresh(id);

		Stored after = entity("component:default/svc-" + token).orElseThrow();
		assertThat(after.entity().spec()).containsEntry("owner", "team-b");
		assertThat(after.updatedAt()).isAfter(before.updatedAt());
		assertThat(after.id()).isEqualTo(before.id());
		assertThat(after.entity().uid()).isEqualTo(before.entity().uid());
		assertThat(after.entity().metadata().get("etag")).isNotEqualTo(before.entity().metadata().get("etag"));
		assertThat(after.entity().relationTargets("ownedBy")).extracting(Object::toString)
			.containsExactly("group:default/team-b");
	}

	@Test
	void anUnchangedUrlIsAnsweredNotModifiedAndNotReprocessed() {
		files.serve(path("catalog-info.yaml"), component("svc-" + token, "team-a"));
		UUID id = register("url", files.url(path("catalog-info.yaml")));
		String source = "url:" + files.url(path("catalog-info.yaml"));
		Stored before = entity("component:default/svc-" + token).orElseThrow();
		OffsetDateTime readBefore = readAt(id, source);
		int requests = files.requests(path("catalog-info.yaml"));
		int notModified = files.notModified(path("catalog-info.yaml"));

		refresh(id);

		assertThat(files.requests(path("catalog-info.yaml"))).isEqualTo(requests + 1);
		assertThat(files.notModified(path("catalog-info.yaml"))).isEqualTo(notModified + 1);
		assertThat(readAt(id, source)).isEqualTo(readBefore);
		assertThat(entity("component:default/svc-" + token).orElseThrow().updatedAt()).isEqualTo(before.updatedAt());

		files.serve(path("catalog-info.yaml"), component("svc-" + token, "team-b"));
		refresh(id);

		assertThat(files.notModified(path("catalog-info.yaml"))).isEqualTo(notModified + 1);
		assertThat(entity("component:default/svc-" + token).orElseThrow().entity().spec()).containsEntry("owner", "team-b");
	}

	@Test
	void aForcedRefreshReadsEverySourceAgain() {
		files.serve(path("catalog-info.yaml"), component("svc-" + token, "team-a"));
		UUID id = register("url", files.url(path("catalog-info.yaml")));
		int requests = files.requests(path("catalog-info.yaml"));
		int notModified = files.notModified(path("catalog-info.yaml"));

		Response response = api("POST", "/api/catalog/refresh", "{\"entityRef\":\"component:default/svc-" + token + "\"}");
		ingestion.refreshDue(); // the request only marked it due

		assertThat(response.status()).isEqualTo(200);
		assertThat(files.requests(path("catalog-info.yaml"))).isEqualTo(requests + 1);
		assertThat(files.notModified(path("catalog-info.yaml"))).as("read without If-None-Match").isEqualTo(notModified);
	}

}
