package dev.atrium.scaffolder;

import dev.atrium.platform.NavigationEntry;
import dev.atrium.platform.Plugin;
import dev.atrium.scaffolder.render.Renderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scaffolder as a plugin: its declaration, its sidebar entry and its template engine. */
@Configuration(proxyBeanMethods = false)
class ScaffolderConfiguration {

	@Bean
	Plugin scaffolderPlugin() {
		return new Plugin("scaffolder", "Software templates", "create");
	}

	@Bean
	NavigationEntry createNavigation() {
		return new NavigationEntry("Create", "create", "/create", 20);
	}

	@Bean
	Renderer renderer(ScaffolderProperties properties) {
		return new Renderer(new Renderer.Limits(properties.maxRenderedSize().toBytes(), properties.maxLoopIterations(), 1_000_000));
	}

}
