package dev.atrium.scaffolder.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.platform.ConflictException;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

/**
 * Backstage advisory GHSA-vwp5-f99x-x3rq (task lists leaking other users' tasks): a caller sees the
 * tasks they created, admins see all; someone else's task is "not found" on the API and on the pages,
 * answered exactly like an id that does not exist. Callers: the API tokens {@code ada} and {@code bob},
 * people signed in with OpenID Connect, and {@code root@scaffolder.example}, a member of the admin group.
 */
@AutoConfigureMockMvc
@SpringBootTest(properties = { "atrium.catalog.demo=false",
		"atrium.auth.api-tokens=ada=ada-secret-0123456789,bob=bob-secret-0123456789", "atrium.auth.admin-groups=admins" })
class TaskAccessTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TASKS = "/api/scaffolder/v2/tasks";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Ingestion ingestion;

	@Autowired
	EntityLookup catalog;

	@BeforeEach
	void templateAndAdminAreInTheCatalog() {
		for (String file : List.of("hello/template.yaml", "admins.yaml", "people.yaml")) {
			try {
				ingestion.registerInternal("classpath", "scaffolder/test-templates/" + file, "test");
			}
			catch (ConflictException ex) {
				// registered by an earlier test of this context
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> catalog.find(new EntityRef("user", "default", "scaffolder-root")).isPresent()
					&& catalog.find(new EntityRef("user", "default", "dana")).isPresent()
					&& catalog.find(new EntityRef("template", "default", "hello-service")).isPresent());
	}

	private static RequestPostProcessor token(String name) {
		return request -> {
			request.addHeader("Authorization", "Bearer " + name + "-secret-0123456789");
			return request;
		};
	}

	private static RequestPostProcessor person(String email) {
		return oidcLogin().idToken(token -> token.subject(email).claim("email", email));
	}

	private static RequestPostProcessor admin() {
		return person("root@scaffolder.example");
	}

	private static RequestPostProcessor nobody() {
		return request -> request;
	}

	/** Creates a task of the hello template as the token's service; returns its id. */
	private String createdBy(String name) {
		return createdBy(name, token(name));
	}

	/** Creates a task of the hello template as the given caller; returns its id. */
	private String createdBy(String name, RequestPostProcessor caller) {
		MvcTestResult created = mvc.post()
			.uri(TASKS)
			.with(caller)
			.with(csrf())
			.contentType("application/json")
			.content(JSON.writeValueAsString(Map.of("templateRef", "template:default/hello-service", "values",
					Map.of("name", name + "-made", "owner", "group:default/team-a"))))
			.exchange();
		assertThat(created).hasStatus(201);
		String id = json(created).get("id").toString();
		await().atMost(Duration.ofSeconds(30)).until(() -> json(mvc.get().uri(TASKS + "/" + id).with(caller).exchange()).get("status"),
				status -> "completed".equals(status) || "failed".equals(status));
		return id;
	}

	private static Map<String, Object> json(MvcTestResult result) {
		return JSON.readValue(result.getResponse().getContentAsByteArray(), new TypeReference<Map<String, Object>>() {
		});
	}

	private MvcTestResult call(String method, String path, RequestPostProcessor who) {
		return switch (method) {
			case "GET" -> mvc.get().uri(path).header("Accept", path.endsWith("/eventstream") ? "text/event-stream, application/json" : "application/json")
				.with(who).exchange();
			default -> mvc.post().uri(path).accept("application/json").contentType("application/json").content("{}").with(who).with(csrf()).exchange();
		};
	}

	/** What a path answers with the task id replaced, so answers about different ids can be compared. */
	private String answer(String method, String path, String id, RequestPostProcessor who) throws Exception {
		MvcTestResult result = call(method, path.replace("ID", id), who);
		return result.getResponse().getStatus() + " " + result.getResponse().getContentAsString().replace(id, "ID");
	}

	@Test
	void someoneElsesTaskIsNotFoundOnEveryTaskEndpointLikeATaskThatDoesNotExist() throws Exception {
		String ada = createdBy("ada");
		String missing = UUID.randomUUID().toString();
		for (String[] endpoint : List.of(new String[] { "GET", TASKS + "/ID" }, new String[] { "GET", TASKS + "/ID/events" },
				new String[] { "GET", TASKS + "/ID/eventstream" }, new String[] { "POST", TASKS + "/ID/cancel" },
				new String[] { "POST", TASKS + "/ID/retry" })) {
			String refused = answer(endpoint[0], endpoint[1], ada, token("bob"));
			assertThat(refused).as(endpoint[1]).startsWith("404 ");
			assertThat(refused).as("no oracle: " + endpoint[1]).isEqualTo(answer(endpoint[0], endpoint[1], missing, token("bob")));
			assertThat(answer(endpoint[0], endpoint[1], ada, person("bob@people.example"))).as(endpoint[1]).startsWith("404 ");
		}
		assertThat(answer("GET", TASKS + "/ID", ada, nobody())).startsWith("404 ");

		// The owner and admins reach the task: they read it, and cancel or retry get as far as the task's state.
		assertThat(call("GET", TASKS + "/" + ada, token("ada"))).hasStatusOk();
		assertThat(call("GET", TASKS + "/" + ada + "/events", token("ada"))).hasStatusOk();
		assertThat(call("POST", TASKS + "/" + ada + "/cancel", token("ada"))).hasStatus(409);
		assertThat(call("GET", TASKS + "/" + ada, admin())).hasStatusOk();
		assertThat(call("GET", TASKS + "/" + ada + "/events", admin())).hasStatusOk();
		assertThat(call("POST", TASKS + "/" + ada + "/retry", admin())).hasStatus(409);
	}

	@SuppressWarnings("unchecked")
	private List<String> listed(String query, RequestPostProcessor who) {
		Map<String, Object> page = json(mvc.get().uri(TASKS + query).with(who).exchange());
		List<String> ids = ((List<Map<String, Object>>) page.get("tasks")).stream().map(t -> t.get("id").toString()).toList();
		assertThat(((Number) page.get("totalTasks")).intValue()).as("totalTasks counts only what the caller may see").isEqualTo(ids.size());
		return ids;
	}

	@Test
	void theTaskListShowsTheCallersOwnTasksAndEveryonesOnlyToAdmins() {
		String ada = createdBy("ada");
		String bob = createdBy("bob");

		assertThat(listed("", token("bob"))).contains(bob).doesNotContain(ada);
		assertThat(listed("?createdBy=ada", token("bob"))).isEmpty();
		assertThat(listed("?createdBy=bob", token("bob"))).contains(bob).doesNotContain(ada);
		assertThat(listed("?createdBy=ada&createdBy=bob", token("bob"))).contains(bob).doesNotContain(ada);
		assertThat(listed("?status=completed&status=failed", token("bob"))).contains(bob).doesNotContain(ada);
		assertThat(listed("?createdBy=ada", token("ada"))).contains(ada).doesNotContain(bob);
		assertThat(listed("", person("carol@people.example"))).doesNotContain(ada, bob);
		assertThat(listed("", nobody())).isEmpty();

		assertThat(listed("", admin())).contains(ada, bob);
		assertThat(listed("?createdBy=ada", admin())).contains(ada).doesNotContain(bob);
	}

	@Test
	void backstagesClientsListAPersonsTasksByTheirUserEntityRef() {
		String dana = createdBy("dana", person("dana@people.example"));
		String bob = createdBy("bob");

		MvcTestResult task = mvc.get().uri(TASKS + "/" + dana).with(person("dana@people.example")).exchange();
		assertThat(json(task).get("createdBy")).as("Backstage's task shape names the creator's user entity")
			.isEqualTo("user:default/dana");
		assertThat(listed("?createdBy=user:default/dana", person("dana@people.example"))).contains(dana).doesNotContain(bob);
		assertThat(listed("?createdBy=user:dana", person("dana@people.example"))).as("kind and namespace as refs allow")
			.contains(dana);
		assertThat(listed("?createdBy=User:default/Dana", admin())).contains(dana).doesNotContain(bob);
		assertThat(listed("?createdBy=user:default/dana", token("bob"))).as("someone else's tasks stay hidden").isEmpty();
	}

	/** A page without its task id and CSRF token, so pages about different ids can be compared. */
	private static String page(MvcTestResult result, String id) throws Exception {
		return result.getResponse().getContentAsString().replace(id, "ID").replaceAll("name=\"_csrf\" (value|content)=\"[^\"]*\"", "");
	}

	@Test
	void taskPagesAndTheAllTabAreForOwnersAndAdmins() throws Exception {
		String ada = createdBy("ada");
		String bob = createdBy("bob");

		MvcTestResult refused = mvc.get().uri("/create/tasks/" + ada).with(token("bob")).exchange();
		assertThat(refused).hasStatus(404);
		String missing = UUID.randomUUID().toString();
		assertThat(page(refused, ada)).as("no oracle")
			.isEqualTo(page(mvc.get().uri("/create/tasks/" + missing).with(token("bob")).exchange(), missing));
		assertThat(mvc.post().uri("/create/tasks/" + ada + "/cancel").with(person("bob@people.example")).with(csrf()).exchange()).hasStatus(404);
		assertThat(mvc.post().uri("/create/tasks/" + ada + "/retry").with(person("bob@people.example")).with(csrf()).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/create/tasks/" + ada).with(token("ada")).exchange()).hasStatusOk();
		assertThat(mvc.get().uri("/create/tasks/" + ada).with(admin()).exchange()).hasStatusOk();

		String bobsAll = mvc.get().uri("/create/tasks?owner=all").with(token("bob")).exchange().getResponse().getContentAsString();
		assertThat(bobsAll).contains(bob).doesNotContain(ada).doesNotContain("owner=all");
		String adminsAll = mvc.get().uri("/create/tasks?owner=all").with(admin()).exchange().getResponse().getContentAsString();
		assertThat(adminsAll).contains(ada, bob, "owner=all");
		String adminsOwn = mvc.get().uri("/create/tasks").with(admin()).exchange().getResponse().getContentAsString();
		assertThat(adminsOwn).doesNotContain(ada, bob);
	}


	@Test
	void everyScaffolderChangeNeedsSomeoneSignedIn() throws Exception {
		String ada = createdBy("ada");
		for (String path : List.of(TASKS, TASKS + "/" + ada + "/cancel", TASKS + "/" + ada + "/retry", "/api/scaffolder/v2/dry-run")) {
			// With a CSRF token, so that only the missing sign-in refuses it (the JSON shape: PermissionTests).
			assertThat(call("POST", path, nobody())).as(path).hasStatus(401);
		}
		for (String page : List.of("/create/templates/default/hello-service", "/create/tasks/" + ada + "/cancel", "/create/tasks/" + ada + "/retry")) {
			MvcTestResult refused = mvc.post().uri(page).with(csrf()).param("_action", "create").exchange();
			assertThat(refused).as(page).hasStatus(302);
			assertThat(refused.getResponse().getRedirectedUrl()).as(page).endsWith("/sign-in");
		}
		MvcTestResult wrongToken = mvc.post().uri(TASKS + "/" + ada + "/retry").with(token("mallory")).exchange();
		assertThat(wrongToken).hasStatus(401);
		assertThat(json(mvc.get().uri(TASKS + "/" + ada).with(token("ada")).exchange()).get("status")).as("nothing changed the task")
			.isIn("completed", "failed");
	}
}
