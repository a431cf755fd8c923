package dev.atrium.search.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Links to the same search with one thing changed: values come back as they went in, whatever they hold. */
class SearchLinksTests {

	@Test
	void facetValuesWithReservedCharactersSurviveTheLink() {
		SearchLinks links = new SearchLinks(params("term", "c++ & more"));

		for (String value : List.of("c++", "a&b=c", "#1 tag", "50% off", "ünïcode / slash?")) {
			String href = links.toggle("tag", value);
			assertThat(decoded(href, "tag")).as(href).containsExactly(value);
			assertThat(decoded(href, "term")).as(href).containsExactly("c++ & more");
		}
		assertThat(links.toggle("tag", "c++")).contains("tag=c%2B%2B");
	}

	@Test
	void switchesAValueOffAndOwnersByAnyOfTheirForms() {
		MultiValueMap<String, String> params = params("tag", "c++");
		params.add("owner", "payments-team");
		SearchLinks links = new SearchLinks(params);

		assertThat(decoded(links.toggle("tag", "c++"), "tag")).isEmpty();
		assertThat(decoded(links.toggle("owner", "group:default/payments-team"), "owner")).isEmpty();
		assertThat(decoded(links.page(2), "page")).containsExactly("2");
	}

	@Test
	void controlCharactersAreDropped() {
		SearchLinks links = new SearchLinks(params("kind", "\u0000"));
		assertThat(links.values("kind")).isEmpty();
		assertThat(new SearchLinks(params("term", "pay\u0000")).term()).isEqualTo("pay");
	}

	private static MultiValueMap<String, String> params(String key, String value) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add(key, value);
		return params;
	}

	/** The values of a parameter as a servlet container reads them from the link. */
	private static List<String> decoded(String href, String key) {
		return UriComponentsBuilder.fromUriString(href)
			.build()
			.getQueryParams()
			.getOrDefault(key, List.of())
			.stream()
			.map(v -> UriUtils.decode(v.replace("+", " "), "UTF-8"))
			.toList();
	}

}
