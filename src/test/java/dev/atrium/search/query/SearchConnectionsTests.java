package dev.atrium.search.query;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.atrium.search.SearchApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches run planned once per statement (ADR 0015): through their own pool, whose connections are set
 * so, or, on an application pool that is not Hikari, in a transaction that sets it; the application's own
 * connections keep PostgreSQL's default.
 */
class SearchConnectionsTests extends SearchApplicationTest {

	@Autowired
	SearchConnections connections;

	@Autowired
	DataSource application;

	@Test
	void searchesArePlannedOnceAndTheApplicationKeepsTheDefault() {
		assertThat(planCacheMode(connections)).isEqualTo("force_generic_plan");
		assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(application).sql("SHOW plan_cache_mode")
			.query(String.class)
			.single()).isEqualTo("auto");
		// Results still come through it.
		assertThat(locations("payment")).isNotEmpty();
	}

	@Test
	void onAnotherKindOfPoolEachSearchSetsItInItsTransaction() throws Exception {
		HikariDataSource hikari = application.unwrap(HikariDataSource.class);
		SimpleDriverDataSource plain = new SimpleDriverDataSource(new org.postgresql.Driver(), hikari.getJdbcUrl(),
				hikari.getUsername(), hikari.getPassword());
		SearchConnections fallback = new SearchConnections(plain, new TransactionTemplate(new DataSourceTransactionManager(plain)),
				new StaticListableBeanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class), 2);
		try {
			assertThat(planCacheMode(fallback)).isEqualTo("force_generic_plan");
		}
		finally {
			fallback.destroy();
		}
	}

	private static String planCacheMode(SearchConnections connections) {
		return connections.read(() -> connections.jdbc().sql("SHOW plan_cache_mode").query(String.class).single());
	}

}
