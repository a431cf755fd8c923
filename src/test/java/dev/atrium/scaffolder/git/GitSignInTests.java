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

/**
 * With anonymous reading off, git itself is asked to sign in: a Basic challenge, answered with any user
 * name and an API token as the password, for cloning and for pushing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.poll-interval=1h", "atrium.auth.anonymous-read=false" })
class GitSignInTests {

	private static final Path ROOT = GitHostApplicationTest.tempDirectory("atrium-git-private-");

	@DynamicPropertySource
	static void gitProperties(DynamicPropertyRegistry registry) {
		registry.add("atrium.scaffolder.git.root", ROOT::toString);
	}

	@Autowired
	GitRepositories repositories;

	@LocalServerPort
	int port;

	@Test
	void gitSignsInWithAnApiTokenToCloneAndPush() throws Exception {
		Path source = Files.createDirectories(ROOT.resolve(".source"));
		Files.writeString(source.resolve("README.md"), "private\n");
		try (Repository repo = repositories.create("private", "main")) {
			DirectoryCommit.write(repo, source, "main", "Start", new PersonIdent("T", "t@example.com"));
		}
		String url = "http://localhost:" + port + "/git/private.git";
		HttpResponse<String> refs = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url + "/info/refs?service=git-upload-pack")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(refs.statusCode()).isEqualTo(401);
		assertThat(refs.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));

		Path scratch = GitHostApplicationTest.tempDirectory("atrium-git-private-test-");
		GitCli.Run anonymous = GitCli.git(scratch, "clone", url, "anonymous");
		assertThat(anonymous.ok()).isFalse();
		assertThat(anonymous.output()).contains("could not read Username");
		GitCli.Run wrong = GitCli.git(scratch, "clone", url.replace("http://", "http://me:not-a-token@"), "wrong");
		assertThat(wrong.ok()).isFalse();
		assertThat(wrong.output()).contains("Authentication failed").doesNotContain("not-a-token");

		String withToken = url.replace("http://", "http://me:" + TestSignIn.TOKEN + "@");
		GitCli.ok(scratch, "clone", "-q", withToken, "clone");
		Path clone = scratch.resolve("clone");
		assertThat(clone.resolve("README.md")).hasContent("private");
		Files.writeString(clone.resolve("README.md"), "changed\n");
		GitCli.ok(clone, "commit", "-q", "-am", "Change");
		GitCli.ok(clone, "push", "-q", "origin", "main");
		assertThat(new String(repositories.readFile("private", "main", "README.md").orElseThrow())).isEqualTo("changed\n");
	}

}
