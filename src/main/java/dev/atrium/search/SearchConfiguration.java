package dev.atrium.search;

import dev.atrium.platform.Plugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Search as a plugin: its declaration and its settings. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	@Bean
	Plugin searchPlugin() {
		return new Plugin("search", "Search", "search");
	}

}
