package dev.atrium.scaffolder.web;

import java.time.Duration;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.platform.ConflictException;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The create pages as the server renders them: cards, the form from the JSON Schema, validation, review, dry run, tasks. */
@SpringBootTest(properties = "atrium.catalog.demo=false")
@AutoConfigureMockMvc
class CreatePagesTests {

	private static final String FORM = "/create/templates/default/hello-service";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Ingestion ingestion;

	@BeforeEach
	void templateAndGroupsAreInTheCatalog() {
		for (String file : new String[] { "scaffolder/test-templates/hello/template.yaml", "scaffolder/test-templates/org.yaml" }) {
			try {
				ingestion.registerInternal("classpath", file, "test");
			}
			catch (ConflictException ex) {
				// registered by an earlier test
			}
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mvc.get().uri(FORM)).hasStatusOk());
	}

	private MvcTestResult post(String... params) {
		var request = mvc.post().uri(FORM).with(TestSignIn.token());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

	@Test
	void listsTemplatesAsCardsFilteredByTagAndSearch() {
		assertThat(mvc.get().uri("/create")).hasStatusOk().bodyText()
			.contains("<title>Create · Atrium</title>", "Hello service", "A test template", "group:default/platform", ">java<", "Choose");
		assertThat(mvc.get().uri("/create?tag=python")).bodyText().doesNotContain("Hello service").contains("No templates match");
		assertThat(mvc.get().uri("/create?q=greets")).bodyText().contains("Hello service");
		assertThat(mvc.get().uri("/create?q=nothing-like-it")).bodyText().doesNotContain("Hello service");
	}

	@Test
	void rendersTheFirstPageFromTheSchema() {
		assertThat(mvc.get().uri(FORM)).hasStatusOk().bodyText()
			.contains("About the service", "Options", "Review")
			.containsPattern("<input[^>]*type=\"text\"[^>]*name=\"v.name\"[^>]*placeholder=\"my-service\"")
			.contains("Lower-case letters, digits and dashes", "maxlength=\"40\"", "minlength=\"3\"")
			.containsPattern("<textarea[^>]*name=\"v.description\"")
			.containsPattern("<select[^>]*name=\"v.owner\"")
			.contains("<option value=\"group:default/team-a\">Team A (group:default/team-a)</option>");
	}

	@Test
	void marksRequiredAndAutofocusedFields() throws Exception {
		String page = mvc.get().uri(FORM).exchange().getResponse().getContentAsString();
		java.util.regex.Matcher input = java.util.regex.Pattern.compile("<input[^>]*id=\"field-name\"[^>]*>").matcher(page);

		assertThat(input.find()).isTrue();
		assertThat(input.group()).contains("required=\"required\"", "autofocus=\"autofocus\"");
	}

	@Test
	void keepsWhatWasTypedAndShowsTheMessageBesideTheField() {
		assertThat(post("_page", "0", "v.name", "Bad Name", "v.description", "typed text")).hasStatus(400).bodyText()
			.contains("Must match the pattern", "value=\"Bad Name\"", "typed text", "Owner is required")
			.containsPattern("id=\"field-name-error\"");
	}

	@Test
	void walksThePagesToAReviewThatMasksSecrets() {
		assertThat(post("_page", "0", "v.name", "good-name", "v.owner", "group:default/team-a")).hasStatusOk().bodyText()
			.containsPattern("type=\"radio\"[^>]*name=\"v.language\"[^>]*value=\"java\"[^>]*checked")
			.contains("Kotlin", "type=\"checkbox\"", "name=\"v.features\"", "value=\"8080\"", "type=\"password\"")
			.contains("name=\"v.name\" value=\"good-name\"");
		assertThat(post("_page", "1", "v.name", "good-name", "v.owner", "group:default/team-a", "v.port", "99"))
			.hasStatus(400).bodyText().contains("Must be at least 1024");
		assertThat(post("_page", "1", "v.name", "good-name", "v.owner", "group:default/team-a", "v.language", "kotlin",
				"v.features", "web", "v.port", "9090", "v.token", "hunter2-secret")).hasStatusOk().bodyText()
			.contains("Review", "good-name", "kotlin", "web", "9090", "••••••").doesNotContain(">hunter2-secret<");
	}

	@Test
	void previewsADryRunWithFilesAndContents() {
		assertThat(post("_page", "2", "_action", "dry-run", "v.name", "dry-one", "v.owner", "group:default/team-a", "v.port", "8080"))
			.hasStatusOk().bodyText()
			.contains("Dry run: what would be created", "dry-one/README.md", "# dry-one", "GREETING.txt", "dry-one/catalog-info.yaml");
	}

	@Test
	void createsATaskAndShowsItsPageAndHistory() {
		MvcTestResult created = post("_page", "2", "_action", "create", "v.name", "made-here", "v.owner", "group:default/team-a",
				"v.port", "8080");
		assertThat(created).hasStatus3xxRedirection();
		String location = created.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/create/tasks/");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mvc.get().uri(location).with(TestSignIn.token())).bodyText()
			.contains("completed", "Fetch skeleton", "Greet", "Describe the service", "https://hello.example.com/made-here"));
		assertThat(mvc.get().uri("/create/tasks").with(TestSignIn.token())).bodyText().contains(location, "Hello service");
		assertThat(mvc.get().uri("/create/tasks/not-a-task")).hasStatus(404);
		assertThat(mvc.get().uri("/create/templates/default/nope")).hasStatus(404);
	}

	@Test
	void listsTheInstalledActions() {
		assertThat(mvc.get().uri("/create/actions")).hasStatusOk().bodyText().contains("fetch:template", "hello:greet", "catalog:register");
	}

}
