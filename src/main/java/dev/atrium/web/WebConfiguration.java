package dev.atrium.web;

import dev.atrium.platform.NavigationEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** Spring MVC's handler mapping with a first look at each mapping's literal path (see PrefixedHandlerMapping). */
	@Bean
	WebMvcRegistrations prefixedHandlerMapping() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PrefixedHandlerMapping();
			}
		};
	}

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
	 * The request threads (ADR 0011): a fixed pool of platform threads, as many as
	 * {@code atrium.web.concurrency.max-active}; requests beyond them wait in arrival order.
	 */
	@Bean(destroyMethod = "close")
	RequestThreads requestThreads(ConcurrencyProperties properties, ObjectProvider<MeterRegistry> meters) {
		RequestThreads threads = new RequestThreads(properties.maxActive());
		meters.ifAvailable(registry -> {
			Gauge.builder("atrium.web.requests.active", threads, RequestThreads::active)
				.description("Requests being processed (bounded by atrium.web.concurrency.max-active)")
				.register(registry);
			Gauge.builder("atrium.web.requests.waiting", threads, RequestThreads::waiting)
				.description("Requests waiting for a request thread")
				.register(registry);
		});
		return threads;
	}

	@Bean
	TomcatProtocolHandlerCustomizer<?> requestThreadsForTomcat(RequestThreads threads) {
		return protocol -> protocol.setExecutor(threads);
	}

	/** First of all filters: a request that waited too long for a thread is told to come back. */
	@Bean
	FilterRegistrationBean<QueueTimeout> queueTimeout(ConcurrencyProperties properties) {
		FilterRegistrationBean<QueueTimeout> registration = new FilterRegistrationBean<>(
				new QueueTimeout(properties.queueTimeout().toNanos()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** {@code http.server.requests}, around everything else (security included). */
	@Bean
	FilterRegistrationBean<RequestMetrics> requestMetrics(ObjectProvider<MeterRegistry> meters) {
		MeterRegistry registry = meters.getIfAvailable();
		FilterRegistrationBean<RequestMetrics> registration = new FilterRegistrationBean<>(
				new RequestMetrics(registry == null ? new SimpleMeterRegistry() : registry));
		registration.setEnabled(registry != null);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
