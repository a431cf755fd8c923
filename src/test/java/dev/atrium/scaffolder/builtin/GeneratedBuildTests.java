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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the built-in template generates builds and passes its own tests: the project is rendered with
 * real values by the scaffolder's dry run (its own engine and fetch:template), and its
 * {@code ./mvnw -B -ntp verify} runs as a subprocess, as its CI would run it. Every feature is picked, and
 * the generated application test gets a PostgreSQL database of its own (DATABASE_URL), so Flyway's
 * migration, the health check and the endpoint are all exercised. Slow (a Maven build), so tagged: skip it
 * locally with {@code -DexcludedGroups=generated-build}; CI runs it.
 */
@Tag("generated-build")
class GeneratedBuildTests extends GitHostApplicationTest {

	@Autowired
	Tasks tasks;

	@Autowired
	Templates templates;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String atriumDatabaseUrl;

	@Value("${spring.datasource.username}")
	String databaseUser;

	@Value("${spring.datasource.password:}")
	String databasePassword;

	@TempDir
	Path out;

	@Test
	void aServiceWithEveryFeatureBuildsAndPassesItsTestsAgainstPostgreSQL() throws Exception {
		GeneratedProject.render(tasks, templates, Map.of("name", "ledger-service", "description", "Keeps the books",
				"owner", "group:default/payments-team", "javaPackage", "com.brightwave.ledger", "features",
				List.of("web", "postgresql", "actuator")), out);
		String database = "generated_" + token;
		jdbc.sql("CREATE DATABASE " + database).update();
		try {
			String log = verify(databaseUrl(database));
			assertThat(log)
				.containsPattern("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed.*HelloControllerTests")
				.containsPattern("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed.*LedgerServiceApplicationTests")
				.contains("Migrating schema \"public\" to version \"1 - create greetings\"")
				.contains("BUILD SUCCESS");
			assertThat(out.resolve("target/ledger-service-0.1.0-SNAPSHOT.jar")).exists();
		}
		finally {
			jdbc.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").update();
		}
	}

	/** Atrium's own test database URL, naming another database on the same server. */
	private String databaseUrl(String database) {
		int query = atriumDatabaseUrl.indexOf('?');
		String base = query < 0 ? atriumDatabaseUrl : atriumDatabaseUrl.substring(0, query);
		String params = query < 0 ? "" : atriumDatabaseUrl.substring(query);
		return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
	}

	private String verify(String databaseUrl) throws IOException, InterruptedException {
		Path logFile = out.resolve("build.log");
		ProcessBuilder build = new ProcessBuilder("./mvnw", "-B", "-ntp", "verify").directory(out.toFile())
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile());
		build.environment().remove("MAVEN_ARGS");
		build.environment().remove("MAVEN_CONFIG");
		build.environment().put("DATABASE_URL", databaseUrl);
		build.environment().put("DATABASE_USERNAME", databaseUser);
		build.environment().put("DATABASE_PASSWORD", databasePassword == null ? "" : databasePassword);
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
