package dev.atrium.catalog.ingest;

import java.util.List;
import java.util.Map;

import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.scaffolder.git.GitHostApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** An EntityProvider's entities enter the catalog through its own location and leave when it stops emitting them. */
class EntityProvidersTests extends GitHostApplicationTest {

	@Autowired
	SwitchableProvider provider;

	@Autowired
	EntityLookup catalog;

	@Autowired
	dev.atrium.catalog.store.LocationStore locations;

	@Test
	void replacesWhatAProviderEmittedAndReportsInvalidEntities() {
		provider.emit(List.of(component(token + "-one"), component(token + "-two")));
		assertThat(catalog.find(ref(token + "-one"))).isPresent();
		assertThat(catalog.find(ref(token + "-two")).orElseThrow().annotation("backstage.io/managed-by-location"))
			.isEqualTo("provider:test-switchable");

		provider.emit(List.of(component(token + "-two"), Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component")));
		assertThat(catalog.find(ref(token + "-one"))).as("no longer emitted: removed").isEmpty();
		assertThat(catalog.find(ref(token + "-two"))).isPresent();
		assertThat(locations.find(EntityProviders.TYPE, "test-switchable").orElseThrow().errorCount())
			.as("the entity without a name is an error of the provider's location").isEqualTo(1);
	}

	private static EntityRef ref(String name) {
		return EntityRef.parse("component:default/" + name);
	}

	private static Map<String, Object> component(String name) {
		return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component", "metadata", Map.of("name", name),
				"spec", Map.of("type", "service", "lifecycle", "experimental", "owner", "group:default/platform-team"));
	}

}
