package dev.atrium.scaffolder.render;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backstage's template syntax as template authors write it. */
class RendererTests {

	private final Renderer renderer = new Renderer();

	private final Map<String, Object> context = Map.of("parameters",
			Map.of("name", "payment-api", "owner", "group:default/payments", "tags", List.of("java", "spring"),
					"port", 8080, "enabled", true, "repoUrl", "atrium?owner=payments&repo=payment-api"),
			"steps", Map.of("fetch", Map.of("output", Map.of("x", "fetched"))),
			"user", Map.of("entity", Map.of("metadata", Map.of("name", "ada"))),
			"values", Map.of("name", "payment-api", "features", List.of("web", "actuator")));

	private String render(String template) {
		return renderer.render(template, context);
	}

	@Test
	void readsParametersStepOutputsAndTheUser() {
		assertThat(render("${{ parameters.name }} / ${{ steps.fetch.output.x }} / ${{ steps['fetch'].output['x'] }} / ${{ user.entity.metadata.name }}"))
			.isEqualTo("payment-api / fetched / fetched / ada");
	}

	@Test
	void leavesOtherTemplateSyntaxesAlone() {
		assertThat(render("{{7*7}} ${7*7} #{7*7} ${T(java.lang.Runtime)} <%= 7*7 %> $name"))
			.isEqualTo("{{7*7}} ${7*7} #{7*7} ${T(java.lang.Runtime)} <%= 7*7 %> $name");
	}

	@Test
	void appliesNunjucksFilters() {
		assertThat(render("${{ parameters.name | upper }}")).isEqualTo("PAYMENT-API");
		assertThat(render("${{ 'A B' | lower | replace(' ', '-') }}")).isEqualTo("a-b");
		assertThat(render("${{ parameters.missing | default('none') }}")).isEqualTo("none");
		assertThat(render("${{ parameters.tags | join(', ') }}")).isEqualTo("java, spring");
		assertThat(render("${{ parameters.tags | length }}")).isEqualTo("2");
		assertThat(render("${{ '  x ' | trim }}")).isEqualTo("x");
		assertThat(render("${{ parameters.tags | dump }}")).isEqualTo("[\"java\",\"spring\"]");
		assertThat(render("${{ {'a': 1, 'b': [true, none]} | json }}")).isEqualTo("{\"a\":1,\"b\":[true,null]}");
		assertThat(render("${{ parameters.tags | first }}-${{ parameters.tags | last }}")).isEqualTo("java-spring");
		assertThat(render("${{ 'payment api' | title }} ${{ 'x' | capitalize }}")).isEqualTo("Payment Api X");
	}

	@Test
	void appliesBackstageFilters() {
		assertThat(render("${{ parameters.repoUrl | parseRepoUrl | pick('owner') }}")).isEqualTo("payments");
		assertThat(render("${{ (parameters.repoUrl | parseRepoUrl).repo }}")).isEqualTo("payment-api");
		assertThat(render("${{ parameters.repoUrl | projectSlug }}")).isEqualTo("payments/payment-api");
		assertThat(render("${{ (parameters.owner | parseEntityRef).name }}")).isEqualTo("payments");
		assertThat(render("${{ ('ada' | parseEntityRef({'defaultKind': 'user'})).kind }}")).isEqualTo("user");
	}

	@Test
	void rendersConditionsAndLoops() {
		String text = "{% if parameters.port > 9000 %}high{% elif parameters.enabled and 'web' in values.features %}web{% else %}no{% endif %}";
		assertThat(render(text)).isEqualTo("web");
		assertThat(render("{% for f in values.features %}${{ loop.index }}:${{ f }}{% if not loop.last %},{% endif %}{% endfor %}"))
			.isEqualTo("1:web,2:actuator");
		assertThat(render("{% for f in parameters.none %}x{% else %}empty{% endfor %}")).isEqualTo("empty");
		assertThat(render("{% for k, v in {'a': 1} %}${{ k }}=${{ v }}{% endfor %}")).isEqualTo("a=1");
		assertThat(render("{% set n = parameters.port + 1 %}${{ n }}")).isEqualTo("8081");
		assertThat(render("{% raw %}${{ github.sha }}{% endraw %}")).isEqualTo("${{ github.sha }}");
		assertThat(render("{# a comment #}x")).isEqualTo("x");
		assertThat(render("${{ 'yes' if parameters.enabled else 'no' }} ${{ parameters.x is defined }}")).isEqualTo("yes false");
	}

	@Test
	void trimsWhitespaceAroundDashedTags() {
		assertThat(render("a\n  {%- if true -%}\n  b\n{%- endif %}")).isEqualTo("ab");
		assertThat(renderer.render("{% if true %}\nb\n{% endif %}\n", context, true, false)).isEqualTo("b\n");
	}

	@Test
	void keepsTheTypeOfASingleExpressionInStepInput() {
		Object input = renderer.evaluate(Map.of("tags", "${{ parameters.tags }}", "port", "${{ parameters.port }}",
				"text", "name: ${{ parameters.name }}", "missing", "${{ parameters.nope }}"), context);

		assertThat(((Map<?, ?>) input).get("tags")).isEqualTo(List.of("java", "spring"));
		assertThat(((Map<?, ?>) input).get("port")).isEqualTo(8080L);
		assertThat(((Map<?, ?>) input).get("text")).isEqualTo("name: payment-api");
		assertThat(((Map<?, ?>) input).get("missing")).isNull();
		assertThat(renderer.condition("${{ parameters.enabled }}", context)).isTrue();
		assertThat(renderer.condition("${{ parameters.nope }}", context)).isFalse();
		assertThat(renderer.condition(false, context)).isFalse();
	}

	@Test
	void refusesCallsOnValues() {
		assertThatThrownBy(() -> render("${{ ''.constructor.constructor('return process')() }}"))
			.isInstanceOf(RenderException.class)
			.hasMessageContaining("not allowed");
		assertThatThrownBy(() -> render("${{ parameters.name.getClass().forName('java.lang.Runtime') }}"))
			.isInstanceOf(RenderException.class)
			.hasMessageContaining("not allowed");
		assertThatThrownBy(() -> render("${{ cycler() }}")).isInstanceOf(RenderException.class);
		assertThatThrownBy(() -> render("${{ joiner.constructor('x')() }}")).isInstanceOf(RenderException.class);
	}

	@Test
	void readsNothingButTheContextsKeys() {
		assertThat(render("[${{ parameters.__proto__ }}][${{ parameters.constructor }}][${{ parameters.name.class }}]"
				+ "[${{ ''.__proto__ }}][${{ process }}][${{ global }}][${{ this }}][${{ T }}][${{ parameters['__proto__']['polluted'] }}]"))
			.isEqualTo("[][][][][][][][][]");
		assertThat(render("${{ range.constructor }}")).isEmpty();
	}

	@Test
	void refusesTagsThatReadOtherFiles() {
		assertThatThrownBy(() -> render("{% include '/etc/passwd' %}")).isInstanceOf(RenderException.class)
			.hasMessageContaining("not supported");
		assertThatThrownBy(() -> render("{% import 'x' as y %}")).isInstanceOf(RenderException.class);
		assertThatThrownBy(() -> render("{% extends 'base.njk' %}")).isInstanceOf(RenderException.class);
	}

	@Test
	void stopsRunawayTemplates() {
		assertThatThrownBy(() -> render("{% for i in range(100000000) %}x{% endfor %}")).isInstanceOf(RenderException.class)
			.hasMessageContaining("at most");
		assertThatThrownBy(() -> render("{% for i in range(9000) %}{% for j in range(9000) %}x{% endfor %}{% endfor %}"))
			.isInstanceOf(RenderException.class)
			.hasMessageContaining("more than");
		Renderer small = new Renderer(new Renderer.Limits(1000, 10_000, 1_000_000));
		assertThatThrownBy(() -> small.render("{% set s = 'xxxxxxxxxx' %}{% for i in range(5000) %}${{ s }}{% endfor %}", Map.of()))
			.isInstanceOf(RenderException.class)
			.hasMessageContaining("longer than 1000");
		assertThatThrownBy(() -> small.render("${{ 'x' | replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') | replace('x', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') }}", Map.of()))
			.isInstanceOf(RenderException.class);
		assertThatThrownBy(() -> render("${{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}")).isInstanceOf(RenderException.class)
			.hasMessageContaining("nested too deeply");
		assertThatThrownBy(() -> render("{% if x %}".repeat(500))).isInstanceOf(RenderException.class);
	}

	@Test
	void reportsSyntaxErrorsWithTheLine() {
		assertThatThrownBy(() -> render("a\nb ${{ parameters.name | }}")).isInstanceOf(RenderException.class)
			.hasMessageStartingWith("Line 2");
		assertThatThrownBy(() -> render("${{ parameters.name")).hasMessageContaining("never closed");
		assertThatThrownBy(() -> render("{% if true %}x")).hasMessageContaining("endif");
		assertThatThrownBy(() -> render("{% endif %}")).hasMessageContaining("no matching");
		assertThatThrownBy(() -> render("${{ x | nosuchfilter }}")).hasMessageContaining("Unknown filter 'nosuchfilter'");
		assertThatThrownBy(() -> render("{% macro m() %}{% endmacro %}")).isInstanceOf(RenderException.class);
	}

	@Test
	void rendersNumbersAsNunjucksDoes() {
		assertThat(render("${{ 7*7 }} ${{ 10 / 4 }} ${{ 10 / 5 }} ${{ 7 // 2 }} ${{ 7 % 3 }} ${{ -parameters.port }}"))
			.isEqualTo("49 2.5 2 3 1 -8080");
		assertThat(render("${{ 'a' ~ 1 ~ true }} ${{ 'a' + 'b' }}")).isEqualTo("a1true ab");
	}

}
