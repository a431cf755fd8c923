package dev.atrium.catalog.ingest;

import java.util.List;
import java.util.Map;

import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.LocationStore.Location;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo catalog shipped in the jar: registered on an empty database when the application starts,
 * and read with no error at all. The context is closed after these tests: no other test uses it.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=true", "atrium.catalog.poll-interval=1h" })
@DirtiesContext
class DemoCatalogTests {

	@Autowired
	LocationStore locations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoCatalog demo;

	@Test
	void demoCatalogIsRegisteredAtStartAndReadWithoutErrors() {
		// besides the providers' own locations (the built-in templates)
		List<Location> all = locations.all().stream().filter(l -> !l.type().equals(EntityProviders.TYPE)).toList();

		assertThat(all).singleElement().satisfies(location -> {
			assertThat(location.type()).isEqualTo("classpath");
			assertThat(location.target()).isEqualTo("catalog/demo/catalog.yaml");
			assertThat(location.status()).isEqualTo("ok");
			assertThat(location.errorCount()).isZero();
			assertThat(location.message()).isNull();
		});
		List<Map<String, Object>> sources = jdbc.sql("SELECT target, errors::text AS errors FROM catalog_sources WHERE location_id = ? ORDER BY target")
			.param(all.get(0).id())
			.query()
			.listOfRows();
		assertThat(sources).hasSize(11).allSatisfy(source -> assertThat(source.get("errors")).as(source.get("target").toString())
			.isEqualTo("[]"));
	}

	@Test
	void demoCatalogHoldsAboutFiftyFiveEntitiesOfEveryBuiltinKind() {
		Location demoLocation = locations.find("classpath", DemoCatalog.TARGET).orElseThrow();
		int count = jdbc.sql("SELECT count(*) FROM catalog_entities WHERE location_id = ?").param(demoLocation.id())
			.query(Integer.class).single();
		List<String> kinds = jdbc.sql("SELECT DISTINCT kind FROM catalog_entities WHERE location_id = ?")
			.param(demoLocation.id()).query(String.class).list();

		assertThat(count).isBetween(50, 65);
		assertThat(kinds).contains("group", "user", "domain", "system", "component", "api", "resource", "location");
		assertThat(locations.entityCount(demoLocation.id())).isEqualTo(count);
	}

	@Test
	void everyReferenceOfTheDemoCatalogNamesOneOfItsEntities() {
		List<String> dangling = jdbc.sql("""
				SELECT DISTINCT r.target_ref FROM catalog_relations r
				WHERE NOT EXISTS (SELECT 1 FROM catalog_entities e WHERE e.ref = r.target_ref) ORDER BY 1""")
			.query(String.class)
			.list();

		assertThat(dangling).isEmpty();
	}

	@Test
	void demoCatalogIsNotRegisteredTwice() {
		demo.registerWhenEmpty();

		assertThat(locations.count() - locations.countOfType(EntityProviders.TYPE)).isEqualTo(1);
	}

}
