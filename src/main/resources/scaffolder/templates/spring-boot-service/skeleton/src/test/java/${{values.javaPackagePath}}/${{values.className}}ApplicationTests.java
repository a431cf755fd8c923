package ${{ values.javaPackage }};

import org.junit.jupiter.api.Test;
{% if values.postgresql %}
import org.junit.jupiter.api.condition.EnabledIf;
{% endif %}
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
{% if values.postgresql %}
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
{% endif %}
{% if values.web %}
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
{% endif %}
import org.springframework.context.ApplicationContext;
{% if values.postgresql %}
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
{% endif %}
{% if values.web %}
import org.springframework.test.web.servlet.MockMvc;
{% endif %}
{% if values.postgresql %}
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
{% endif %}

import static org.assertj.core.api.Assertions.assertThat;
{% if values.web %}
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
{% endif %}

/**
 * The whole application starts{% if values.postgresql %} against a real PostgreSQL, migrated by Flyway: the one
 * DATABASE_URL names (with DATABASE_USERNAME and DATABASE_PASSWORD), else one Testcontainers starts in Docker;
 * with neither, this test is skipped and the others still run{% endif %}.
 */
{% if values.postgresql %}
@EnabledIf(value = "databaseAvailable", disabledReason = "needs PostgreSQL: set DATABASE_URL, or run Docker for Testcontainers")
@Import(${{ values.className }}ApplicationTests.Database.class)
{% endif %}
@SpringBootTest
{% if values.web %}
@AutoConfigureMockMvc
{% endif %}
class ${{ values.className }}ApplicationTests {

	@Autowired
	ApplicationContext context;
{% if values.web %}

	@Autowired
	MockMvc mvc;
{% endif %}
{% if values.postgresql %}

	@Autowired
	JdbcClient jdbc;
{% endif %}

	@Test
	void starts() {
		assertThat(context.getBean(${{ values.className }}Application.class)).isNotNull();
	}
{% if values.web and values.actuator %}

	@Test
	void reportsItselfHealthy() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}
{% endif %}
{% if values.postgresql %}

	@Test
	void migratesTheDatabase() {
		assertThat(jdbc.sql("SELECT count(*) FROM greetings").query(Long.class).single()).isZero();
	}

	static boolean databaseAvailable() {
		String url = System.getenv("DATABASE_URL");
		if (url != null && !url.isBlank()) {
			return true;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Database {

		@Bean
		@ServiceConnection
		@ConditionalOnExpression("'${DATABASE_URL:}'.isEmpty()")
		PostgreSQLContainer postgres() {
			return new PostgreSQLContainer("postgres:17-alpine");
		}

	}
{% endif %}

}
