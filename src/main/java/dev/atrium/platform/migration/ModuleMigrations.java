package dev.atrium.platform.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Runs Flyway once per module: every folder {@code db/migration/<module>/} on the classpath (Atrium's
 * modules and any plugin jar's) is migrated with its own history table
 * {@code flyway_schema_history_<module>}, so each module numbers its migrations from V1 without
 * colliding with the others. {@code platform} runs first, then the others by name. See ADR 0002.
 */
@Configuration(proxyBeanMethods = false)
class ModuleMigrations {

	private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

	@Bean
	FlywayMigrationStrategy perModuleMigrations() {
		return flyway -> {
			for (String module : modules()) {
				var result = Flyway.configure(flyway.getConfiguration().getClassLoader())
					.configuration(flyway.getConfiguration())
					.locations("classpath:db/migration/" + module)
					.table("flyway_schema_history_" + module.replace('-', '_'))
					.baselineOnMigrate(true)
					.baselineVersion("0")
					.load()
					.migrate();
				if (result.migrationsExecuted > 0) {
					log.info("Migrated module '{}' to version {} ({} migrations)", module, result.targetSchemaVersion,
							result.migrationsExecuted);
				}
			}
		};
	}

	static TreeSet<String> modules() {
		TreeSet<String> modules = new TreeSet<>(Comparator.comparing((String m) -> !m.equals("platform"))
			.thenComparing(Comparator.naturalOrder()));
		try {
			for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*/V*.sql")) {
				String url = r.getURL().toString();
				String folder = url.substring(0, url.lastIndexOf('/'));
				modules.add(folder.substring(folder.lastIndexOf('/') + 1));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list database migrations", ex);
		}
		return modules;
	}

}
