package dev.atrium;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives every test run a fresh PostgreSQL database of its own. With {@code ATRIUM_TEST_DATABASE_URL}
 * (a JDBC URL of a server's maintenance database, user and password as URL parameters) it creates a
 * new database there and drops it when the run ends; without it, it starts PostgreSQL with
 * Testcontainers. When neither works the tests fail, loudly: they never skip.
 * Registered for every Spring Boot test context in {@code META-INF/spring.factories}.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static Database server;

	record Database(String url, String username, String password) {
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		// Each application context (tests with the same configuration share one) gets its own database,
		// so no test sees what another context's tests stored.
		Database db = fresh();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("atrium-test-database",
				Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.username(),
						"spring.datasource.password", db.password())));
	}

	/** A new, empty database: on the server of ATRIUM_TEST_DATABASE_URL, or in the run's container. */
	public static synchronized Database fresh() {
		String admin = System.getenv("ATRIUM_TEST_DATABASE_URL");
		if (admin != null && !admin.isBlank()) {
			return createOn(admin);
		}
		if (server == null) {
			server = startContainer();
		}
		return createOn(server.url() + (server.url().contains("?") ? "&" : "?") + "user=" + server.username()
				+ "&password=" + server.password());
	}

	private static Database createOn(String adminUrl) {
		String name = "atrium_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection c = DriverManager.getConnection(adminUrl)) {
			c.createStatement().execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("ATRIUM_TEST_DATABASE_URL is set to " + adminUrl
					+ " but a test database could not be created there: " + ex.getMessage(), ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(adminUrl, name)));
		int query = adminUrl.indexOf('?');
		String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
		String params = query < 0 ? "" : adminUrl.substring(query);
		String url = base.substring(0, base.lastIndexOf('/') + 1) + name + params;
		String user = param(params, "user", "postgres");
		return new Database(url, user, param(params, "password", ""));
	}

	private static void drop(String adminUrl, String name) {
		try (Connection c = DriverManager.getConnection(adminUrl)) {
			c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	private static String param(String params, String key, String fallback) {
		for (String pair : params.replaceFirst("^\\?", "").split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(key)) {
				return pair.substring(eq + 1);
			}
		}
		return fallback;
	}

	@SuppressWarnings("resource")
	private static Database startContainer() {
		try {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests: set ATRIUM_TEST_DATABASE_URL "
					+ "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) or start Docker for Testcontainers", ex);
		}
	}

}
