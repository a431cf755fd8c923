package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} command line, run as a user would run it: no global configuration, no prompts
 * (a push that needs credentials fails instead of waiting), a fixed identity for commits.
 */
public final class GitCli {

	/** What a git command printed and how it ended. */
	public record Run(int exit, String output) {

		public boolean ok() {
			return exit == 0;
		}

	}

	private static final Path HOME = createHome();

	private GitCli() {
	}

	/** Runs {@code git <args>} in a directory. */
	public static Run git(Path dir, String... args) {
		List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test User", "-c",
				"user.email=test@example.com", "-c", "init.defaultBranch=main", "-c", "credential.helper="));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		builder.environment().put("HOME", HOME.toString());
		builder.environment().put("GIT_TERMINAL_PROMPT", "0");
		builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
		builder.environment().remove("GIT_ASKPASS");
		builder.environment().remove("SSH_ASKPASS");
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return new Run(-1, output + "\n(timed out)");
			}
			return new Run(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a git command that must succeed, and returns its output. */
	public static String ok(Path dir, String... args) {
		Run run = git(dir, args);
		if (!run.ok()) {
			throw new AssertionError("git " + String.join(" ", args) + " failed (" + run.exit() + "):\n" + run.output());
		}
		return run.output();
	}

	private static Path createHome() {
		try {
			return Files.createTempDirectory("atrium-git-home-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
