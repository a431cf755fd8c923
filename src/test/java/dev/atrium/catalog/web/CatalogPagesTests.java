package dev.atrium.catalog.web;

import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's pages as a browser gets them: the table's filters, sort and pages; an entity's tabs,
 * relations graph, links and errors; user and group pages; the Locations page's actions.
 */
class CatalogPagesTests extends CatalogApplicationTest {

	@Test
	void anOwnerFilterWithAKindMeansThatKindInTheDefaultNamespace() {
		registerFile(write("catalog-info.yaml", documents(component("mine-" + token, "user:jdoe-" + token),
				component("theirs-" + token, "team-" + token))));

		String page = page("/catalog?kind=component&owner=user:jdoe-" + token);

		assertThat(page).contains("mine-" + token).doesNotContain("theirs-" + token).contains("<strong>1</strong>");
		assertThat(page("/catalog?kind=component&owner=USER:default/JDOE-" + token)).contains("mine-" + token);
		assertThat(page("/catalog?kind=component&owner=team-" + token)).contains("theirs-" + token).doesNotContain("mine-" + token);
	}

	@Test
	void theTableSortsAndPagesThroughLinks() {
		StringBuilder yaml = new StringBuilder();
		for (int i = 0; i <= CatalogController.PAGE_SIZE; i++) {
			yaml.append(i == 0 ? "" : "---\n").append(component("c-%02d-%s".formatted(i, token), "team-pg-" + token));
		}
		registerFile(write("catalog-info.yaml", yaml.toString()));
		String base = "/catalog?kind=component&owner=team-pg-" + token;

		String first = page(base);
		assertThat(first).contains("<strong>51</strong>", "Page 1 of 2", "c-00-" + token, "c-49-" + token)
			.doesNotContain("c-50-" + token)
			.contains("owner=group:default/team-pg-" + token + "&amp;page=1\" rel=\"next\"")
			.contains("owner=group:default/team-pg-" + token + "&amp;sort=-name\"", "sort=owner\"", "sort=lifecycle\"");
		assertThat(page(base + "&page=1")).contains("c-50-" + token, "rel=\"prev\"").doesNotContain("c-49-" + token);
		String descending = page(base + "&sort=-name&page=1");
		assertThat(descending).contains("c-00-" + token).doesNotContain("c-01-" + token);
		assertThat(page(base + "&sort=-name")).contains("sort=name\"").contains("c-50-" + token);
	}

	@Test
	void anEntityPageHasAYamlTab() {
		registerFile(write("catalog-info.yaml", component("yaml-" + token, "team-a")));

		String page = page("/catalog/default/component/yaml-" + token + "/yaml");

		assertThat(page).contains("id=\"yaml\"", "apiVersion: backstage.io/v1alpha1", "name: yaml-" + token,
				"backstage.io/managed-by-location")
			.contains("aria-selected=\"true\" class=\"active\">YAML</a>")
			.doesNotContain("id=\"relations-graph\"");
		assertThat(status("/catalog/default/component/yaml-" + token + "/no-such-tab")).isEqualTo(404);
	}

	@Test
	void theRelationsGraphLinksOnlyEntitiesInTheCatalog() {
		registerFile(write("catalog-info.yaml", documents(component("graph-" + token, "team-g-" + token)
			.replace("  owner:", "  dependsOn: [component:missing-" + token + "]\n  owner:"), group("team-g-" + token, "[]"))));

		String page = page("/catalog/default/component/graph-" + token);

		assertThat(page).contains("id=\"relations-graph\"")
			.contains("<a href=\"/catalog/default/group/team-g-" + token + "\" class=\"node\">")
			.contains("class=\"node missing\"", "missing-" + token)
			.doesNotContain("href=\"/catalog/default/component/missing-" + token + "\"");
		assertThat(page).as("relation types read as words beside the graph").contains("<h3>Depends on</h3>", "<h3>Owned by</h3>");
	}

	@Test
	void processingErrorsShowOnTheEntityPage() {
		registerFile(write("catalog-info.yaml", documents(component("erring-" + token, "team-a"), "kind: [unclosed\n")));

		assertThat(page("/catalog/default/component/erring-" + token)).contains("id=\"entity-problems\"",
				"This entity has processing errors", "Document ");
	}

	@Test
	void onlySafeLinksAreLinksTheRestIsText() {
		registerFile(write("catalog-info.yaml", component("links-" + token, "team-a").replace("metadata:\n", """
				metadata:
				  links:
				    - {url: "javascript:alert(document.cookie)", title: Run me}
				    - {url: "https://example.com/docs", title: Docs}
				    - {url: "slack://channel?team=T1"}
				""")));

		String page = page("/catalog/default/component/links-" + token);

		assertThat(page).contains("href=\"https://example.com/docs\"", "Run me", "javascript:alert(document.cookie)",
				"slack://channel?team=T1")
			.doesNotContain("href=\"javascript:")
			.doesNotContain("href=\"slack:");
	}

	@Test
	void aDomainLinkKeepsTheNamespaceOfItsRef() {
		registerFile(write("catalog-info.yaml", """
				apiVersion: backstage.io/v1alpha1
				kind: System
				metadata: {name: sys-%1$s, namespace: ops}
				spec: {owner: team-a, domain: platform/core-%1$s}
				---
				apiVersion: backstage.io/v1alpha1
				kind: System
				metadata: {name: local-%1$s, namespace: ops}
				spec: {owner: team-a, domain: near-%1$s}
				""".formatted(token)));

		assertThat(page("/catalog/ops/system/sys-" + token)).contains("href=\"/catalog/platform/domain/core-" + token + "\"");
		assertThat(page("/catalog/ops/system/local-" + token)).contains("href=\"/catalog/ops/domain/near-" + token + "\"");
	}

	@Test
	void userAndGroupPagesShowMembershipSubGroupsAndOwnership() {
		registerFile(write("catalog-info.yaml", documents(group("parent-" + token, "[child-" + token + "]"), """
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: child-%1$s, title: Child team %1$s}
				spec: {type: team, parent: parent-%1$s, children: []}
				---
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: ada-%1$s}
				spec: {profile: {displayName: Ada %1$s}, memberOf: [child-%1$s]}
				""".formatted(token), component("team-owned-" + token, "child-" + token),
				component("user-owned-" + token, "user:ada-" + token))));

		String user = page("/catalog/default/user/ada-" + token);
		assertThat(section(user, "user-groups")).contains("Child team " + token);
		assertThat(section(user, "ownership")).contains("team-owned-" + token, "user-owned-" + token);
		String parent = page("/catalog/default/group/parent-" + token);
		assertThat(section(parent, "subgroups")).contains("Child team " + token);
		String child = page("/catalog/default/group/child-" + token);
		assertThat(section(child, "members")).contains("ada-" + token);
		assertThat(section(child, "ownership")).contains("team-owned-" + token).doesNotContain("user-owned-" + token);
	}

	@Test
	void theLocationsPageRefreshesAndUnregisters() {
		java.nio.file.Path file = write("catalog-info.yaml", component("located-" + token, "team-a"));
		UUID id = registerFile(file);
		assertThat(page("/catalog/locations")).contains(file.toString());

		MvcTestResult refresh = mvc.post().uri("/catalog/locations/" + id + "/refresh").with(TestSignIn.token()).exchange();
		assertThat(refresh).hasStatus3xxRedirection().hasRedirectedUrl("/catalog/locations/" + id);
		assertThat(refresh).flash().containsEntry("notice", "Refresh requested: " + file + " is read again in a moment.");
		ingestion.refreshDue();
		assertThat(page("/catalog/locations/" + id)).contains("located-" + token, "id=\"refresh-now\"", "id=\"unregister\"");

		MvcTestResult unregister = mvc.post().uri("/catalog/locations/" + id + "/unregister").with(TestSignIn.token()).exchange();
		assertThat(unregister).hasStatus3xxRedirection().hasRedirectedUrl("/catalog/locations");
		assertThat(entity("component:default/located-" + token)).isEmpty();
		assertThat(page("/catalog/locations")).doesNotContain(file.toString());
		assertThat(status("/catalog/locations/" + id)).isEqualTo(404);
	}

	private String page(String path) {
		MvcTestResult result = mvc.get().uri(path).with(TestSignIn.token()).exchange();
		assertThat(result).as(path).hasStatusOk();
		try {
			return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int status(String path) {
		return mvc.get().uri(path).with(TestSignIn.token()).exchange().getResponse().getStatus();
	}

	/** The HTML of the element with this id, up to the next section. */
	private static String section(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("section " + id).isNotNegative();
		int end = page.indexOf("<section", start);
		return page.substring(start, end < 0 ? page.length() : end);
	}

	private static String group(String name, String children) {
		return """
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: %s}
				spec: {type: team, children: %s}
				""".formatted(name, children);
	}

}
