package dev.atrium.catalog.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.catalog.store.EntityReader.Relation;
import dev.atrium.catalog.store.EntityReader.Stored;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON an entity is sent as: its stored text with its relations spliced in. */
class EntityReaderTests {

	@Test
	@SuppressWarnings("unchecked")
	void relationsAreSplicedInAsValidJsonWhateverTheirCharacters() {
		String odd = "component:default/a\"b\\c\u0001\t\u00e9/\u2028";
		Stored stored = new Stored(UUID.randomUUID(), "component:default/x", "{\"kind\":\"Component\",\"metadata\":{\"name\":\"x\"}}",
				List.of(new Relation("ownedBy", "group:default/team-a"), new Relation("dependsOn", odd)), null, "file:/x", null);
		Map<?, ?> parsed = JsonMapper.builder().build().readValue(stored.fullJson(), Map.class);
		assertThat(parsed.get("kind")).isEqualTo("Component");
		assertThat((List<Object>) parsed.get("relations")).containsExactly(Map.of("type", "ownedBy", "targetRef", "group:default/team-a"),
				Map.of("type", "dependsOn", "targetRef", odd));
	}

}
