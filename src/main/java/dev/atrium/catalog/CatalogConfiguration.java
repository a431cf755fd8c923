package dev.atrium.catalog;

import dev.atrium.platform.NavigationEntry;
import dev.atrium.platform.Plugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog as a plugin: its declaration and its sidebar entries. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	Plugin catalogPlugin() {
		return new Plugin("catalog", "Software catalog", "catalog");
	}

	@Bean
	NavigationEntry catalogNavigation() {
		return new NavigationEntry("Catalog", "catalog", "/catalog", 10);
	}

	@Bean
	NavigationEntry locationsNavigation() {
		return new NavigationEntry("Locations", "location", "/catalog/locations", 80);
	}

}
