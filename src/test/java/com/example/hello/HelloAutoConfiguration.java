package com.example.hello;

import dev.atrium.platform.EntityContent;
import dev.atrium.platform.EntityProcessor;
import dev.atrium.platform.NavigationEntry;
import dev.atrium.platform.Plugin;
import dev.atrium.platform.ScaffolderAction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Everything the Hello plugin contributes, as beans. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, so putting
 * the jar on the classpath is the whole installation: Atrium's component scan never sees this package.
 */
@AutoConfiguration
@EnableConfigurationProperties(HelloProperties.class)
@Import(HelloController.class)
public class HelloAutoConfiguration {

	/** The plugin id: the package's last segment, the page path, templates/hello/ and atrium.hello.*. */
	static final String ID = "hello";

	@Bean
	Plugin helloPlugin() {
		return new Plugin(ID, "Hello", "plugin");
	}

	@Bean
	NavigationEntry helloNavigation() {
		return new NavigationEntry("Hello", "plugin", "/" + ID, 90);
	}

	@Bean
	EntityContent helloTab(HelloProperties properties) {
		return new HelloTab(properties);
	}

	@Bean
	ScaffolderAction greetAction(HelloProperties properties) {
		return new GreetAction(properties);
	}

	@Bean
	EntityProcessor greetingProcessor(HelloProperties properties) {
		return new GreetingProcessor(properties);
	}

}
