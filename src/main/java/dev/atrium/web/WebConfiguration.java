package dev.atrium.web;

import dev.atrium.platform.NavigationEntry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	NavigationEntry homeNavigation() {
		return new NavigationEntry("Home", "home", "/", 0);
	}

	/**
	 * Turns off Boot's rewriting of every {@code @{...}} link through the static resource chain. With
	 * static resources served from {@code /**}, each link on a page (a catalog page has dozens) was
	 * looked up as a classpath resource, missed, and looked up again on the next request: a third of
	 * the page's CPU. Versionless webjar URLs ({@code /webjars/htmx.org/dist/htmx.min.js}) are still
	 * resolved when they are requested.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
