package dev.atrium.catalog.descriptor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeRulesTests {

	@Test
	void aMinimalEntityIsValid() {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a")))).isEmpty();
	}

	@Test
	void apiVersionKindAndMetadataAreRequired() {
		assertThat(EnvelopeRules.check(new LinkedHashMap<>())).containsExactly("apiVersion is required", "kind is required",
				"metadata is required and must be an object");
		assertThat(EnvelopeRules.check(Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component", "metadata",
				"name"))).containsExactly("metadata is required and must be an object");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "A1", "my-service", "my_service", "my.service", "a--b",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123" })
	void acceptsNames(String name) {
		assertThat(EnvelopeRules.check(entity(Map.of("name", name)))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-a", "a-", "_a", "a.", "my service", "a/b", "a:b", "ä", "",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234" })
	void refusesNames(String name) {
		assertThat(EnvelopeRules.check(entity(Map.of("name", name)))).singleElement().asString().contains("metadata.name");
	}

	@Test
	void nameMustBeAString() {
		assertThat(EnvelopeRules.check(entity(Map.of("name", 42)))).containsExactly("metadata.name is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "default", "ops", "team-1", "a" })
	void acceptsNamespaces(String namespace) {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "namespace", namespace)))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ops", "team_1", "-ops", "ops-", "a.b", "" })
	void refusesNamespaces(String namespace) {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "namespace", namespace)))).singleElement()
			.asString()
			.contains("metadata.namespace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "java", "c++", "c#", "team:payments", "spring-boot", "v2" })
	void acceptsTags(String tag) {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "tags", List.of(tag))))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Java", "spring boot", "-java", "java-", "a--b", "snake_case", "" })
	void refusesTags(String tag) {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "tags", List.of(tag))))).singleElement()
			.asString()
			.contains("metadata.tags item");
	}

	@Test
	void tagsAreAtMost63Characters() {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "tags", List.of("a".repeat(63)))))).isEmpty();
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "tags", List.of("a".repeat(64)))))).hasSize(1);
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "tags", "java")))).containsExactly("metadata.tags must be a list");
	}

	@Test
	void linksMayBeAnyUriAsInBackstage() {
		for (String url : List.of("https://example.com", "mailto:team@example.com", "javascript:alert(1)",
				" JavaScript:alert(1)", "data:text/html,hello", "file:///etc/passwd", "vbscript:x", "slack://channel?id=1")) {
			assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "links", List.of(Map.of("url", url)))))).as(url).isEmpty();
		}
		for (String url : List.of("//example.com", "https://", "not a url", "docs/index.html", "")) {
			assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "links", List.of(Map.of("url", url)))))).as(url)
				.singleElement()
				.asString()
				.contains("must be a URI");
		}
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "links", List.of(Map.of("title", "no url"))))))
			.containsExactly("metadata.links[0].url is required");
	}

	@Test
	void onlyHttpHttpsAndMailtoLinksAreSafeToLinkOnAPage() {
		assertThat(List.of("https://example.com/a", "http://example.com", "mailto:team@example.com"))
			.allMatch(EnvelopeRules::isSafeUrl);
		assertThat(List.of("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd",
				"//example.com", "https://")).noneMatch(EnvelopeRules::isSafeUrl);
	}

	@Test
	void labelAndAnnotationKeysMayHaveADnsPrefix() {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "labels", Map.of("example.com/tier", "gold", "tier", ""),
				"annotations", Map.of("github.com/project-slug", "org/repo, with anything: in it"))))).isEmpty();
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "labels", Map.of("Example.com/tier", "gold")))))
			.singleElement()
			.asString()
			.contains("metadata.labels key");
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "labels", Map.of("tier", "not valid")))))
			.singleElement()
			.asString()
			.contains("is not a valid label value");
		assertThat(EnvelopeRules.check(entity(Map.of("name", "a", "annotations", Map.of("x", 1))))).containsExactly(
				"metadata.annotations.x must be a string");
	}

	@Test
	void kindAndApiVersionHaveTheirForms() {
		Map<String, Object> body = new LinkedHashMap<>(entity(Map.of("name", "a")));
		body.put("kind", "My-Kind");
		body.put("apiVersion", "Backstage.io/v1");

		assertThat(EnvelopeRules.check(body)).hasSize(2)
			.anySatisfy(p -> assertThat(p).startsWith("apiVersion"))
			.anySatisfy(p -> assertThat(p).startsWith("kind"));
	}

	@Test
	void relationsMustNotBeWrittenAndSpecMustBeAnObject() {
		Map<String, Object> body = new LinkedHashMap<>(entity(Map.of("name", "a")));
		body.put("relations", List.of());
		body.put("spec", List.of("x"));

		assertThat(EnvelopeRules.check(body)).containsExactly(
				"relations must not be written in a descriptor; the catalog derives them", "spec must be an object");
	}

	@Test
	void nulCharactersAreRefusedWhereverTheyAre() {
		Map<String, Object> body = new LinkedHashMap<>(entity(Map.of("name", "a", "description", "x\0y")));
		body.put("spec", Map.of("list", List.of("ok", "b\0d"), "k\0ey", "v"));

		assertThat(EnvelopeRules.check(body)).hasSize(3)
			.contains("metadata.description contains a NUL character (\\0), which the catalog cannot store",
					"spec.list[1] contains a NUL character (\\0), which the catalog cannot store")
			.anySatisfy(p -> assertThat(p).startsWith("the key spec.k\\0ey"));
	}

	@Test
	void reportsEveryProblemAtOnce() {
		assertThat(EnvelopeRules.check(entity(Map.of("name", "-a-", "namespace", "Ops", "tags", List.of("Bad"), "links",
				List.of(Map.of("url", "//not-absolute")))))).hasSize(4);
	}

	private static Map<String, Object> entity(Map<String, Object> metadata) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("apiVersion", "backstage.io/v1alpha1");
		body.put("kind", "Component");
		body.put("metadata", metadata);
		return body;
	}

}
