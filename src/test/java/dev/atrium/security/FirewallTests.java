package dev.atrium.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header and parameter-name rule, written as a loop: the same answers as Spring Security's pattern. */
class FirewallTests {

	private static final java.util.regex.Pattern SPRING_SECURITY_RULE = java.util.regex.Pattern
		.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	@Test
	void acceptsWhatSpringSecurityAcceptsAndRefusesWhatItRefuses() {
		String[] samples = { "", "Bearer abc.def", "text/html, application/json;q=0.9", "Zoë Ångström", "日本語", "emoji 🎵",
				"tab\there", "new\nline", "nul\0", "del\u007f", "c1\u0085", "unassigned\u0378", "surrogate\ud800", "\uFFFF" };
		for (String sample : samples) {
			assertThat(SecurityConfiguration.assignedAndNotControl(sample)).as(sample)
				.isEqualTo(SPRING_SECURITY_RULE.matcher(sample).matches());
		}
	}

}
