package dev.atrium.search.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.platform.SearchDocument;
import dev.atrium.search.SearchApplicationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document a source makes visible to some only: found by its users and groups and by admins, never
 * by anyone else, in results, counts, facets or suggestions.
 */
class SearchVisibilityTests extends SearchApplicationTest {

	private static final EntityRef SECRET_TEAM = EntityRef.parse("group:default/secret-team");

	private static final Identity MEMBER = identity("mia", Set.of(EntityRef.parse("user:default/mia"), SECRET_TEAM), false);

	private static final Identity OTHER = identity("otto", Set.of(EntityRef.parse("user:default/otto"),
			EntityRef.parse("group:default/payments-team")), false);

	private static final Identity ADMIN = identity("ada", Set.of(EntityRef.parse("user:default/ada")), true);

	@Autowired
	Searcher searcher;

	@BeforeEach
	void privateAndPublicPipelines() {
		awaitDemoIndexed();
		pipelines.putAll(List.of(
				new SearchDocument("covert-narwhal", "covert-narwhal", "covert-narwhal", "Moves the narwhal payroll.",
						"/workflows/covert-narwhal", Map.of("kind", List.of("Pipeline"), "tag", List.of("hushed")))
					.onlyFor(Set.of(SECRET_TEAM)),
				new SearchDocument("open-narwhal", "open-narwhal", "open-narwhal", "Counts the narwhals.", "/workflows/open-narwhal",
						Map.of("kind", List.of("Pipeline")))));
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ids(ADMIN).size() == 2);
	}

	@AfterEach
	void removeThem() {
		pipelines.removeAll(List.of("covert-narwhal", "open-narwhal"));
	}

	@Test
	void onlyItsGroupsAndAdminsFindIt() {
		assertThat(ids(MEMBER)).containsExactlyInAnyOrder("covert-narwhal", "open-narwhal");
		assertThat(ids(ADMIN)).containsExactlyInAnyOrder("covert-narwhal", "open-narwhal");
		assertThat(ids(OTHER)).containsExactly("open-narwhal");
		assertThat(ids(Identity.ANONYMOUS)).containsExactly("open-narwhal");
	}

	@Test
	void countsFacetsAndSuggestionsLeakNothing() {
		SearchResults seen = searcher.search(new SearchRequest("narwhal", List.of(), Map.of(), 0, 10, OTHER), true);
		assertThat(seen.total()).isEqualTo(1);
		assertThat(seen.facets().get("tag")).extracting(SearchResults.FacetCount::value).doesNotContain("hushed");
		assertThat(searcher.search(new SearchRequest("", List.of(), Map.of("tag", List.of("hushed")), 0, 10, OTHER), false).total())
			.isZero();
		assertThat(searcher.suggest("covert", List.of(), 8, OTHER)).isEmpty();
		assertThat(searcher.suggest("covert", List.of(), 8, MEMBER)).extracting(SearchResult::id).containsExactly("covert-narwhal");
	}

	@Test
	void theApiAndPageShowWhatAnAnonymousCallerMaySee() {
		assertThat(locations("narwhal")).containsExactly("/workflows/open-narwhal");
		assertThat(get("/search?term=narwhal").body()).contains("/workflows/open-narwhal").doesNotContain("covert-narwhal");
		assertThat(get("/search/suggestions?term=covert").body()).doesNotContain("covert-narwhal");
	}

	private List<String> ids(Identity caller) {
		return searcher.search(new SearchRequest("narwhal", List.of(), Map.of(), 0, 10, caller), false)
			.results()
			.stream()
			.map(SearchResult::id)
			.toList();
	}

	private static Identity identity(String name, Set<EntityRef> refs, boolean admin) {
		return new Identity(name, name, refs.iterator().next(), refs, Identity.Type.USER, admin);
	}

}
