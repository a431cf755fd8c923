package dev.atrium.security;

import java.nio.file.Path;
import java.util.Map;

import dev.atrium.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and out in a real browser: the header shows who is signed in (the guest clearly marked),
 * forms and htmx requests carry their CSRF token, and a refusal is a page that says why.
 */
class SignInBrowserTests extends SecurityApplicationTest {

	@RegisterExtension
	static final Browser browser = new Browser();

	@BeforeEach
	void openTheApplication() {
		browser.baseUrl("http://localhost:" + port);
		browser.signOut();
	}

	@Test
	void guestSignsInIsMarkedInTheHeaderAndSignsOut() {
		browser.open("/");
		assertThat(browser.findAll(By.id("guest-badge"))).isEmpty();
		browser.find(By.id("sign-in-link")).click();

		browser.visible(By.id("sign-in-guest")).click();
		browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("guest-badge")));
		assertThat(browser.find(By.id("who")).getText()).contains("Guest sign-in").contains("Guest").contains("Sign out");
		assertThat(browser.findAll(By.id("sign-in-link"))).isEmpty();

		browser.find(By.id("sign-out")).click();
		browser.visible(By.id("sign-in-link"));
		assertThat(browser.findAll(By.id("guest-badge"))).isEmpty();
	}

	@Test
	void signedInGuestRegistersRefreshesWithHtmxAndMayUnregisterOnlyWhatItMayChange() {
		org();
		String theirs = register(CI, write("theirs.yaml", component(token + "-theirs", token + "-rivals")));
		Path ours = write("ours.yaml", component(token + "-ours", token + "-team"));
		browser.open("/catalog/register");
		assertThat(browser.visible(By.id("sign-in-to-register")).getText()).contains("Sign in to register");
		browser.open("/catalog/locations/" + theirs);
		assertThat(browser.findAll(By.id("unregister"))).as("no buttons that would only be refused").isEmpty();
		browser.find(By.id("sign-in-to-change")).click();
		browser.visible(By.id("sign-in-guest")).click();
		browser.visible(By.id("guest-badge"));

		browser.open("/catalog/register");
		browser.find(By.cssSelector("input[name=type][value=file]")).click();
		browser.visible(By.id("target")).sendKeys(ours.toString());
		browser.find(By.cssSelector("button[value=preview]")).click();
		browser.visible(By.cssSelector("button[value=import]")).click();
		browser.waitFor(driver -> driver.getCurrentUrl().contains("/catalog/locations/"));
		String location = browser.driver().getCurrentUrl().replaceAll(".*/catalog/locations/", "");
		assertThat(registrar(location)).isEqualTo("guest");

		Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				document.body.addEventListener('htmx:afterRequest', (e) => done(e.detail.xhr.status), { once: true });
				htmx.ajax('POST', '/catalog/locations/' + arguments[0] + '/refresh', { target: 'body', swap: 'none' });""",
				location);
		assertThat(status).as("htmx sends the CSRF token from the meta tag").isEqualTo(200L);

		browser.open("/catalog/locations/" + theirs);
		browser.find(By.cssSelector("form[action$='/unregister'] button")).click();
		browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
		assertThat(browser.visible(By.cssSelector(".error-page")).getText()).contains("403").contains(PathRules.NOT_OWNER);

		browser.open("/catalog/locations/" + location);
		browser.find(By.cssSelector("form[action$='/unregister'] button")).click();
		browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
		browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/catalog/locations"));
		assertThat(call(null, "GET", "/api/catalog/locations/" + location, null, Map.of()).status()).isEqualTo(404);

		browser.open("/audit?actor=guest");
		assertThat(browser.visible(By.id("audit")).getText()).contains("POST /catalog/locations/" + location + "/unregister")
			.contains("POST /catalog/locations/" + theirs + "/unregister 403")
			.contains("POST /catalog/register")
			.contains("POST /sign-in/guest");
	}

}
