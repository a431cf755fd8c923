package dev.atrium.search.query;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.atrium.search.SearchApplicationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relevance test set ({@code src/test/resources/search/relevance.yaml}): for each query over the
 * demo catalog (its templates and pipelines too), the results that must come in the top three, or
 * first, and those that must not come at all.
 */
class SearchRelevanceTests extends SearchApplicationTest {

	@Autowired
	Searcher searcher;

	@BeforeEach
	void demoIndexed() {
		awaitDemoIndexed();
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> locations("spring boot").contains("/catalog/default/template/spring-boot-service")
					&& !query("daily sales", "types[]=pipelines").get("results").isEmpty());
	}

	@SuppressWarnings("unchecked")
	static Stream<Arguments> queries() throws IOException {
		try (InputStream in = SearchRelevanceTests.class.getResourceAsStream("/search/relevance.yaml")) {
			List<Map<String, Object>> cases = new Yaml().load(in);
			return cases.stream()
				.map(c -> Arguments.of(String.valueOf(c.get("query")), (String) c.getOrDefault("type", "software-catalog"),
						(String) c.get("first"), (List<String>) c.getOrDefault("top", List.of()),
						(List<String>) c.getOrDefault("absent", List.of())));
		}
	}

	@ParameterizedTest(name = "{0} ({1})")
	@MethodSource("queries")
	void expectedResultsComeInTheTopThree(String query, String type, String first, List<String> top, List<String> absent) {
		List<String> found = searcher.search(new SearchRequest(query, List.of(type), Map.of(), 0, 100), false)
			.results()
			.stream()
			.map(SearchResult::id)
			.toList();
		List<String> top3 = found.subList(0, Math.min(3, found.size()));
		if (first != null) {
			assertThat(found).as("results of '%s'", query).isNotEmpty().first().isEqualTo(first);
		}
		assertThat(top3).as("top 3 of '%s' (all: %s)", query, found).containsAll(top);
		if (!absent.isEmpty()) {
			assertThat(found).as("results of '%s'", query).doesNotContainAnyElementsOf(absent);
		}
	}

}
