package dev.atrium.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchDocumentsChanged;
import dev.atrium.platform.SearchSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog as a search source: every entity a document with Backstage's location and the facets
 * search narrows by, templates among them, and a platform event for every change.
 */
@RecordApplicationEvents
class CatalogSearchSourceTests extends CatalogApplicationTest {

	@Autowired
	List<SearchSource> sources;

	@Autowired
	ApplicationEvents events;

	SearchSource catalog() {
		return sources.stream().filter(s -> s.type().equals("software-catalog")).findFirst().orElseThrow();
	}

	@Test
	void describesEntitiesWithTheirFacetsAndLocation() {
		registerFile(write("catalog-info.yaml", documents("""
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: %1$s-payment-gateway
				  title: Payment gateway
				  description: Authorises card payments.
				  tags: [java, pci]
				spec:
				  type: service
				  lifecycle: production
				  owner: team-%1$s
				""".formatted(token), """
				apiVersion: scaffolder.backstage.io/v1beta3
				kind: Template
				metadata:
				  name: %1$s-spring-boot
				  title: Spring Boot service
				  description: Creates a new service.
				spec:
				  type: service
				  owner: team-%1$s
				  steps: []
				""".formatted(token))));

		List<SearchDocument> docs = catalog().documents(List.of("component:default/" + token + "-payment-gateway",
				"template:default/" + token + "-spring-boot", "component:default/" + token + "-nothing"));

		assertThat(docs).hasSize(2);
		SearchDocument gateway = docs.stream().filter(d -> d.id().startsWith("component:")).findFirst().orElseThrow();
		assertThat(gateway.title()).isEqualTo("Payment gateway");
		assertThat(gateway.name()).isEqualTo(token + "-payment-gateway");
		assertThat(gateway.text()).contains("Authorises card payments.");
		assertThat(gateway.location()).isEqualTo("/catalog/default/component/" + token + "-payment-gateway");
		assertThat(gateway.facets()).containsEntry("kind", List.of("Component"))
			.containsEntry("type", List.of("service"))
			.containsEntry("lifecycle", List.of("production"))
			.containsEntry("owner", List.of("team-" + token))
			.containsEntry("tag", List.of("java", "pci"))
			.containsEntry("namespace", List.of("default"));
		assertThat(gateway.keywords()).contains("java", "pci", "service", "team-" + token);
		SearchDocument template = docs.stream().filter(d -> d.id().startsWith("template:")).findFirst().orElseThrow();
		assertThat(template.facets()).containsEntry("kind", List.of("Template"));
		assertThat(template.location()).isEqualTo("/catalog/default/template/" + token + "-spring-boot");
	}

	@Test
	void publishesChangedDocumentsAndStreamsThemAll() {
		String ref = "component:default/" + token + "-player";
		var file = write("catalog-info.yaml", component(token + "-player", "team-" + token));
		registerFile(file);

		assertThat(events.stream(SearchDocumentsChanged.class))
			.anySatisfy(e -> {
				assertThat(e.type()).isEqualTo("software-catalog");
				assertThat(e.ids()).contains(ref);
			});
		List<String> all = new ArrayList<>();
		catalog().documents(doc -> all.add(doc.id()));
		assertThat(all).filteredOn(id -> id.equals(ref)).hasSize(1);

		write("catalog-info.yaml", component(token + "-other", "team-" + token));
		events.clear();
		UUID location = jdbc.sql("SELECT location_id FROM catalog_entities WHERE ref = ?").param(ref).query(UUID.class).single();
		refresh(location);
		assertThat(events.stream(SearchDocumentsChanged.class).flatMap(e -> e.ids().stream())).contains(ref,
				"component:default/" + token + "-other");
		assertThat(catalog().documents(List.of(ref))).isEmpty();
	}

}
