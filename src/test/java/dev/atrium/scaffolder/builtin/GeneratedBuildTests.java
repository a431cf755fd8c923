package dev.atrium.scaffolder.builtin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.atrium.scaffolder.git.GitHostApplicationTest;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Templates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the built-in template generates builds and passes its own tests: the project is rendered with
 * real values by the scaffolder's dry run (its own engine and fetch:template) and its {@code ./mvnw -B -ntp verify} runs as a subprocess, as its CI would run it. Slow
 * (a Maven build each), so tagged: skip it locally with {@code -DexcludedGroups=generated-build}; CI runs it.
 */
@Tag("generated-build")
class GeneratedBuildTests extends GitHostApplicationTest {

	@Autowired
	Tasks tasks;

	@Autowired
	Templates templates;

	@TempDir
	Path out;

	@Test
	void aWebServiceWithActuatorBuildsAndPassesItsTests() throws Exception {
		GeneratedProject.render(tasks, templates, Map.of("name", "hello-service", "owner", "group:default/platform-team", "features",
				List.of("web", "actuator")), out);
		String log = verify();
		assertThat(log).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
			.containsPattern("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed.*HelloServiceApplicationTests")
			.contains("BUILD SUCCESS");
		assertThat(out.resolve("target/hello-service-0.1.0-SNAPSHOT.jar")).exists();
	}

	@Test
	void aServiceWithEveryFeatureBuildsAndPassesItsTestsWithoutADatabase() throws Exception {
		GeneratedProject.render(tasks, templates, Map.of("name", "ledger", "description", "Keeps the books", "owner",
				"group:default/payments-team", "javaPackage", "com.brightwave.ledger", "features",
				List.of("web", "postgresql", "actuator")), out);
		String log = verify();
		assertThat(log).containsPattern("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed.*HelloControllerTests")
			.contains("BUILD SUCCESS");
	}

	private String verify() throws IOException, InterruptedException {
		Path logFile = out.resolve("build.log");
		ProcessBuilder build = new ProcessBuilder("./mvnw", "-B", "-ntp", "verify").directory(out.toFile())
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile());
		build.environment().remove("MAVEN_ARGS");
		build.environment().remove("MAVEN_CONFIG");
		Process process = build.start();
		boolean finished = process.waitFor(10, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String log = Files.readString(logFile, StandardCharsets.UTF_8);
		assertThat(finished).as("the build ends within 10 minutes").isTrue();
		assertThat(process.exitValue()).as("./mvnw verify of the generated project:\n%s", log).isZero();
		return log;
	}

}
