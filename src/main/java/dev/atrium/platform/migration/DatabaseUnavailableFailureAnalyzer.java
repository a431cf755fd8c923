package dev.atrium.platform.migration;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * When PostgreSQL cannot be reached at start-up, says so in one message with how to start one,
 * instead of a wall of stack traces. It names the URL Atrium was configured with (from any property
 * source: SPRING_DATASOURCE_URL, a command-line argument, a test's database), with any password left
 * out.
 */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<Throwable> {

	private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/atrium";

	private final Environment environment;

	DatabaseUnavailableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, Throwable cause) {
		Throwable unreachable = findCause(rootFailure, ConnectException.class);
		if (unreachable == null) {
			unreachable = findCause(rootFailure, UnknownHostException.class);
		}
		String sqlState = sqlState(rootFailure);
		if (unreachable == null && !"3D000".equals(sqlState) && !"28P01".equals(sqlState) && !"28000".equals(sqlState)) {
			return null;
		}
		String problem = "3D000".equals(sqlState) ? "the database does not exist"
				: sqlState != null && sqlState.startsWith("28") ? "the database refused the user name or password"
				: unreachable instanceof UnknownHostException ? "its host name is unknown" : "nothing answered";
		return new FailureAnalysis(
				"Atrium cannot reach its PostgreSQL database at " + configuredUrl() + ": " + problem + ".",
				"Start one with 'docker compose up -d postgres', or point Atrium at yours with SPRING_DATASOURCE_URL, "
						+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.",
				rootFailure);
	}

	/** The URL the data source was given, as bound from every property source, without its password. */
	String configuredUrl() {
		String url = environment == null ? null : environment.getProperty("spring.datasource.url");
		if (url == null || url.isBlank()) {
			url = environment == null ? null : environment.getProperty("spring.datasource.hikari.jdbc-url");
		}
		if (url == null || url.isBlank()) {
			return DEFAULT_URL;
		}
		return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1****");
	}

	private static String sqlState(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
