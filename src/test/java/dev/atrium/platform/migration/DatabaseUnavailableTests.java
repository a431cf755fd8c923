package dev.atrium.platform.migration;

import dev.atrium.AtriumApplication;
import dev.atrium.TestDatabase;
import dev.atrium.support.ClosedPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starting without a database: one message naming the URL Atrium was given, whichever way it was
 * given, and how to fix it; no stack trace before it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnavailableTests {

	@Test
	void startingWithoutItsDatabaseSaysWhichUrlItTriedInOneMessage(CapturedOutput output) {
		int port = ClosedPort.number();
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/atrium_nowhere?user=atrium&password=s3cret";
		SpringApplication app = new SpringApplication(AtriumApplication.class);
		// the tests' own database initializer would replace the URL given here
		app.setInitializers(app.getInitializers().stream().filter(i -> !(i instanceof TestDatabase)).toList());

		assertThatThrownBy(() -> app.run("--spring.datasource.url=" + url, "--server.port=0", "--atrium.catalog.demo=false",
				"--atrium.workflows.demo=false"))
			.isNotNull();

		String all = output.getAll();
		assertThat(all).contains("APPLICATION FAILED TO START")
			.contains("Atrium cannot reach its PostgreSQL database at " + url.replace("s3cret", "****") + ": nothing answered.")
			.contains("SPRING_DATASOURCE_URL")
			.doesNotContain("s3cret");
		String before = all.substring(0, all.indexOf("APPLICATION FAILED TO START"));
		assertThat(before).as("nothing printed a stack trace of the failure before the message")
			.doesNotContain("\tat com.zaxxer.hikari")
			.doesNotContain("\tat org.postgresql")
			.doesNotContain("\tat org.flywaydb")
			.doesNotContain("Exception during pool initialization");
	}

	@Test
	void aUrlWithoutPasswordIsShownAsGiven() {
		var environment = new org.springframework.mock.env.MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/atrium");

		assertThat(new DatabaseUnavailableFailureAnalyzer(environment).configuredUrl())
			.isEqualTo("jdbc:postgresql://db.internal:5432/atrium");
		assertThat(new DatabaseUnavailableFailureAnalyzer(new org.springframework.mock.env.MockEnvironment()).configuredUrl())
			.isEqualTo("jdbc:postgresql://localhost:5432/atrium");
	}


}
