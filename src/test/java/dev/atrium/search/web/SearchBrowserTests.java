package dev.atrium.search.web;

import java.util.List;

import dev.atrium.search.SearchApplicationTest;
import dev.atrium.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search as an engineer uses it, in a real browser: half a name with a typo in the header box, the
 * suggestion picked with the keyboard, the entity's page; then a phrase searched and narrowed with a facet.
 */
class SearchBrowserTests extends SearchApplicationTest {

	@RegisterExtension
	static final Browser browser = new Browser();

	@BeforeEach
	void openTheRunningApplication() {
		awaitDemoIndexed();
		browser.baseUrl("http://localhost:" + this.port);
	}

	@Test
	void typeATypoPickTheSuggestionWithTheKeyboardAndLandOnTheEntity() {
		browser.open("/");
		WebElement box = browser.visible(By.id("global-search"));
		box.sendKeys("paymnet gat");

		WebElement suggestions = browser.visible(By.id("search-suggestions"));
		browser.waitFor(d -> suggestions.getText().contains("Payment gateway"));
		assertThat(box.getDomAttribute("aria-expanded")).isEqualTo("true");
		box.sendKeys(Keys.ARROW_DOWN);
		WebElement first = browser.find(By.id("suggestion-0"));
		assertThat(first.getDomAttribute("aria-selected")).isEqualTo("true");
		assertThat(first.getText()).contains("Payment gateway");
		assertThat(box.getDomAttribute("aria-activedescendant")).isEqualTo("suggestion-0");
		box.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_UP);
		assertThat(first.getDomAttribute("aria-selected")).isEqualTo("true");
		box.sendKeys(Keys.ENTER);

		browser.waitFor(d -> d.getCurrentUrl().endsWith("/catalog/default/component/payment-gateway"));
		assertThat(browser.visible(By.cssSelector("h1")).getText()).isEqualTo("Payment gateway");

		WebElement again = browser.visible(By.id("global-search"));
		again.sendKeys("checkout");
		WebElement list = browser.visible(By.id("search-suggestions"));
		again.sendKeys(Keys.ESCAPE);
		browser.waitFor(d -> !list.isDisplayed());
		assertThat(again.getDomAttribute("aria-expanded")).isEqualTo("false");
	}

	@Test
	void searchAPhraseAndNarrowItWithAFacet() {
		browser.open("/catalog");
		WebElement box = browser.visible(By.id("global-search"));
		box.sendKeys("\"card payments\"", Keys.ENTER);

		browser.waitFor(d -> d.getCurrentUrl().contains("/search?term="));
		browser.visible(By.id("search-hits"));
		List<String> kinds = badges();
		assertThat(kinds).contains("Component", "System");
		assertThat(browser.find(By.id("search-hits")).findElements(By.tagName("mark"))).isNotEmpty();

		browser.find(By.cssSelector("[data-facet=kind] a[data-value=Component]")).click();

		browser.waitFor(d -> d.getCurrentUrl().contains("kind=Component"));
		assertThat(badges()).isNotEmpty().containsOnly("Component");
		assertThat(browser.find(By.id("search-hits")).getText()).contains("Payment gateway");
		assertThat(browser.find(By.cssSelector("[data-facet=kind] a.selected")).getText()).contains("Component");
	}

	private static List<String> badges() {
		return browser.findAll(By.cssSelector("#search-hits .hit-head .badge")).stream().map(WebElement::getText).toList();
	}

}
