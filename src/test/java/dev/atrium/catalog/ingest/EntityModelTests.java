package dev.atrium.catalog.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities as the API gives them back: relations in both directions derived from spec fields,
 * references defaulting kind and namespace as Backstage's do, uid and etag, the managed-by
 * annotations, and kinds the catalog does not know.
 */
class EntityModelTests extends CatalogApplicationTest {

	@Test
	void relationsAreDerivedInBothDirections() {
		Path file = write("catalog-info.yaml", documents("""
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: org-%1$s}
				spec: {type: business-unit, children: [team-%1$s]}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: team-%1$s}
				spec: {type: team, parent: org-%1$s, children: [], members: [alice-%1$s]}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: alice-%1$s}
				spec: {memberOf: [team-%1$s]}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: Domain
				metadata: {name: commerce-%1$s}
				spec: {owner: org-%1$s}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: System
				metadata: {name: shop-%1$s}
				spec: {owner: team-%1$s, domain: commerce-%1$s}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata: {name: cart-%1$s}
				spec:
				  type: service
				  lifecycle: production
				  owner: user:alice-%1$s
				  system: shop-%1$s
				  providesApis: [cart-api-%1$s]
				  consumesApis: [api:default/prices-%1$s]
				  dependsOn: [resource:cart-db-%1$s]
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata: {name: cart-ui-%1$s}
				spec: {type: website, lifecycle: experimental, owner: team-%1$s, subcomponentOf: cart-%1$s}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: API
				metadata: {name: cart-api-%1$s}
				spec: {type: openapi, lifecycle: production, owner: team-%1$s, system: shop-%1$s, definition: "openapi: 3.0.0"}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: API
				metadata: {name: prices-%1$s}
				spec: {type: grpc, lifecycle: production, owner: team-%1$s, definition: "syntax = 'proto3';"}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: Resource
				metadata: {name: cart-db-%1$s}
				spec: {type: database, owner: team-%1$s, system: shop-%1$s}
				""").formatted(token));

		UUID id = registerFile(file);

		assertThat(errorsOf(id)).isEmpty();
		String t = token;
		assertThat(relations("group", "org-" + t)).contains("parentOf group:default/team-" + t,
				"ownerOf domain:default/commerce-" + t);
		assertThat(relations("group", "team-" + t)).contains("childOf group:default/org-" + t,
				"hasMember user:default/alice-" + t, "ownerOf system:default/shop-" + t, "ownerOf api:default/cart-api-" + t,
				"ownerOf component:default/cart-ui-" + t, "ownerOf resource:default/cart-db-" + t);
		assertThat(relations("user", "alice-" + t)).contains("memberOf group:default/team-" + t,
				"ownerOf component:default/cart-" + t);
		assertThat(relations("domain", "commerce-" + t)).contains("ownedBy group:default/org-" + t,
				"hasPart system:default/shop-" + t);
		assertThat(relations("system", "shop-" + t)).contains("ownedBy group:default/team-" + t,
				"partOf domain:default/commerce-" + t, "hasPart component:default/cart-" + t,
				"hasPart api:default/cart-api-" + t, "hasPart resource:default/cart-db-" + t);
		assertThat(relations("component", "cart-" + t)).contains("ownedBy user:default/alice-" + t,
				"partOf system:default/shop-" + t, "providesApi api:default/cart-api-" + t,
				"consumesApi api:default/prices-" + t, "dependsOn resource:default/cart-db-" + t,
				"hasPart component:default/cart-ui-" + t);
		assertThat(relations("component", "cart-ui-" + t)).contains("partOf component:default/cart-" + t);
		assertThat(relations("api", "cart-api-" + t)).contains("apiProvidedBy component:default/cart-" + t,
				"partOf system:default/shop-" + t);
		assertThat(relations("api", "prices-" + t)).contains("apiConsumedBy component:default/cart-" + t);
		assertThat(relations("resource", "cart-db-" + t)).contains("dependencyOf component:default/cart-" + t);
	}

	@Test
	void relationsAreListedOnceWhenBothSidesDeclareThem() {
		Path file = write("catalog-info.yaml", documents("""
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: team-%1$s}
				spec: {type: team, children: [], members: [bob-%1$s]}
				""", """
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: bob-%1$s}
				spec: {memberOf: [team-%1$s]}
				""").formatted(token));

		registerFile(file);

		assertThat(relations("user", "bob-" + token)).containsOnlyOnce("memberOf group:default/team-" + token);
		assertThat(relations("group", "team-" + token)).containsOnlyOnce("hasMember user:default/bob-" + token);
	}

	@Test
	void anOwnerWithoutKindIsAGroupInTheEntitysOwnNamespace() {
		Path file = write("catalog-info.yaml", documents(component("in-default-" + token, "payments-team"),
				component("in-ops-" + token, "payments-team").replace("metadata:\n", "metadata:\n  namespace: ops\n"),
				component("explicit-" + token, "user:platform/alice").replace("metadata:\n", "metadata:\n  namespace: ops\n"),
				component("cross-" + token, "default/payments-team").replace("metadata:\n", "metadata:\n  namespace: ops\n")));

		registerFile(file);

		assertThat(relations("component", "in-default-" + token)).containsExactly("ownedBy group:default/payments-team");
		assertThat(relations("component", "ops", "in-ops-" + token)).containsExactly("ownedBy group:ops/payments-team");
		assertThat(relations("component", "ops", "explicit-" + token)).containsExactly("ownedBy user:platform/alice");
		assertThat(relations("component", "ops", "cross-" + token)).containsExactly("ownedBy group:default/payments-team");
		assertThat(get("/api/catalog/entities?filter=spec.owner=payments-team,metadata.name=in-ops-" + token).json().size())
			.isEqualTo(1);
	}

	@Test
	void uidStaysAcrossRefreshesAndEtagChangesWithTheContent() throws Exception {
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a"));
		UUID id = registerFile(file);
		JsonNode first = byName("component", "default", "svc-" + token);

		forceRefresh(id); // forced: read and processed again
		JsonNode unchanged = byName("component", "default", "svc-" + token);
		write("catalog-info.yaml", component("svc-" + token, "team-a").replace("metadata:\n",
				"metadata:\n  description: Now described\n"));
		forceRefresh(id);
		JsonNode changed = byName("component", "default", "svc-" + token);

		assertThat(first.at("/metadata/uid").asString()).isNotBlank();
		assertThat(unchanged.at("/metadata/uid").asString()).isEqualTo(first.at("/metadata/uid").asString());
		assertThat(unchanged.at("/metadata/etag").asString()).isEqualTo(first.at("/metadata/etag").asString());
		assertThat(changed.at("/metadata/description").asString()).isEqualTo("Now described");
		assertThat(changed.at("/metadata/uid").asString()).isEqualTo(first.at("/metadata/uid").asString());
		assertThat(changed.at("/metadata/etag").asString()).isNotBlank().isNotEqualTo(first.at("/metadata/etag").asString());
		assertThat(get("/api/catalog/entities/by-uid/" + first.at("/metadata/uid").asString()).json().at("/metadata/name")
			.asString()).isEqualTo("svc-" + token);
	}

	@Test
	void uidAndEtagWrittenInADescriptorAreReplacedByTheCatalogs() {
		Path file = write("catalog-info.yaml", component("svc-" + token, "team-a").replace("metadata:\n",
				"metadata:\n  uid: 00000000-0000-0000-0000-000000000001\n  etag: forged\n"));

		registerFile(file);

		JsonNode entity = byName("component", "default", "svc-" + token);
		assertThat(entity.at("/metadata/uid").asString()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
		assertThat(entity.at("/metadata/etag").asString()).isNotEqualTo("forged");
	}

	@Test
	void managedByAnnotationsNameTheFileAndTheRegisteredLocation() {
		write("nested/catalog-info.yaml", component("svc-" + token, "team-a").replace("metadata:\n",
				"metadata:\n  annotations:\n    backstage.io/managed-by-location: url:https://forged.example/\n"));
		Path root = write("catalog.yaml", locationOf("./nested/catalog-info.yaml"));

		registerFile(root);

		JsonNode annotations = byName("component", "default", "svc-" + token).at("/metadata/annotations");
		assertThat(annotations.at("/backstage.io~1managed-by-location").asString())
			.isEqualTo("file:" + dir.resolve("nested/catalog-info.yaml"));
		assertThat(annotations.at("/backstage.io~1managed-by-origin-location").asString()).isEqualTo("file:" + root);
		JsonNode generated = get("/api/catalog/entities/by-name/location/default/"
				+ LocationRefresher.generatedRef("file", root.toString()).substring("location:default/".length())).json();
		assertThat(generated.at("/spec/target").asString()).isEqualTo(root.toString());
		assertThat(generated.at("/spec/type").asString()).isEqualTo("file");
	}

	@Test
	void otherWellFormedKindsAreAcceptedAndStored() {
		Path file = write("catalog-info.yaml", documents("""
				apiVersion: example.com/v1
				kind: Pipeline
				metadata:
				  name: nightly-%1$s
				  namespace: data
				spec:
				  schedule: "0 3 * * *"
				  steps: [extract, load]
				""", """
				apiVersion: scaffolder.backstage.io/v1beta3
				kind: Template
				metadata:
				  name: service-%1$s
				spec:
				  type: service
				  owner: team-a
				  parameters: []
				  steps:
				    - id: fetch
				      action: fetch:template
				""", """
				apiVersion: example.com/v1
				kind: Environment
				metadata: {name: staging-%1$s}
				""").formatted(token));

		UUID id = registerFile(file);

		assertThat(errorsOf(id)).isEmpty();
		JsonNode pipeline = byName("pipeline", "data", "nightly-" + token);
		assertThat(pipeline.at("/apiVersion").asString()).isEqualTo("example.com/v1");
		assertThat(pipeline.at("/spec/schedule").asString()).isEqualTo("0 3 * * *");
		assertThat(relations("template", "service-" + token)).containsExactly("ownedBy group:default/team-a");
		assertThat(get("/api/catalog/entities/by-name/environment/default/staging-" + token).status()).isEqualTo(200);
		assertThat(get("/api/catalog/entities?filter=kind=pipeline,metadata.namespace=data,metadata.name=nightly-" + token)
			.json()
			.size()).isEqualTo(1);
	}

	private JsonNode byName(String kind, String namespace, String name) {
		Response response = get("/api/catalog/entities/by-name/" + kind + "/" + namespace + "/" + name);
		assertThat(response.status()).as(kind + ":" + namespace + "/" + name).isEqualTo(200);
		return response.json();
	}

	private List<String> relations(String kind, String name) {
		return relations(kind, "default", name);
	}

	/** An entity's relations from the API, as "type targetRef". */
	private List<String> relations(String kind, String namespace, String name) {
		List<String> relations = new ArrayList<>();
		for (JsonNode relation : byName(kind, namespace, name).at("/relations")) {
			relations.add(relation.at("/type").asString() + " " + relation.at("/targetRef").asString());
		}
		return relations;
	}

}
