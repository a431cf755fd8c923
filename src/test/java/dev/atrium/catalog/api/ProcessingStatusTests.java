package dev.atrium.catalog.api;

import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entities from the API carry their processing errors in Backstage's {@code status.items}, as the
 * catalog client's processing-errors panel reads them, whichever endpoint sends them.
 */
class ProcessingStatusTests extends CatalogApplicationTest {

	@Test
	void anEntityWithStoredErrorsCarriesThemInStatusItems() {
		String bad = "bad-" + token;
		String ok = "ok-" + token;
		UUID id = registerFile(write("catalog-info.yaml", documents(component(ok, "team-a"), component(bad, "team-a"))));
		// The descriptor breaks: the catalog keeps the last good entity, with the error.
		write("catalog-info.yaml", documents(component(ok, "team-a"),
				component(bad, "team-a").replace("metadata:\n", "metadata:\n  tags: [Not A Tag]\n")));
		refresh(id);

		JsonNode byName = get("/api/catalog/entities/by-name/component/default/" + bad).json();
		assertThat(byName.at("/status/items").size()).isEqualTo(1);
		JsonNode item = byName.at("/status/items/0");
		assertThat(item.at("/type").asString()).isEqualTo("backstage.io/catalog-processing");
		assertThat(item.at("/level").asString()).isEqualTo("error");
		assertThat(item.at("/message").asString()).startsWith("InputError: ").contains("metadata.tags");
		assertThat(item.at("/error/name").asString()).isEqualTo("InputError");
		assertThat(item.at("/error/message").asString()).contains("metadata.tags");
		assertThat(byName.at("/metadata/name").asString()).isEqualTo(bad);
		assertThat(byName.at("/relations").isArray()).isTrue();

		String uid = byName.at("/metadata/uid").asString();
		assertThat(get("/api/catalog/entities/by-uid/" + uid).json().at("/status/items/0/type").asString())
			.isEqualTo("backstage.io/catalog-processing");
		JsonNode list = get("/api/catalog/entities?filter=metadata.name=" + bad + "&filter=metadata.name=" + ok).json();
		assertThat(list.size()).isEqualTo(2);
		list.forEach(e -> assertThat(e.has("status")).as(e.at("/metadata/name").asString())
			.isEqualTo(e.at("/metadata/name").asString().equals(bad)));
		Response byQuery = get("/api/catalog/entities/by-query?filter=metadata.name=" + bad);
		assertThat(byQuery.json().at("/items/0/status/items/0/level").asString()).as(byQuery.body()).isEqualTo("error");
		assertThat(api("POST", "/api/catalog/entities/by-refs",
				"{\"entityRefs\": [\"component:default/" + bad + "\", \"component:default/" + ok + "\"]}")
			.json()
			.at("/items/0/status/items/0/error/name")
			.asString()).isEqualTo("InputError");
		assertThat(get("/api/catalog/entities/by-name/component/default/" + ok).json().has("status")).isFalse();
	}

	@Test
	void aProblemOfTheWholeFileIsAProblemOfEveryEntityInIt() {
		registerFile(write("catalog-info.yaml", documents(component("first-" + token, "team-a"), "kind: [unclosed\n")));

		JsonNode entity = get("/api/catalog/entities/by-name/component/default/first-" + token).json();

		assertThat(entity.at("/status/items/0/message").asString()).startsWith("InputError: Document ");
	}

}
