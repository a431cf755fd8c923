package dev.atrium.web;

import dev.atrium.platform.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	NavigationEntry homeNavigation() {
		return new NavigationEntry("Home", "home", "/", 0);
	}

}
