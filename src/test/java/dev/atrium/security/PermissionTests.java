package dev.atrium.security;

import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Who may unregister, move and delete: members of the owning group (also through a parent group),
 * the one who registered the location, and admins; everyone else gets a 403 (JSON on the API, a page
 * in the browser), and nobody signed in a 401 or the sign-in page.
 */
class PermissionTests extends SecurityApplicationTest {

	@Autowired
	CatalogIdentities identities;

	@Autowired
	Identities platformIdentities;

	@Test
	void personIsTheirUserEntityAndEveryGroupAboveIt() {
		org();
		Identity ada = identities.of(person("ada@" + token + ".example"));

		assertThat(ada.userRef()).isEqualTo(new EntityRef("user", "default", token + "-ada"));
		assertThat(ada.displayName()).isEqualTo("Ada " + token);
		assertThat(ada.ownershipRefs()).containsExactlyInAnyOrder(ada.userRef(),
				new EntityRef("group", "default", token + "-team"), new EntityRef("group", "default", token + "-parent"));
		assertThat(ada.admin()).isFalse();
		assertThat(ada.type()).isEqualTo(Identity.Type.USER);
		assertThat(identities.of(person("root@" + token + ".example")).admin()).isTrue();
		assertThat(identities.of(person("nobody@" + token + ".example")).ownershipRefs()).isEmpty();
	}

	@Test
	void platformIdentitiesAnswerForTheCurrentRequest() {
		org();
		SecurityContextHolder.getContext().setAuthentication(person("bob@" + token + ".example"));
		try {
			assertThat(platformIdentities.current().ownershipRefs()).contains(new EntityRef("group", "default", token + "-rivals"));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		assertThat(platformIdentities.current()).isEqualTo(Identity.ANONYMOUS);
	}

	@Test
	void memberOfAParentOfTheOwningGroupMayDeleteAnEntityOthersMayNot() {
		org();
		register(CI, write("one.yaml", component(token + "-one", token + "-parent")));
		String uid = uid("component", token + "-one");

		assertThat(mvc.delete().uri("/api/catalog/entities/by-uid/" + uid).with(authentication(person("bob@" + token + ".example"))).with(csrf()))
			.hasStatus(403)
			.satisfies(notOwner());
		Response other = call(OTHER, "DELETE", "/api/catalog/entities/by-uid/" + uid, null);
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.json().path("error").path("name").asString()).isEqualTo("NotAllowedError");
		assertThat(other.json().path("error").path("message").asString()).isEqualTo(PathRules.NOT_OWNER);
		assertThat(call(null, "DELETE", "/api/catalog/entities/by-uid/" + uid, null).status()).isEqualTo(401);
		assertThat(call(null, "GET", "/api/catalog/entities/by-uid/" + uid, null).status()).as("still there").isEqualTo(200);

		assertThat(mvc.delete().uri("/api/catalog/entities/by-uid/" + uid).with(authentication(person("ada@" + token + ".example"))).with(csrf()))
			.hasStatus(204);
	}

	@Test
	void locationIsUnregisteredByTheOwnersOfAllItsEntitiesItsRegistrarOrAnAdmin() {
		org();
		String ours = register(OTHER, write("ours.yaml", component(token + "-a", token + "-team")));
		String mixed = register(OTHER, write("mixed.yaml", component(token + "-b", token + "-team") + "---\n"
				+ component(token + "-c", token + "-rivals")));
		String again = register(OTHER, write("again.yaml", component(token + "-d", token + "-rivals")));

		assertThat(mvc.delete().uri("/api/catalog/locations/" + mixed).with(authentication(person("ada@" + token + ".example"))).with(csrf()))
			.as("ada's team does not own all of it")
			.hasStatus(403)
			.satisfies(notOwner());
		assertThat(call(CI, "DELETE", "/api/catalog/locations/" + mixed, null).status()).as("not the registrar").isEqualTo(403);
		assertThat(mvc.delete().uri("/api/catalog/locations/" + ours).with(authentication(person("bob@" + token + ".example"))).with(csrf()))
			.hasStatus(403)
			.satisfies(notOwner());
		assertThat(mvc.put().uri("/api/catalog/locations/" + ours).contentType("application/json")
			.content("{\"type\":\"file\",\"target\":\"/elsewhere.yaml\"}")
			.with(authentication(person("bob@" + token + ".example"))).with(csrf())).as("moving is for owners too")
			.hasStatus(403)
			.satisfies(notOwner());

		assertThat(mvc.delete().uri("/api/catalog/locations/" + ours).with(authentication(person("ada@" + token + ".example"))).with(csrf()))
			.hasStatus(204);
		assertThat(call(OTHER, "DELETE", "/api/catalog/locations/" + mixed, null).status()).as("the registrar").isEqualTo(204);
		assertThat(mvc.delete().uri("/api/catalog/locations/" + again).with(authentication(person("root@" + token + ".example"))).with(csrf()))
			.as("an admin")
			.hasStatus(204);
	}

	/** MockMvc has no servlet container to render the error: the message is what the page and JSON show. */
	private static org.assertj.core.api.ThrowingConsumer<org.springframework.test.web.servlet.assertj.MvcTestResult> notOwner() {
		return result -> assertThat(result.getResponse().getErrorMessage()).isEqualTo(PathRules.NOT_OWNER);
	}

	@Test
	void unknownThingsAreA404ForThoseSignedIn() {
		assertThat(call(CI, "DELETE", "/api/catalog/locations/00000000-0000-0000-0000-000000000000", null).status())
			.isEqualTo(404);
		assertThat(call(CI, "DELETE", "/api/catalog/locations/not-a-uuid", null).status()).isEqualTo(404);
	}

	@Test
	void unregisterPageRefusesOthersWithAPageAndSendsNobodyToSignIn() {
		org();
		String location = register(CI, write("page.yaml", component(token + "-p", token + "-team")));

		assertThat(mvc.post().uri("/catalog/locations/" + location + "/unregister").accept("text/html")
			.with(authentication(person("bob@" + token + ".example")))
			.with(csrf())).hasStatus(403)
			.satisfies(notOwner());
		assertThat(mvc.post().uri("/catalog/locations/" + location + "/unregister").accept("text/html").with(csrf()))
			.hasStatus(302)
			.headers()
			.hasValue("Location", "/sign-in");
		assertThat(mvc.post().uri("/catalog/locations/" + location + "/unregister").accept("text/html")
			.with(authentication(person("ada@" + token + ".example")))
			.with(csrf())).hasStatus(302)
			.headers()
			.hasValue("Location", "/catalog/locations");
	}

	@Test
	void everyMutationOfEveryModuleNeedsSomeoneSignedIn() {
		for (String[] call : new String[][] { { "POST", "/api/catalog/locations" }, { "POST", "/api/catalog/refresh" },
				{ "POST", "/api/catalog/validate-entity" }, { "PUT", "/api/catalog/locations/x" },
				{ "POST", "/api/scaffolder/v2/tasks" }, { "POST", "/api/v1/lineage" }, { "POST", "/api/anything/new" },
				{ "PATCH", "/api/catalog/entities" } }) {
			Response answer = call(null, call[0], call[1], "{}");
			assertThat(answer.status()).as(call[0] + " " + call[1]).isEqualTo(401);
			assertThat(answer.json().path("error").path("name").asString()).isEqualTo("AuthenticationError");
		}
		for (String page : new String[] { "/catalog/register", "/catalog/locations/x/refresh", "/create/templates/x" }) {
			Response answer = call(null, "POST", page, "a=b", java.util.Map.of("Accept", "text/html",
					"Content-Type", "application/x-www-form-urlencoded"));
			assertThat(answer.status()).as("POST " + page).isEqualTo(302);
			assertThat(answer.header("Location")).endsWith("/sign-in");
		}
	}

	@Test
	void pathTricksDoNotGetPastTheOwnerRule() {
		org();
		String location = register(CI, write("tricks.yaml", component(token + "-t", token + "-team")));
		String uid = uid("component", token + "-t");
		for (String path : new String[] { "/api/catalog/locations/" + location + "/", "//api/catalog/locations/" + location,
				"/api/catalog/locations/" + location + ";x=y", "/api/catalog/./locations/" + location,
				"/api/catalog/foo/../locations/" + location, "/api/catalog/locations%2F" + location,
				"/API/catalog/locations/" + location, "/api/catalog/entities/by-uid/" + uid + "/",
				"/api/catalog/entities/by-uid/" + uid.toUpperCase() }) {
			Response answer = call(OTHER, "DELETE", path, null);
			assertThat(answer.status()).as("DELETE " + path).isNotEqualTo(204).isLessThan(500);
		}
		Response overridden = call(OTHER, "POST", "/api/catalog/locations/" + location, null,
				java.util.Map.of("X-HTTP-Method-Override", "DELETE", "Accept", "application/json"));
		assertThat(overridden.status()).as("no method override").isNotEqualTo(204);
		assertThat(call(null, "GET", "/api/catalog/locations/" + location, null).status()).as("still registered").isEqualTo(200);
		assertThat(call(null, "GET", "/api/catalog/entities/by-uid/" + uid, null).status()).as("still there").isEqualTo(200);
	}

}
