package dev.atrium.scaffolder.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Templates;

/**
 * Renders the built-in template with the scaffolder's own dry run (the real fetch:template, engine and
 * step order; publish:git and catalog:register report and publish nothing) and writes the files it
 * produced to a directory, executable bits included.
 */
final class GeneratedProject {

	static final String TEMPLATE = "template:default/spring-boot-service";

	static final Identity ALICE = new Identity("alice@example.com", "Alice Example", EntityRef.parse("user:default/alice"),
			Set.of(), Identity.Type.USER, false);

	private GeneratedProject() {
	}

	/** The dry run's outcome, its files written under {@code target}. */
	static Tasks.DryRun render(Tasks tasks, Templates templates, Map<String, Object> values, Path target) {
		Tasks.DryRun run = tasks.dryRun(templates.require(TEMPLATE), values, Map.of(), ALICE, null);
		if (!"completed".equals(run.status())) {
			throw new AssertionError("The dry run ended " + run.status() + ": " + run.error() + "\n" + run.log());
		}
		try {
			for (Tasks.File file : run.files()) {
				Path out = target.resolve(file.path());
				Files.createDirectories(out.getParent());
				Files.write(out, file.content());
				if (file.executable()) {
					out.toFile().setExecutable(true);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return run;
	}

}
