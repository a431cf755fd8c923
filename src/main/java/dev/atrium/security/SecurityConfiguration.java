package dev.atrium.security;

import java.util.List;

import dev.atrium.platform.NavigationEntry;
import dev.atrium.platform.Ownership;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Spring Security for the whole application: one filter chain with the rules of {@link PathRules},
 * bearer tokens, guest and OpenID Connect sign-in, CSRF protection for everything a browser sends
 * with its session cookie, and security headers with a Content Security Policy that allows no
 * inline script.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	/** Whether the guest sign-in and anonymous reading are on, settled once from the properties. */
	record SignInOptions(boolean guest, boolean anonymousRead, boolean oidc, String oidcName, List<String> oidcRegistrations) {
	}

	@Bean
	SignInOptions signInOptions(AuthProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		List<String> ids = OidcRegistrations.ids(repository);
		boolean oidc = !ids.isEmpty();
		boolean guest = properties.guest() != null ? properties.guest() : !oidc;
		boolean anonymousRead = properties.anonymousRead() != null ? properties.anonymousRead() : guest;
		return new SignInOptions(guest, anonymousRead, oidc, properties.oidc().name(), ids);
	}

	@Bean
	CsrfTokenRepository csrfTokens() {
		return new HttpSessionCsrfTokenRepository();
	}

	@Bean
	SecurityContextRepository securityContexts() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	RequestCache requestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		// Only pages are worth coming back to after signing in; API calls never start a session.
		cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !Refusals.wantsJson(request)
				&& request.getHeader("HX-Request") == null && !isStatic(request));
		return cache;
	}

	@Bean
	SecurityFilterChain atrium(HttpSecurity http, AuthProperties properties, HardeningProperties hardening,
			SignInOptions options, CatalogIdentities identities, ObjectProvider<Ownership> ownership,
			CsrfTokenRepository csrfTokens, SecurityContextRepository contexts, RequestCache requestCache, AuditLog audit)
			throws Exception {
		Refusals refusals = new Refusals();
		PathRules rules = new PathRules(options.anonymousRead(), identities, ownership);
		http.authorizeHttpRequests(rules::apply);
		http.addFilterBefore(new BearerTokens(ApiTokens.parse(properties.apiTokens())), AnonymousAuthenticationFilter.class);
		http.addFilterAfter(new AuditTrail(audit, identities), AnonymousAuthenticationFilter.class);
		http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
			.requireCsrfProtectionMatcher(PathRules.NEEDS_CSRF_TOKEN)
			.ignoringRequestMatchers(BearerTokens.CARRIES_TOKEN, PathRules.READING_POSTS, PathRules.GIT));
		http.securityContext(context -> context.securityContextRepository(contexts));
		http.requestCache(cache -> cache.requestCache(requestCache));
		http.exceptionHandling(errors -> errors.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
		http.formLogin(form -> form.disable());
		http.httpBasic(basic -> basic.disable());
		http.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/").addLogoutHandler((request, response, who) -> {
			if (who != null) {
				audit.record(identities.of(who), "SIGN-OUT", request, HttpServletResponse.SC_FOUND);
			}
		}));
		if (options.oidc()) {
			SavedRequestAwareAuthenticationSuccessHandler back = new SavedRequestAwareAuthenticationSuccessHandler();
			back.setRequestCache(requestCache);
			http.oauth2Login(login -> login.loginPage("/sign-in").successHandler((request, response, who) -> {
				audit.record(identities.of(who), "SIGN-IN", request, HttpServletResponse.SC_FOUND);
				back.onAuthenticationSuccess(request, response, who);
			}));
		}
		http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(hardening.contentSecurityPolicy()))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
			.frameOptions(frames -> frames.deny()));
		return http.build();
	}

	/**
	 * No observation of Spring Security's own filters, authentications and authorizations: with an
	 * observation registry present (Actuator), each filter of each request was wrapped and named for a
	 * span nobody collects. Requests are timed as a whole by the web module's {@code http.server.requests}.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall, with its header and parameter-name check written as a loop
	 * instead of its regular expression ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}): the same rule,
	 * at a tenth of the cost. The regular expression ran on every header read by every filter and was a
	 * tenth of an API request's CPU (ADR 0011).
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(SecurityConfiguration::assignedAndNotControl);
		firewall.setAllowedHeaderValues(SecurityConfiguration::assignedAndNotControl);
		firewall.setAllowedParameterNames(SecurityConfiguration::assignedAndNotControl);
		return firewall;
	}

	static boolean assignedAndNotControl(String value) {
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			if (c < 0x20 || c >= 0x7f) {
				if (Character.isISOControl(c) || Character.getType(c) == Character.UNASSIGNED) {
					return false;
				}
			}
			i += Character.charCount(c);
		}
		return true;
	}

	/** Oversized bodies are refused before anything else runs, the security filters included. */
	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(HardeningProperties hardening) {
		FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(new RequestSizeLimit(hardening));
		registration.setOrder(-200);
		return registration;
	}

	@Bean
	NavigationEntry ownershipNavigation() {
		return new NavigationEntry("My ownership", "group", "/my-ownership", 70);
	}

	@Bean
	NavigationEntry auditNavigation() {
		return new NavigationEntry("Audit log", "audit", "/audit", 90);
	}

	private static boolean isStatic(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith("/webjars/") || path.endsWith(".css") || path.endsWith(".js") || path.endsWith(".svg")
				|| path.endsWith(".png") || path.endsWith(".ico");
	}

}
