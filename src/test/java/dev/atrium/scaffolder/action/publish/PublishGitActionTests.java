package dev.atrium.scaffolder.action.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.git.GitCli;
import dev.atrium.scaffolder.git.GitHostApplicationTest;
import dev.atrium.scaffolder.git.TestActionContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** publish:git against Atrium's git host and against a real git server on loopback (git http-backend). */
class PublishGitActionTests extends GitHostApplicationTest {

	private static final Identity ALICE = new Identity("alice@example.com", "Alice Example",
			EntityRef.parse("user:default/alice"), Set.of(), Identity.Type.USER, false);

	@Autowired
	List<ScaffolderAction> actions;

	ScaffolderAction publish;

	Path workspace;

	@BeforeEach
	void workspace() throws Exception {
		publish = actions.stream().filter(a -> a.id().equals("publish:git")).findFirst().orElseThrow();
		workspace = Files.createDirectories(scratch.resolve("workspace"));
		Files.writeString(workspace.resolve("README.md"), "# Service\n");
		Files.createDirectories(workspace.resolve("src/main/java/com/example"));
		Files.writeString(workspace.resolve("src/main/java/com/example/App.java"), "class App {}\n");
		Path mvnw = Files.writeString(workspace.resolve("mvnw"), "#!/bin/sh\necho wrapper\n");
		Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createDirectories(workspace.resolve(".git"));
		Files.writeString(workspace.resolve(".git/config"), "[core]\n");
	}

	@Test
	void publishesTheWorkspaceToANewRepositoryOnTheHost() throws Exception {
		String name = token + "-svc";
		TestActionContext context = run(Map.of("repoUrl", name, "description", "Takes payments",
				"gitCommitMessage", "Created by the template"), false, ALICE);

		assertThat(context.outputs).containsEntry("cloneUrl", "http://localhost:" + port + "/git/" + name + ".git")
			.containsEntry("repoContentsUrl", "http://localhost:" + port + "/git/" + name + ".git/raw/main")
			.containsEntry("remoteUrl", "http://localhost:" + port + "/create/repositories/" + name)
			.containsKey("commitHash");
		Path clone = scratch.resolve("clone");
		GitCli.ok(scratch, "clone", "-q", (String) context.outputs.get("cloneUrl"), clone.toString());
		assertThat(clone.resolve("src/main/java/com/example/App.java")).hasContent("class App {}");
		assertThat(Files.isExecutable(clone.resolve("mvnw"))).as("mvnw keeps its executable bit").isTrue();
		assertThat(GitCli.ok(clone, "log", "--format=%an <%ae>|%s|%H")).isEqualTo(
				"Alice Example <alice@example.com>|Created by the template|" + context.outputs.get("commitHash") + "\n");
		assertThat(GitCli.ok(clone, "ls-files")).doesNotContain(".git/");
		assertThat(get("/git/" + name + ".git/raw/main/README.md").body()).isEqualTo("# Service\n");
		assertThat(GIT_ROOT.resolve(name + ".git/description")).hasContent("Takes payments");
	}

	@Test
	void refusesARepositoryThatExistsAndKeepsIt() throws Exception {
		String name = token + "-taken";
		run(Map.of("repoUrl", name), false, ALICE);
		Files.writeString(workspace.resolve("README.md"), "# Other\n");
		assertThatThrownBy(() -> run(Map.of("repoUrl", name), false, ALICE)).hasMessageContaining("already exists");
		assertThatThrownBy(() -> run(Map.of("repoUrl", name), true, ALICE)).hasMessageContaining("already exists");
		assertThat(get("/git/" + name + ".git/raw/main/README.md").body()).isEqualTo("# Service\n");
	}

	@Test
	void dryRunReportsAndPublishesNothing() throws Exception {
		String name = token + "-dry";
		TestActionContext context = run(Map.of("repoUrl", name), true, ALICE);
		assertThat(publish.supportsDryRun()).isTrue();
		assertThat(repositories.exists(name)).isFalse();
		assertThat(context.log).singleElement().asString().contains("Dry run").contains(name + ".git");
		assertThat(context.outputs).containsKey("cloneUrl").doesNotContainKey("commitHash");
	}

	@Test
	void publishesOnlyTheSourcePath() throws Exception {
		String name = token + "-part";
		run(Map.of("repoUrl", name, "sourcePath", "src", "defaultBranch", "trunk"), false, Identity.ANONYMOUS);
		assertThat(repositories.readFile(name, "trunk", "main/java/com/example/App.java")).isPresent();
		assertThat(repositories.readFile(name, "trunk", "README.md")).isEmpty();
		assertThat(repositories.describe(name).orElseThrow().defaultBranch()).isEqualTo("trunk");
	}

	@Test
	void refusesSourcePathsAndLinksLeavingTheWorkspace() throws Exception {
		assertThatThrownBy(() -> run(Map.of("repoUrl", token + "-a", "sourcePath", "../"), false, ALICE))
			.isInstanceOf(InputException.class);
		assertThatThrownBy(() -> run(Map.of("repoUrl", token + "-b", "sourcePath", "/etc"), false, ALICE))
			.isInstanceOf(InputException.class);
		Files.createSymbolicLink(workspace.resolve("passwd"), Path.of("/etc/passwd"));
		assertThatThrownBy(() -> run(Map.of("repoUrl", token + "-c"), false, ALICE)).isInstanceOf(InputException.class)
			.hasMessageContaining("passwd");
		assertThat(repositories.exists(token + "-c")).as("a failed publish leaves no repository behind").isFalse();
	}

	@Test
	void refusesBadNamesAndBranches() {
		assertThatThrownBy(() -> run(Map.of("repoUrl", "../escape"), false, ALICE)).isInstanceOf(InputException.class);
		assertThatThrownBy(() -> run(Map.of("repoUrl", ".hidden"), false, ALICE)).isInstanceOf(InputException.class);
		assertThatThrownBy(() -> run(Map.of("repoUrl", token, "defaultBranch", "a..b"), false, ALICE))
			.hasMessageContaining("not a valid branch name");
	}

	@Test
	void pushesToAConfiguredRemoteWithItsCredentials() throws Exception {
		GitCli.ok(REMOTE.root(), "init", "-q", "--bare", "team/" + token + ".git");
		TestActionContext context = run(Map.of("repoUrl", REMOTE.authority() + "?owner=team&repo=" + token), false, ALICE);

		String url = "http://" + REMOTE.authority() + "/team/" + token + ".git";
		assertThat(context.outputs).containsEntry("cloneUrl", url)
			.containsEntry("remoteUrl", "http://" + REMOTE.authority() + "/team/" + token)
			.containsEntry("repoContentsUrl", "http://" + REMOTE.authority() + "/team/" + token + "/blob/main");
		Path clone = scratch.resolve("remote-clone");
		GitCli.ok(scratch, "clone", "-q", url.replace("http://", "http://robot:" + remoteToken() + "@"), clone.toString());
		assertThat(clone.resolve("README.md")).hasContent("# Service");
		assertThat(GitCli.ok(clone, "rev-parse", "HEAD").strip()).isEqualTo(context.outputs.get("commitHash"));
		assertThat(String.join("\n", context.log)).doesNotContain(remoteToken());
	}

	@Test
	void refusesARemoteThatIsNotEmpty() throws Exception {
		GitCli.ok(REMOTE.root(), "init", "-q", "--bare", token + ".git");
		String url = "http://" + REMOTE.authority() + "/" + token + ".git";
		run(Map.of("repoUrl", url), false, ALICE);
		Files.writeString(workspace.resolve("README.md"), "# Replaced\n");
		assertThatThrownBy(() -> run(Map.of("repoUrl", url), false, ALICE)).isInstanceOf(InputException.class)
			.hasMessageContaining("does not overwrite");
		assertThat(GitCli.ok(REMOTE.root().resolve(token + ".git"), "show", "main:README.md")).isEqualTo("# Service\n");
	}

	@Test
	void neverShowsCredentialsWhenTheRemoteRefusesThem() throws Exception {
		GitCli.ok(REMOTE.root(), "init", "-q", "--bare", token + ".git");
		String url = "http://" + REMOTE.authority() + "/" + token + ".git";
		String wrong = "wrong-secret-8c1e";
		assertThatThrownBy(() -> run(Map.of("repoUrl", url, "token", wrong), false, ALICE))
			.isInstanceOf(InputException.class)
			.hasMessageContaining("Could not reach " + url)
			.hasMessageNotContaining(wrong)
			.hasMessageNotContaining(remoteToken());
	}

	@Test
	void refusesUnconfiguredHostsOtherTransportsAndCredentialsInUrls() {
		assertThatThrownBy(() -> run(Map.of("repoUrl", "https://evil.example.org/x/y.git"), false, ALICE))
			.hasMessageContaining("No git remote is configured for evil.example.org");
		assertThatThrownBy(() -> run(Map.of("repoUrl", "github.com?owner=x&repo=y"), false, ALICE))
			.hasMessageContaining("No git remote is configured for github.com");
		assertThatThrownBy(() -> run(Map.of("repoUrl", "http://robot:pw@" + REMOTE.authority() + "/x.git"), false, ALICE))
			.hasMessageContaining("must not hold credentials");
		assertThatThrownBy(() -> run(Map.of("repoUrl", "file:///tmp/x.git"), false, ALICE))
			.hasMessageContaining("http(s)");
		assertThatThrownBy(() -> run(Map.of("repoUrl", "git@github.com:x/y.git"), false, ALICE))
			.hasMessageContaining("http(s)");
	}

	@Test
	void takesBackstageRepoUrlsForTheHostItself() throws Exception {
		String name = token + "-picker";
		run(Map.of("repoUrl", "atrium?owner=platform&repo=" + name), false, ALICE);
		run(Map.of("repoUrl", "localhost:" + port + "?repo=" + name + "-2"), false, ALICE);
		assertThat(repositories.exists(name)).isTrue();
		assertThat(repositories.exists(name + "-2")).isTrue();
	}

	@Test
	void runsItsExamples() throws Exception {
		for (ScaffolderAction.Example example : publish.examples()) {
			List<Map<String, Object>> steps = new Yaml().load(example.yaml());
			@SuppressWarnings("unchecked")
			Map<String, Object> input = new HashMap<>((Map<String, Object>) steps.get(0).get("input"));
			assertThat(steps.get(0)).containsEntry("action", "publish:git");
			input.computeIfPresent("repoUrl", (k, v) -> v.toString().contains("?") ? v : token + "-" + v);
			boolean remote = input.get("repoUrl").toString().contains("?");
			TestActionContext context = run(input, remote, ALICE);
			assertThat(context.outputs).as(example.description()).containsKeys("cloneUrl", "remoteUrl", "repoContentsUrl");
		}
	}

	private TestActionContext run(Map<String, Object> input, boolean dryRun, Identity user) throws Exception {
		TestActionContext context = new TestActionContext(workspace, input, dryRun, user, Map.of());
		publish.execute(context);
		return context;
	}

}
