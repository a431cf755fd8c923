package dev.atrium.workflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.atrium.search.SearchApplicationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.atrium.workflows.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline's search document shows its owning entity's owner and title; when the catalog changes
 * them, search shows the change within seconds, told through the platform's events (workflows never
 * imports the catalog, search never imports either).
 */
class PipelineOwnerSearchTests extends SearchApplicationTest {

	private static final String JOB = "ownertest/nightly_zonk";

	@Test
	void aCatalogChangeOfOwnerReachesThePipelinesDocument() throws Exception {
		awaitDemoIndexed();
		Path file = Files.createDirectories(FILE_ROOT.resolve("pipeline-owner")).resolve("catalog-info.yaml");
		Files.writeString(file, entity("team-alpha", "Nightly zonk export"));
		assertThat(post("/api/catalog/locations", "{\"type\":\"file\",\"target\":\"" + file + "\"}").status()).isEqualTo(201);
		Instant t0 = Instant.parse("2026-11-30T02:00:00Z");
		UUID run = UUID.randomUUID();
		assertThat(post("/api/v1/lineage", event("START", run, JOB, t0).json()).status()).isEqualTo(201);
		assertThat(post("/api/v1/lineage", event("COMPLETE", run, JOB, t0.plusSeconds(60)).json()).status()).isEqualTo(201);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "group:default/team-alpha".equals(owner()));

		Files.writeString(file, entity("team-beta", "Nightly zonk export, renamed"));
		assertThat(post("/api/catalog/refresh", "{\"entityRef\":\"component:default/zonk-exporter\"}").status()).isEqualTo(200);

		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "group:default/team-beta".equals(owner()));
		JsonNode document = pipeline();
		assertThat(document.get("title").asString()).isEqualTo("Nightly zonk export, renamed");
		assertThat(query("zonk", "types[]=pipelines&filters[owner]=team-beta").get("results")).hasSize(1);
	}

	private String owner() {
		JsonNode document = pipeline();
		return document == null || document.get("owner") == null ? null : document.get("owner").asString();
	}

	private JsonNode pipeline() {
		JsonNode results = query("zonk", "types[]=pipelines").get("results");
		return results.isEmpty() ? null : results.get(0).get("document");
	}

	private static String entity(String owner, String title) {
		return """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: zonk-exporter
				  title: %s
				  description: Exports the zonk ledger every night.
				  annotations:
				    openlineage.io/job: %s
				spec:
				  type: data-pipeline
				  lifecycle: production
				  owner: %s
				""".formatted(title, JOB, owner);
	}

}
