package dev.atrium.scaffolder.git;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.atrium.support.TestSignIn;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With the default settings nobody anonymous may push (an API token may); anyone who may read may clone. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.poll-interval=1h" })
class GitPushAccessTests {

	private static final Path ROOT = GitHostApplicationTest.tempDirectory("atrium-git-closed-");

	@DynamicPropertySource
	static void gitProperties(DynamicPropertyRegistry registry) {
		registry.add("atrium.scaffolder.git.root", ROOT::toString);
	}

	@Autowired
	GitRepositories repositories;

	@LocalServerPort
	int port;

	@Test
	void asksAnonymousPushersForCredentialsAndStillLetsThemClone() throws Exception {
		Path source = Files.createDirectories(ROOT.resolve(".source"));
		Files.writeString(source.resolve("README.md"), "closed\n");
		try (Repository repo = repositories.create("closed", "main")) {
			DirectoryCommit.write(repo, source, "main", "Start", new PersonIdent("T", "t@example.com"));
		}
		String url = "http://localhost:" + port + "/git/closed.git";
		HttpResponse<String> advertisement = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url + "/info/refs?service=git-receive-pack")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(advertisement.statusCode()).isEqualTo(401);
		assertThat(advertisement.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));

		Path scratch = GitHostApplicationTest.tempDirectory("atrium-git-closed-test-");
		GitCli.ok(scratch, "clone", "-q", url, "clone");
		Path clone = scratch.resolve("clone");
		Files.writeString(clone.resolve("README.md"), "changed\n");
		GitCli.ok(clone, "commit", "-q", "-am", "Change");
		GitCli.Run push = GitCli.git(clone, "push", "origin", "main");
		assertThat(push.ok()).isFalse();
		assertThat(push.output()).as("git asks for credentials").contains("could not read Username");
		GitCli.Run guessed = GitCli.git(clone, "push", url.replace("http://", "http://someone:guess@"), "main");
		assertThat(guessed.ok()).isFalse();
		assertThat(guessed.output()).contains("Authentication failed");
		assertThat(new String(repositories.readFile("closed", "main", "README.md").orElseThrow())).isEqualTo("closed\n");

		GitCli.ok(clone, "push", "-q", url.replace("http://", "http://robot:" + TestSignIn.TOKEN + "@"), "main");
		assertThat(new String(repositories.readFile("closed", "main", "README.md").orElseThrow()))
			.as("pushed with an API token as the password").isEqualTo("changed\n");
	}

}
