package dev.atrium.search.query;

import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connections searches read through: a small pool of their own, beside the application's, whose
 * connections plan every statement once ({@code plan_cache_mode = force_generic_plan}). What the planner
 * knows of a query's words comes from the statement's {@code q} row, not from its parameters, so planning
 * them again for each search (PostgreSQL's default for a statement's first executions, and whenever it
 * guesses a plan for the values could be better) cost more than some searches themselves. Set once per
 * connection, a search is one round trip per statement; set per transaction ({@code SET LOCAL}), as
 * before, every search paid for three more (begin with the setting, commit). The pool is also a
 * bulkhead: a burst of searches waits for its few connections, not for the catalog's.
 *
 * <p>When the application's pool is not Hikari (it always is in Atrium), searches fall back to it, with the
 * setting per transaction.
 */
@Component
public class SearchConnections implements DisposableBean {

	static final String PLANNED_ONCE = "SET plan_cache_mode = force_generic_plan";

	private final HikariDataSource own;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	/** Transactions on the own pool, for searches planned for their values; null without one. */
	private final TransactionTemplate ownTx;

	SearchConnections(DataSource application, TransactionTemplate tx, ObjectProvider<MeterRegistry> meters,
			@Value("${atrium.search.pool-size:6}") int size) throws SQLException {
		this.tx = tx;
		if (application.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource main = application.unwrap(HikariDataSource.class);
			HikariDataSource pool = new HikariDataSource(); // starts on its first connection, not here
			main.copyStateTo(pool);
			pool.setPoolName("atrium-search");
			pool.setMaximumPoolSize(Math.max(1, size));
			pool.setMinimumIdle(Math.min(1, size));
			String init = main.getConnectionInitSql();
			pool.setConnectionInitSql(init == null || init.isBlank() ? PLANNED_ONCE : init + "; " + PLANNED_ONCE);
			pool.setReadOnly(true);
			MeterRegistry registry = meters.getIfAvailable();
			if (registry != null && pool.getMetricRegistry() == null) {
				// hikaricp_connections{pool="atrium-search"} and the rest, beside the application's pool
				pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
			}
			this.own = pool;
			this.jdbc = JdbcClient.create(pool);
			this.ownTx = new TransactionTemplate(new DataSourceTransactionManager(pool));
		}
		else {
			this.own = null;
			this.jdbc = JdbcClient.create(application);
			this.ownTx = null;
		}
	}

	/** The statements of searches: run them inside {@link #read}. */
	JdbcClient jdbc() {
		return this.jdbc;
	}

	/** Runs a search's statements, planned once per connection and statement. */
	<T> T read(Supplier<T> work) {
		if (this.own != null) {
			return work.get();
		}
		return planned(this.tx, "force_generic_plan", work);
	}

	/**
	 * Runs a search's statements planned for their values, in a transaction: for searches narrowed by
	 * facets (a type, an owner, a tag). A plan made once cannot tell a value every document has (the
	 * catalog's type) from one a few have (an owner): it read the facet index for both, which for the
	 * type meant a bitmap of every document (28 ms where the search alone takes 1). Planned for the
	 * values, the facet index is read for rare values only; planning costs about a millisecond.
	 */
	<T> T readPlannedForValues(Supplier<T> work) {
		return planned(this.own != null ? this.ownTx : this.tx, "force_custom_plan", work);
	}

	private <T> T planned(TransactionTemplate transactions, String mode, Supplier<T> work) {
		return transactions.execute(status -> {
			this.jdbc.sql("SET LOCAL plan_cache_mode = " + mode).update();
			return work.get();
		});
	}

	@Override
	public void destroy() {
		if (this.own != null) {
			this.own.close();
		}
	}

}
