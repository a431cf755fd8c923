package dev.atrium.catalog.api;

import java.nio.file.Path;
import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** by-query keeps recent answers; a change must show in the next answer, not after the cache expires. */
class ByQueryFreshnessTests extends CatalogApplicationTest {

	@Test
	void anAnswerAskedAgainAfterAChangeShowsTheChange() {
		Path file = write("catalog-info.yaml", component("fresh-" + token, "team-a"));
		UUID id = registerFile(file);
		String query = "/api/catalog/entities/by-query?filter=metadata.name=fresh-" + token;

		Response first = get(query);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).contains("group:default/team-a").contains("\"totalItems\":1");
		assertThat(get(query).body()).isEqualTo(first.body());

		write("catalog-info.yaml", component("fresh-" + token, "team-b") + "---\n" + component("fresh-" + token + "-two", "team-b"));
		refresh(id);

		Response after = get(query);
		assertThat(after.body()).contains("group:default/team-b").doesNotContain("group:default/team-a");
		Response both = get("/api/catalog/entities/by-query?filter=spec.owner=team-b&fullTextFilterTerm=fresh-" + token);
		assertThat(both.body()).contains("\"totalItems\":2");
	}

}
