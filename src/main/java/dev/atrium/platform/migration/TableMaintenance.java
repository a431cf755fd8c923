package dev.atrium.platform.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums and analyzes Atrium's tables when the server's autovacuum is off (some managed and CI
 * servers turn it off): queue tables such as the search index's change queue, and rows updated on
 * every refresh or OpenLineage event, otherwise keep every dead row and get slower with each change
 * (a count over the empty search queue took 70 ms after one catalog registration). The thresholds are
 * autovacuum's kind: a table is vacuumed once more than {@value #DEAD_ROWS} rows plus a tenth of its
 * live rows are dead, analyzed once as many changed since its last analysis. One instance at a time
 * does it (an advisory lock); when autovacuum is on, nothing is done.
 */
@Component
class TableMaintenance {

	private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

	static final long DEAD_ROWS = 1_000;

	/** Advisory lock key: "atrium-maintenance" hashed, shared by every instance. */
	private static final long LOCK = 0x61747269756d4dL;

	private final DataSource dataSource;

	TableMaintenance(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** What was done: the tables vacuumed and those only analyzed. */
	record Done(List<String> vacuumed, List<String> analyzed) {
	}

	@Scheduled(fixedDelayString = "${atrium.database.maintenance-interval:30s}",
			initialDelayString = "${atrium.database.maintenance-interval:30s}")
	void scheduled() {
		try {
			Done done = run();
			if (!done.vacuumed().isEmpty() || !done.analyzed().isEmpty()) {
				log.debug("Vacuumed {}, analyzed {}", done.vacuumed(), done.analyzed());
			}
		}
		catch (SQLException | RuntimeException ex) {
			log.warn("Table maintenance failed; it is tried again later: {}", ex.getMessage());
		}
	}

	Done run() throws SQLException {
		return run(false);
	}

	/** One round; {@code evenWithAutovacuum} for tests on servers where autovacuum is on. */
	Done run(boolean evenWithAutovacuum) throws SQLException {
		List<String> vacuumed = new ArrayList<>();
		List<String> analyzed = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
			try (Statement statement = connection.createStatement()) {
				if ((!evenWithAutovacuum && autovacuumOn(statement)) || !lock(statement)) {
					return new Done(vacuumed, analyzed);
				}
				try {
					List<String[]> due = new ArrayList<>();
					try (ResultSet rs = statement.executeQuery("""
							SELECT quote_ident(relname), n_dead_tup > %d + n_live_tup / 10,
							  n_mod_since_analyze > %d + n_live_tup / 10
							FROM pg_stat_user_tables WHERE schemaname = current_schema()
							  AND (n_dead_tup > %d + n_live_tup / 10 OR n_mod_since_analyze > %d + n_live_tup / 10)
							ORDER BY n_dead_tup DESC""".formatted(DEAD_ROWS, DEAD_ROWS, DEAD_ROWS, DEAD_ROWS))) {
						while (rs.next()) {
							due.add(new String[] { rs.getString(1), rs.getBoolean(2) ? "vacuum" : "analyze" });
						}
					}
					for (String[] table : due) {
						try {
							if (table[1].equals("vacuum")) {
								statement.execute("VACUUM (ANALYZE) " + table[0]);
								vacuumed.add(table[0]);
							}
							else {
								statement.execute("ANALYZE " + table[0]);
								analyzed.add(table[0]);
							}
						}
						catch (SQLException ex) {
							// Dropped meanwhile (a search generation switched out), or locked: next time.
							log.debug("Could not {} {}: {}", table[1], table[0], ex.getMessage());
						}
					}
				}
				finally {
					statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
				}
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		return new Done(vacuumed, analyzed);
	}

	private static boolean autovacuumOn(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("SELECT current_setting('autovacuum')::boolean")) {
			return rs.next() && rs.getBoolean(1);
		}
	}

	private static boolean lock(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
			return rs.next() && rs.getBoolean(1);
		}
	}

}
