package dev.atrium.platform.migration;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead rows are vacuumed away even where the server's autovacuum is off, as on CI. */
@SpringBootTest(properties = "atrium.catalog.demo=false")
class TableMaintenanceTests {

	@Autowired
	TableMaintenance maintenance;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aTableWithManyDeadRowsIsVacuumedAndOneWithFewIsLeftAlone() throws Exception {
		jdbc.execute("CREATE TABLE maintenance_churned (id int PRIMARY KEY, v text)");
		jdbc.execute("CREATE TABLE maintenance_quiet (id int PRIMARY KEY, v text)");
		jdbc.update("INSERT INTO maintenance_churned SELECT i, 'x' FROM generate_series(1, 5000) i");
		jdbc.update("DELETE FROM maintenance_churned");
		jdbc.update("INSERT INTO maintenance_quiet SELECT i, 'x' FROM generate_series(1, 10) i");
		jdbc.update("DELETE FROM maintenance_quiet");
		// The server publishes a backend's counts when it has been idle a moment.
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> dead("maintenance_churned") >= 5000);

		TableMaintenance.Done done = maintenance.run(true);

		assertThat(done.vacuumed()).contains("maintenance_churned").doesNotContain("maintenance_quiet");
		assertThat(dead("maintenance_churned")).isZero();
	}

	private long dead(String table) {
		return jdbc.queryForObject("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = ?", Long.class, table);
	}

}
