package dev.atrium.catalog.descriptor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.descriptor.EntityPipeline.Processed;
import dev.atrium.platform.EntityProcessor;
import dev.atrium.platform.InvalidEntityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each built-in kind's required fields and the relations it derives, through the whole pipeline. */
class BuiltinKindsTests {

	private final EntityPipeline pipeline = new EntityPipeline(
			new StaticListableBeanFactory(Map.of("builtinKinds", new BuiltinKinds())).getBeanProvider(EntityProcessor.class));

	private static final Map<String, String> VALID = Map.of(
			"Component", "{kind: Component, spec: {type: service, lifecycle: production, owner: team}}",
			"API", "{kind: API, spec: {type: openapi, lifecycle: production, owner: team, definition: x}}",
			"Resource", "{kind: Resource, spec: {type: database, owner: team}}",
			"System", "{kind: System, spec: {owner: team}}",
			"Domain", "{kind: Domain, spec: {owner: team}}",
			"Group", "{kind: Group, spec: {type: team, children: []}}",
			"User", "{kind: User, spec: {memberOf: []}}",
			"Location", "{kind: Location, spec: {}}");

	@Test
	void aMinimalEntityOfEveryKindIsValid() {
		VALID.forEach((kind, yaml) -> assertThat(process(yaml).ref().kind()).isEqualTo(kind));
	}

	@ParameterizedTest(name = "{0} needs spec.{1}")
	@CsvSource({ "Component, type", "Component, lifecycle", "Component, owner", "API, type", "API, lifecycle",
			"API, owner", "API, definition", "Resource, type", "Resource, owner", "System, owner", "Domain, owner",
			"Group, type", "Group, children", "User, memberOf" })
	void eachRequiredSpecFieldIsRequired(String kind, String field) {
		String yaml = VALID.get(kind).replaceAll(field + ": (\\[\\]|[a-z]+)(, )?", "").replace(", }", "}");

		assertThatThrownBy(() -> process(yaml)).as(yaml)
			.isInstanceOf(InvalidEntityException.class)
			.hasMessageContaining("spec." + field + " is required");
	}

	@Test
	void fieldsOfTheWrongTypeAreRefused() {
		assertThatThrownBy(() -> process("{kind: Group, spec: {type: team, children: none}}"))
			.hasMessageContaining("spec.children is required and must be a list");
		assertThatThrownBy(() -> process("{kind: Component, spec: {type: service, lifecycle: production, owner: [a, b]}}"))
			.hasMessageContaining("spec.owner is required and must be a string");
		assertThatThrownBy(() -> process("{kind: Component, spec: {type: service, lifecycle: production, owner: t, dependsOn: x}}"))
			.hasMessageContaining("spec.dependsOn must be a list of entity references");
		assertThatThrownBy(() -> process("{kind: Location, spec: {presence: maybe}}"))
			.hasMessageContaining("spec.presence must be 'required' or 'optional'");
		assertThatThrownBy(() -> process("{kind: Location}")).hasMessageContaining("spec is required");
	}

	@Test
	void aMalformedReferenceIsRefused() {
		assertThatThrownBy(() -> process("{kind: Component, spec: {type: service, lifecycle: production, owner: 'group:'}}"))
			.isInstanceOf(InvalidEntityException.class)
			.hasMessageContaining("spec.owner")
			.hasMessageContaining("[<kind>:][<namespace>/]<name>");
		assertThatThrownBy(() -> process("{kind: Component, spec: {type: service, lifecycle: production, owner: team, "
				+ "providesApis: ['" + "a".repeat(64) + "']}}"))
			.hasMessageContaining("spec.providesApis: the entity reference");
	}

	@Test
	void referencesDefaultTheirKindAndTheEntitysNamespace() {
		Processed processed = process("""
				{kind: Component, metadata: {namespace: shop},
				 spec: {type: service, lifecycle: production, owner: payments-team, system: checkout,
				        providesApis: [cart], consumesApis: [default/prices], dependsOn: [resource:db],
				        subcomponentOf: web}}""");

		assertThat(relations(processed)).contains("component:shop/x ownedBy group:shop/payments-team",
				"group:shop/payments-team ownerOf component:shop/x", "component:shop/x partOf system:shop/checkout",
				"system:shop/checkout hasPart component:shop/x", "component:shop/x providesApi api:shop/cart",
				"api:shop/cart apiProvidedBy component:shop/x", "component:shop/x consumesApi api:default/prices",
				"api:default/prices apiConsumedBy component:shop/x", "component:shop/x dependsOn resource:shop/db",
				"resource:shop/db dependencyOf component:shop/x", "component:shop/x partOf component:shop/web");
	}

	@Test
	void groupsAndUsersRelateBothWays() {
		assertThat(relations(process("{kind: Group, spec: {type: team, parent: org, children: [sub], members: [ann]}}")))
			.containsExactlyInAnyOrder("group:default/x childOf group:default/org", "group:default/org parentOf group:default/x",
					"group:default/x parentOf group:default/sub", "group:default/sub childOf group:default/x",
					"group:default/x hasMember user:default/ann", "user:default/ann memberOf group:default/x");
		assertThat(relations(process("{kind: User, spec: {memberOf: [team]}}"))).containsExactlyInAnyOrder(
				"user:default/x memberOf group:default/team", "group:default/team hasMember user:default/x");
		assertThat(relations(process("{kind: Domain, spec: {owner: o, subdomainOf: parent}}")))
			.contains("domain:default/x partOf domain:default/parent");
		assertThat(relations(process("{kind: System, spec: {owner: o, domain: d}}")))
			.contains("system:default/x partOf domain:default/d", "domain:default/d hasPart system:default/x");
	}

	@Test
	void kindsItDoesNotKnowPassThrough() {
		assertThat(process("{kind: Pipeline, apiVersion: example.com/v1, spec: {anything: [1, 2]}}").relations()).isEmpty();
		assertThat(process("{kind: Widget, spec: {}}").ref().toString()).isEqualTo("widget:default/x");
		assertThat(process("{kind: Component, apiVersion: example.com/v1, spec: {}}").ref().kind()).isEqualTo("Component");
	}

	@Test
	void templatesAreCheckedWithTheScaffolderApiVersion() {
		assertThat(relations(process("{kind: Template, apiVersion: scaffolder.backstage.io/v1beta3, spec: {type: service, "
				+ "owner: team, steps: []}}"))).contains("template:default/x ownedBy group:default/team");
		assertThatThrownBy(() -> process("{kind: Template, apiVersion: scaffolder.backstage.io/v1beta3, spec: {type: s}}"))
			.hasMessageContaining("spec.steps is required");
	}

	@Test
	void thePipelineFillsInNamespaceAndManagedByAnnotations() {
		Processed processed = process("{kind: Location, metadata: {annotations: {backstage.io/managed-by-location: forged}}, spec: {}}");

		assertThat(processed.body()).extractingByKey("metadata")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("namespace", "default")
			.extractingByKey("annotations")
			.isEqualTo(Map.of(EntityPipeline.MANAGED_BY_LOCATION, "file:/catalog/info.yaml",
					EntityPipeline.MANAGED_BY_ORIGIN_LOCATION, "file:/catalog/root.yaml"));
	}

	@Test
	void theHashChangesWithTheContentOnly() {
		String yaml = VALID.get("Component");
		assertThat(process(yaml).hash()).isEqualTo(process(yaml).hash());
		assertThat(process(yaml).hash()).isNotEqualTo(process(yaml.replace("production", "experimental")).hash());
	}

	/** Processes a flow-style descriptor, adding apiVersion and metadata.name x where it has none. */
	private Processed process(String flow) {
		String yaml = flow;
		if (!yaml.contains("metadata:")) {
			yaml = yaml.replaceFirst("\\{", "{metadata: {name: x}, ");
		}
		else if (!yaml.contains("name:")) {
			yaml = yaml.replaceFirst("metadata: \\{", "metadata: {name: x, ");
		}
		if (!yaml.contains("apiVersion:")) {
			yaml = yaml.replaceFirst("\\{", "{apiVersion: backstage.io/v1alpha1, ");
		}
		Map<String, Object> descriptor = DescriptorParser.parse(yaml.getBytes(StandardCharsets.UTF_8)).get(0).descriptor();
		return pipeline.process(descriptor, "file:/catalog/info.yaml", "file:/catalog/root.yaml");
	}

	private static List<String> relations(Processed processed) {
		return processed.relations().stream().map(r -> r.source() + " " + r.type() + " " + r.target()).toList();
	}

}
