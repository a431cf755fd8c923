package dev.atrium.search.query;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FacetsTextTests {

	@Test
	void readsFacetsAsPostgresqlPrintsThem() {
		assertThat(FacetsText.read("{\"tag\": [\"go\", \"java\"], \"kind\": [\"API\"], \"owner\": [\"group:default/team-a\"]}"))
			.containsExactly(Map.entry("tag", List.of("go", "java")), Map.entry("kind", List.of("API")),
					Map.entry("owner", List.of("group:default/team-a")));
		assertThat(FacetsText.read("{}")).isEmpty();
		assertThat(FacetsText.read("{\"tag\": []}")).containsExactly(Map.entry("tag", List.of()));
	}

	@Test
	void escapesAndUnicodeReadAsTheJsonSays() {
		assertThat(FacetsText.read("{\"title\": [\"say \\\"hi\\\" \\u00e9\\\\\"], \"x\": [\"ünïcode ✓\"]}"))
			.containsExactly(Map.entry("title", List.of("say \"hi\" é\\")), Map.entry("x", List.of("ünïcode ✓")));
	}

}
