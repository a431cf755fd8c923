package dev.atrium.web;

import dev.atrium.platform.NavigationEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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

	/**
	 * Bounds the requests processed at once (ADR 0010), first of all filters so that security, rendering
	 * and database work are all inside the bound.
	 */
	@Bean
	FilterRegistrationBean<ConcurrencyLimit> concurrencyLimit(ConcurrencyProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		ConcurrencyLimit limit = new ConcurrencyLimit(properties);
		meters.ifAvailable(registry -> {
			Gauge.builder("atrium.web.requests.active", limit, ConcurrencyLimit::active)
				.description("Requests being processed (bounded by atrium.web.concurrency.max-active)")
				.register(registry);
			Gauge.builder("atrium.web.requests.waiting", limit, ConcurrencyLimit::waiting)
				.description("Requests waiting for their turn")
				.register(registry);
		});
		FilterRegistrationBean<ConcurrencyLimit> registration = new FilterRegistrationBean<>(limit);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
