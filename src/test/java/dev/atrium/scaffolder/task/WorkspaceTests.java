package dev.atrium.scaffolder.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.atrium.platform.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paths actions write through: the payloads that broke Backstage's resolveSafeChildPath. */
class WorkspaceTests {

	@TempDir
	Path temp;

	private Path workspace() throws IOException {
		return Files.createDirectories(temp.resolve("ws"));
	}

	@Test
	void resolvesPathsInside() throws IOException {
		Path ws = workspace();
		assertThat(Workspace.resolve(ws, "a/b/../c.txt")).isEqualTo(ws.toRealPath().resolve("a/c.txt"));
		assertThat(Workspace.resolve(ws, "./x")).isEqualTo(ws.toRealPath().resolve("x"));
		assertThat(Workspace.resolve(ws, "")).isEqualTo(ws.toRealPath());
	}

	@Test
	void refusesParentsAndAbsolutePaths() throws IOException {
		Path ws = workspace();
		assertThatThrownBy(() -> Workspace.resolve(ws, "../outside.txt")).isInstanceOf(InputException.class)
			.hasMessageContaining("leaves the workspace");
		assertThatThrownBy(() -> Workspace.resolve(ws, "a/../../outside")).hasMessageContaining("leaves the workspace");
		assertThatThrownBy(() -> Workspace.resolve(ws, "..\\..\\windows")).hasMessageContaining("leaves the workspace");
		assertThatThrownBy(() -> Workspace.resolve(ws, "/etc/passwd")).hasMessageContaining("absolute");
		assertThatThrownBy(() -> Workspace.resolve(ws, "C:/Windows")).hasMessageContaining("absolute");
		assertThatThrownBy(() -> Workspace.resolve(ws, "~/.ssh/id_rsa")).hasMessageContaining("absolute");
		assertThatThrownBy(() -> Workspace.resolve(ws, "a\0b")).hasMessageContaining("NUL");
	}

	@Test
	void refusesSymbolicLinksThatLeave() throws IOException {
		Path ws = workspace();
		Path outside = Files.createDirectories(temp.resolve("outside"));
		Files.createSymbolicLink(ws.resolve("out"), outside);
		Files.createSymbolicLink(ws.resolve("passwd"), Path.of("/etc/passwd"));
		Files.createSymbolicLink(ws.resolve("up"), Path.of("../outside"));

		assertThatThrownBy(() -> Workspace.resolve(ws, "out/file.txt")).hasMessageContaining("symbolic link 'out'");
		assertThatThrownBy(() -> Workspace.resolve(ws, "passwd")).hasMessageContaining("leaves the workspace");
		assertThatThrownBy(() -> Workspace.resolve(ws, "up/x")).hasMessageContaining("leaves the workspace");
	}

	@Test
	void followsChainsOfLinksToTheirEnd() throws IOException {
		Path ws = workspace();
		Files.createSymbolicLink(ws.resolve("link2"), temp.resolve("outside"));
		Files.createSymbolicLink(ws.resolve("link1"), Path.of("link2"));
		Files.createDirectories(ws.resolve("real"));
		Files.createSymbolicLink(ws.resolve("inner2"), Path.of("real"));
		Files.createSymbolicLink(ws.resolve("inner1"), Path.of("inner2"));

		assertThatThrownBy(() -> Workspace.resolve(ws, "link1/secret")).hasMessageContaining("leaves the workspace");
		assertThat(Workspace.resolve(ws, "inner1/file")).isEqualTo(ws.toRealPath().resolve("real/file"));
	}

	@Test
	void judgesDanglingLinksByWhereTheyPoint() throws IOException {
		Path ws = workspace();
		Files.createSymbolicLink(ws.resolve("later"), temp.resolve("created-later"));
		Files.createSymbolicLink(ws.resolve("inside-later"), Path.of("not-yet"));

		assertThatThrownBy(() -> Workspace.resolve(ws, "later")).hasMessageContaining("leaves the workspace");
		assertThat(Workspace.resolve(ws, "inside-later")).isEqualTo(ws.toRealPath().resolve("not-yet"));
	}

	@Test
	void stopsLinkLoops() throws IOException {
		Path ws = workspace();
		Files.createSymbolicLink(ws.resolve("a"), Path.of("b"));
		Files.createSymbolicLink(ws.resolve("b"), Path.of("a"));

		assertThatThrownBy(() -> Workspace.resolve(ws, "a/x")).hasMessageContaining("more than 40 symbolic links");
	}

}
