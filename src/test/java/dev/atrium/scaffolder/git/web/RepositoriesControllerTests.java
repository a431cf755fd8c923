package dev.atrium.scaffolder.git.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.atrium.scaffolder.git.DirectoryCommit;
import dev.atrium.scaffolder.git.GitHostApplicationTest;
import dev.atrium.support.Browser;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** The repositories pages over HTTP and in a browser. */
class RepositoriesControllerTests extends GitHostApplicationTest {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Test
	void listsRepositoriesWithCloneCommands() throws Exception {
		String name = publish("-listed", "<script>alert(1)</script> keeps payments");
		var page = get("/create/repositories");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("git clone http://localhost:" + port + "/git/" + name + ".git")
			.contains("href=\"/create/repositories/" + name + "\"");
	}

	@Test
	void showsARepositoryWithItsFilesReadmeAndEscapedDescription() throws Exception {
		String name = publish("-shown", "<script>alert(1)</script> keeps payments");
		var page = get("/create/repositories/" + name);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; keeps payments")
			.doesNotContain("<script>alert(1)")
			.contains("href=\"/git/" + name + ".git/raw/main/src/App.java\"")
			.contains("# The service &amp; its README");
	}

	@Test
	void answersNotFoundForUnknownAndInvalidNames() {
		assertThat(get("/create/repositories/" + token + "-none").statusCode()).isEqualTo(404);
		assertThat(get("/create/repositories/.hidden").statusCode()).isEqualTo(404);
		assertThat(get("/create/repositories/" + token + "-none").body()).contains("no repository");
	}

	@Test
	void sendsABrowserOpeningACloneUrlToTheRepositoryPage() throws Exception {
		String name = publish("-cloneurl", "");
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/git/" + name + ".git"))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/create/repositories/" + name));
	}

	@Test
	void aUserFindsARepositoryAndItsCloneCommandInTheBrowser() throws Exception {
		String name = publish("-browsed", "Keeps the books");
		browser.baseUrl(url(""));
		browser.open("/");
		browser.visible(By.xpath("//nav[contains(@class,'sidebar')]//a[normalize-space(.)='Repositories']")).click();
		browser.visible(By.linkText(name)).click();
		assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo(name);
		assertThat(browser.visible(By.id("clone-command")).getText())
			.isEqualTo("git clone http://localhost:" + port + "/git/" + name + ".git");
		browser.visible(By.linkText("README.md")).click();
		Boolean shown = browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("# The service & its README"));
		assertThat(shown).isTrue();
	}

	private String publish(String suffix, String description) throws Exception {
		String name = token + suffix;
		Path dir = Files.createDirectories(scratch.resolve(name));
		Files.writeString(dir.resolve("README.md"), "# The service & its README\n");
		Files.createDirectories(dir.resolve("src"));
		Files.writeString(dir.resolve("src/App.java"), "class App {}\n");
		try (Repository repo = repositories.create(name, "main")) {
			Files.writeString(repo.getDirectory().toPath().resolve("description"), description);
			DirectoryCommit.write(repo, dir, "main", "Start", new PersonIdent("T", "t@example.com"));
		}
		return name;
	}

}
