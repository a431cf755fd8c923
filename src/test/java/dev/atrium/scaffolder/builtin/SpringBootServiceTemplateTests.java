package dev.atrium.scaffolder.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.atrium.scaffolder.git.GitHostApplicationTest;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** What the built-in template generates, per choice of features, rendered by a dry run, without building it. */
class SpringBootServiceTemplateTests extends GitHostApplicationTest {

	@Autowired
	Tasks tasks;

	@Autowired
	Templates templates;

	@TempDir
	Path out;

	@Test
	void generatesTheFullServiceWithEveryFeature() throws IOException {
		render(Map.of("name", "payments-service", "description", "Takes payments: cards & \"wallets\"",
				"owner", "group:default/payments-team", "system", "system:default/payments", "features",
				List.of("web", "postgresql", "actuator")), out);

		assertThat(files()).contains("pom.xml", "mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties", "Dockerfile",
				"README.md", "catalog-info.yaml", ".github/workflows/ci.yml", ".gitignore",
				"src/main/java/com/example/paymentsservice/PaymentsServiceApplication.java",
				"src/main/java/com/example/paymentsservice/hello/HelloController.java",
				"src/test/java/com/example/paymentsservice/hello/HelloControllerTests.java",
				"src/test/java/com/example/paymentsservice/PaymentsServiceApplicationTests.java",
				"src/main/resources/db/migration/V1__create_greetings.sql", "src/main/resources/application.properties");
		assertThat(Files.isExecutable(out.resolve("mvnw"))).isTrue();
		assertThat(out.resolve("src/main/java/com/example/paymentsservice/PaymentsServiceApplication.java")).content()
			.contains("package com.example.paymentsservice;", "public class PaymentsServiceApplication");
		assertThat(out.resolve("pom.xml")).content()
			.contains("<artifactId>payments-service</artifactId>", "spring-boot-starter-webmvc", "spring-boot-starter-flyway",
					"spring-boot-starter-actuator", "<java.version>17</java.version>", "<version>4.1.2</version>",
					"Takes payments: cards &amp; &quot;wallets&quot;");
		assertThat(out.resolve("src/main/resources/application.properties")).content()
			.contains("spring.datasource.url=${DATABASE_URL:jdbc:postgresql://localhost:5432/payments_service}");
		Map<String, Object> entity = new Yaml().load(Files.readString(out.resolve("catalog-info.yaml")));
		assertThat(entity).containsEntry("kind", "Component");
		assertThat(entity.get("metadata").toString()).contains("name=payments-service",
				"description=Takes payments: cards & \"wallets\"",
				"backstage.io/source-location=url:http://localhost:" + port + "/git/payments-service.git");
		assertThat((Map<String, Object>) entity.get("spec")).containsEntry("owner", "group:default/payments-team")
			.containsEntry("system", "system:default/payments")
			.containsEntry("lifecycle", "experimental")
			.containsEntry("type", "service");
		assertThat(out.resolve(".github/workflows/ci.yml")).content().contains("./mvnw -B -ntp verify");
		try (Stream<Path> all = Files.walk(out)) {
			for (Path file : all.filter(Files::isRegularFile).toList()) {
				assertThat(file.toString()).doesNotContain("${{", "{%");
				if (!file.endsWith("mvnw") && !file.endsWith("mvnw.cmd")) {
					assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${{", "{%", "%}");
				}
			}
		}
	}

	@Test
	void leavesOutWhatWasNotPicked() throws IOException {
		render(Map.of("name", "batch-job", "owner", "group:default/data-team", "features", List.of()), out);

		assertThat(files()).contains("src/main/java/com/example/batchjob/BatchJobApplication.java",
				"src/test/java/com/example/batchjob/BatchJobApplicationTests.java")
			.noneMatch(f -> f.contains("hello") || f.contains("db/migration"));
		assertThat(out.resolve("pom.xml")).content()
			.contains("<artifactId>spring-boot-starter</artifactId>")
			.doesNotContain("webmvc", "flyway", "actuator", "testcontainers");
		Map<String, Object> entity = new Yaml().load(Files.readString(out.resolve("catalog-info.yaml")));
		assertThat((Map<String, Object>) entity.get("spec")).doesNotContainKey("system");
		assertThat(entity.get("metadata").toString()).contains("description=The batch-job service.");
	}

	@Test
	void usesTheJavaPackageGiven() throws IOException {
		render(Map.of("name", "ledger", "owner", "group:default/payments-team", "javaPackage",
				"com.brightwave.ledger", "features", List.of("web")), out);
		assertThat(files()).contains("src/main/java/com/brightwave/ledger/LedgerApplication.java",
				"src/main/java/com/brightwave/ledger/hello/HelloController.java");
		assertThat(out.resolve("src/main/java/com/brightwave/ledger/hello/HelloController.java")).content()
			.startsWith("package com.brightwave.ledger.hello;");
	}

	private void render(Map<String, Object> values, Path target) {
		GeneratedProject.render(tasks, templates, values, target);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> all = Files.walk(out)) {
			return all.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
		}
	}

}
