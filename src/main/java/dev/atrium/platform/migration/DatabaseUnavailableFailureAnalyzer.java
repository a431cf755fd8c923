package dev.atrium.platform.migration;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * When PostgreSQL cannot be reached at start-up, says so in one message with how to start one,
 * instead of a wall of stack traces.
 */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<Throwable> {

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
		String url = System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/atrium");
		String problem = "3D000".equals(sqlState) ? "the database does not exist"
				: sqlState != null && sqlState.startsWith("28") ? "the database refused the user name or password"
				: "nothing answered";
		return new FailureAnalysis(
				"Atrium cannot reach its PostgreSQL database at " + url + ": " + problem + ".",
				"Start one with 'docker compose up -d postgres', or point Atrium at yours with SPRING_DATASOURCE_URL, "
						+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.",
				rootFailure);
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
