package dev.atrium.security;

import java.util.List;

import dev.atrium.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored cross-site scripting through descriptor fields (Backstage advisories CVE-2023-25571 and the
 * catalog search XSS): payloads in titles, descriptions, profile names, link titles and URLs and
 * annotations are shown as text on every page that shows them, and {@code javascript:} links never
 * become links. Checked in the browser, where a mistake would run.
 */
class StoredXssBrowserTests extends SecurityApplicationTest {

	static final String PAYLOAD = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>\"'><svg onload=window.pwned=3>";

	@RegisterExtension
	static final Browser browser = new Browser();

	@BeforeEach
	void openTheApplication() {
		browser.baseUrl("http://localhost:" + port);
	}

	@Test
	void payloadsInDescriptorFieldsStayInertOnEveryPageThatShowsThem() {
		String yaml = """
				apiVersion: backstage.io/v1alpha1
				kind: Group
				metadata: {name: %1$s-team, title: %2$s, description: %2$s}
				spec: {type: team, profile: {displayName: %2$s}, children: []}
				---
				apiVersion: backstage.io/v1alpha1
				kind: User
				metadata: {name: %1$s-user, description: %2$s}
				spec: {profile: {displayName: %2$s, email: xss@%1$s.example}, memberOf: [%1$s-team]}
				---
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: %1$s-xss
				  title: %2$s
				  description: %2$s
				  annotations: {example.com/note: %2$s, backstage.io/view-url: "javascript:window.pwned=5"}
				  links:
				    - {url: "https://example.com/?q=%%22%%3E%%3Cscript%%3E'onmouseover='window.pwned=4", title: %2$s}
				spec: {type: service, lifecycle: production, owner: %1$s-team}
				---
				apiVersion: backstage.io/v1alpha1
				kind: Component
				metadata:
				  name: %1$s-js-link
				  links: [{url: "javascript:window.pwned=6", title: click me}]
				spec: {type: service, lifecycle: production, owner: %1$s-team}
				""".formatted(token, quoted(PAYLOAD));
		String location = register(CI, write("xss.yaml", yaml));

		for (String page : List.of("/catalog?text=" + token, "/catalog/default/component/" + token + "-xss",
				"/catalog/default/group/" + token + "-team", "/catalog/default/user/" + token + "-user",
				"/catalog/locations/" + location, "/catalog/locations")) {
			browser.open(page);
			browser.visible(By.id("main"));
			assertInert(page);
		}

		browser.open("/catalog/default/component/" + token + "-xss");
		assertThat(browser.find(By.cssSelector("h1")).getText()).as("shown as text").contains("<img src=x");
		assertThat(browser.find(By.id("about")).getText()).contains("<script>window.pwned=2</script>");
		assertThat(browser.findAll(By.cssSelector("a[href^='https://example.com/']"))).as("the safe link is a link")
			.singleElement()
			.satisfies(link -> assertThat(link.getText()).contains("<img src=x"));
		assertThat(browser.findAll(By.cssSelector("#relations svg text, .graph text")))
			.as("the relations graph names the owner as text")
			.isNotEmpty();
		browser.open("/catalog/default/group/" + token + "-team");
		assertThat(browser.text()).contains("<svg onload=window.pwned=3>");

		browser.open("/catalog/default/component/" + token + "-js-link");
		assertInert("/catalog/default/component/" + token + "-js-link");
		assertThat(browser.find(By.id("about")).getText()).as("a javascript: link is accepted (Backstage asks for a URI) "
				+ "and shown as text").contains("click me").contains("javascript:window.pwned=6");
		assertThat(browser.findAll(By.cssSelector("#about .links a"))).as("but never as a link").isEmpty();
	}

	private static void assertInert(String page) {
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		assertThat(js.executeScript("return window.pwned")).as(page + ": no payload ran").isNull();
		assertThat(browser.findAll(By.cssSelector("img[src='x'], svg[onload], [onerror], [onload]")))
			.as(page + ": no element of a payload exists").isEmpty();
		assertThat(js.executeScript("return document.querySelectorAll('script:not([src])').length"))
			.as(page + ": no inline script").isEqualTo(0L);
		@SuppressWarnings("unchecked")
		List<String> protocols = (List<String>) js.executeScript(
				"return Array.from(document.querySelectorAll('a[href]')).map(a => new URL(a.getAttribute('href'), location.href).protocol)");
		assertThat(protocols).as(page + ": links are http(s) or mailto only").allMatch(p -> List.of("http:", "https:", "mailto:").contains(p));
	}

	/** A YAML double-quoted scalar. */
	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
