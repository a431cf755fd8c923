package dev.atrium.scaffolder.git;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.atrium.platform.ConflictException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The git host over HTTP with the real git command line and with JGit: clone, push, raw files, names. */
class GitHostTests extends GitHostApplicationTest {

	@Test
	void pushedCommitsCloneWithGitAndJGit() throws Exception {
		String name = token + "-service";
		repositories.create(name, "main").close();
		Path work = Files.createDirectories(scratch.resolve("work"));
		GitCli.ok(work, "init", "-q");
		Files.writeString(work.resolve("README.md"), "# Hello from " + name + "\n");
		GitCli.ok(work, "add", ".");
		GitCli.ok(work, "commit", "-q", "-m", "First commit");
		GitCli.ok(work, "push", "-q", url("/git/" + name + ".git"), "main");

		Path cloned = scratch.resolve("cloned");
		GitCli.ok(scratch, "clone", "-q", url("/git/" + name + ".git"), cloned.toString());
		assertThat(cloned.resolve("README.md")).hasContent("# Hello from " + name);
		assertThat(GitCli.ok(cloned, "log", "--format=%s")).contains("First commit");

		Path jgitClone = scratch.resolve("jgit");
		try (Git git = Git.cloneRepository().setURI(url("/git/" + name + ".git")).setDirectory(jgitClone.toFile()).call()) {
			assertThat(git.getRepository().getBranch()).isEqualTo("main");
		}
		assertThat(jgitClone.resolve("README.md")).hasContent("# Hello from " + name);
	}

	@Test
	void servesRawFilesAtABranch() throws Exception {
		String name = token + "-raw";
		publish(name, "catalog-info.yaml", "kind: Component\n");
		var answer = get("/git/" + name + ".git/raw/main/catalog-info.yaml");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("kind: Component\n");
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(get("/git/" + name + ".git/raw/main/missing.yaml").statusCode()).isEqualTo(404);
		assertThat(get("/git/" + name + ".git/raw/nobranch/catalog-info.yaml").statusCode()).isEqualTo(404);
		assertThat(get("/git/" + name + ".git/raw/main/../../etc/passwd").statusCode()).isIn(400, 404);
		assertThat(get("/git/" + name + ".git/raw/main/%2e%2e/x").statusCode()).as("refused by the firewall or not found").isIn(400, 404);
	}

	@Test
	void refusesRewritingPushedHistory() throws Exception {
		String name = token + "-history";
		publish(name, "a.txt", "one\n");
		Path work = Files.createDirectories(scratch.resolve("other"));
		GitCli.ok(work, "init", "-q");
		Files.writeString(work.resolve("b.txt"), "unrelated\n");
		GitCli.ok(work, "add", ".");
		GitCli.ok(work, "commit", "-q", "-m", "Unrelated");
		GitCli.Run forced = GitCli.git(work, "push", "--force", url("/git/" + name + ".git"), "main");
		assertThat(forced.ok()).as(forced.output()).isFalse();
		assertThat(repositories.readFile(name, "main", "a.txt")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("one\n"));
	}

	@Test
	void answersNotFoundForUnknownAndHiddenRepositories() throws Exception {
		Files.createDirectories(GIT_ROOT.resolve(".hidden.git"));
		Git.init().setBare(true).setDirectory(GIT_ROOT.resolve(".hidden.git").toFile()).call().close();
		assertThat(get("/git/" + token + "-nothing.git/info/refs?service=git-upload-pack").statusCode()).isEqualTo(404);
		assertThat(get("/git/.hidden.git/info/refs?service=git-upload-pack").statusCode()).isEqualTo(404);
		assertThat(get("/git/%2e%2e/" + GIT_ROOT.getFileName() + "/x.git/info/refs?service=git-upload-pack").statusCode())
			.isIn(400, 404);
		GitCli.Run clone = GitCli.git(scratch, "clone", url("/git/" + token + "-nothing.git"));
		assertThat(clone.ok()).isFalse();
		assertThat(clone.output()).contains("not found");
	}

	@Test
	void createsARepositoryOnlyOnce() throws Exception {
		String name = token + "-once";
		repositories.create(name, "main").close();
		assertThatThrownBy(() -> repositories.create(name, "main")).isInstanceOf(ConflictException.class)
			.hasMessageContaining("already exists");
		assertThat(repositories.list()).extracting(HostedRepository::name).contains(name);
	}

	@Test
	void listsRepositoriesWithTheirCloneUrlAndLastCommit() throws Exception {
		String name = token + "-listed";
		publish(name, "README.md", "hi\n");
		HostedRepository listed = repositories.describe(name).orElseThrow();
		assertThat(listed.cloneUrl()).isEqualTo("http://localhost:" + port + "/git/" + name + ".git");
		assertThat(listed.defaultBranch()).isEqualTo("main");
		assertThat(listed.lastMessage()).isEqualTo("Publish");
		assertThat(listed.lastCommit()).hasSize(40);
	}

	private void publish(String name, String file, String content) throws Exception {
		Path dir = Files.createDirectories(scratch.resolve("publish-" + name));
		Files.writeString(dir.resolve(file), content);
		try (Repository repo = repositories.create(name, "main")) {
			DirectoryCommit.write(repo, dir, "main", "Publish", new org.eclipse.jgit.lib.PersonIdent("T", "t@example.com"));
		}
	}

}
