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
 * Gives every Spring test context a fresh PostgreSQL database of its own. With
 * {@code ATRIUM_TEST_DATABASE_URL} (a JDBC URL of a server's maintenance database, user and password
 * as URL parameters) it creates the databases there and drops them when the run ends; without it, it
 * starts one PostgreSQL with Testcontainers for the run. When neither works the tests fail, loudly:
 * they never skip.
 * <p>
 * One database per context, not per run: Spring keeps test contexts alive for the whole run, and each
 * one polls for due locations; sharing a database, one context would refresh another's locations with
 * its own settings (file roots, allowed hosts) and tests would fail depending on their order.
 * Registered for every Spring Boot test context in {@code META-INF/spring.factories}.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static Server server;

	record Database(String url, String username, String password) {
	}

	/** Where the databases are created: a maintenance database URL with user and password parameters. */
	private record Server(String adminUrl) {
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Database db = createOn(server().adminUrl());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("atrium-test-database",
				Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.username(),
						"spring.datasource.password", db.password(),
						// Spring keeps test contexts alive: small pools keep the server under max_connections.
						"spring.datasource.hikari.maximum-pool-size", "6", "spring.datasource.hikari.minimum-idle", "1")));
	}

	private static synchronized Server server() {
		if (server == null) {
			String admin = System.getenv("ATRIUM_TEST_DATABASE_URL");
			server = new Server(admin != null && !admin.isBlank() ? admin : startContainer());
		}
		return server;
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

	/** Starts PostgreSQL and returns the URL of its maintenance database, user and password included. */
	@SuppressWarnings("resource")
	private static String startContainer() {
		try {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			String url = container.getJdbcUrl();
			String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
			return base.substring(0, base.lastIndexOf('/') + 1) + "postgres?user=" + container.getUsername()
					+ "&password=" + container.getPassword();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests: set ATRIUM_TEST_DATABASE_URL "
					+ "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) or start Docker for Testcontainers", ex);
		}
	}

}
