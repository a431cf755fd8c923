package dev.atrium.web;

import dev.atrium.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page and the layout in a real browser: what MockMvc cannot see (scripts, focus, rendering). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "atrium.catalog.demo=false")
class HomePageBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@BeforeEach
	void openTheRunningApplication() {
		browser.baseUrl("http://localhost:" + this.port);
	}

	@Test
	void homePageWelcomesTheUser() {
		browser.open("/");

		assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("Welcome to Atrium");
		assertThat(browser.title()).contains("Atrium");
	}

	@Test
	void sidebarLinksToHome() {
		browser.open("/");

		WebElement home = browser.visible(By.xpath("//nav[contains(@class,'sidebar')]//a[normalize-space(.)='Home']"));
		assertThat(home.getDomProperty("href")).isEqualTo("http://localhost:" + this.port + "/");
		assertThat(home.getDomAttribute("aria-current")).isEqualTo("page");
	}

	@Test
	void slashFocusesTheHeaderSearch() {
		browser.open("/");
		WebElement search = browser.visible(By.id("global-search"));
		assertThat(browser.focused()).isNotEqualTo(search);

		new Actions(browser.driver()).sendKeys("/").perform();

		browser.waitFor((driver) -> search.equals(driver.switchTo().activeElement()));
		assertThat(search.getDomProperty("value")).as("the '/' is not typed into the box").isEmpty();
	}

	@Test
	void unknownUrlShowsTheFriendlyNotFoundPage() {
		browser.open("/no/such/page");

		String text = browser.visible(By.tagName("main")).getText();
		assertThat(text).contains("Not Found").contains("Go home");
		assertThat(browser.text()).doesNotContain("Exception")
			.doesNotContain("Whitelabel")
			.doesNotContain("at dev.atrium")
			.doesNotContain("at org.springframework");
		assertThat(browser.findAll(By.cssSelector("nav.sidebar a"))).as("the 404 page keeps the layout").isNotEmpty();
	}

}
