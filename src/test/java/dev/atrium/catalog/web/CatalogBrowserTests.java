package dev.atrium.catalog.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.atrium.support.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog as an engineer uses it, in a real browser: register a catalog file through the page,
 * see its entities, filter the catalog, open an entity page and follow a relation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "atrium.catalog.demo=false",
		"atrium.catalog.refresh-interval=1h" })
class CatalogBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	static final Path root = createRoot();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void fileRoots(DynamicPropertyRegistry registry) {
		registry.add("atrium.catalog.file-roots", root::toString);
	}

	@BeforeEach
	void openTheRunningApplication() {
		browser.baseUrl("http://localhost:" + this.port);
	}

	@Test
	void registerFilterOpenAndFollowARelation() {
		browser.signInAsGuest();
		browser.open("/catalog/register");
		browser.find(By.cssSelector("input[name=type][value=file]")).click();
		WebElement target = browser.visible(By.id("target"));
		target.sendKeys(root.resolve("nowhere.yaml").toString());
		browser.find(By.cssSelector("button[value=preview]")).click();
		assertThat(browser.visible(By.id("target-error")).getText()).contains("File not found");

		target = browser.visible(By.id("target"));
		target.clear();
		target.sendKeys(root.resolve("catalog-info.yaml").toString());
		browser.find(By.cssSelector("button[value=preview]")).click();
		assertThat(browser.visible(By.id("preview")).getText()).contains("component:default/orders-service")
			.contains("group:default/team-orders");

		browser.find(By.cssSelector("button[value=import]")).click();
		browser.waitFor(driver -> driver.getCurrentUrl().contains("/catalog/locations/"));
		assertThat(browser.visible(By.cssSelector(".alert-ok")).getText()).contains("Registered");

		browser.open("/catalog");
		browser.waitFor(driver -> driver.findElements(By.cssSelector("#catalog-table tbody tr")).size() >= 2);
		// the page's filter counts may lag a change by a moment (TotalCounts): the next view has them
		browser.waitFor(driver -> {
			if (driver.findElements(By.cssSelector("#filter-type option[value=website]")).isEmpty()) {
				driver.navigate().refresh();
				return false;
			}
			return true;
		});
		new Select(browser.find(By.id("filter-type"))).selectByValue("website");
		browser.waitFor(driver -> driver.getCurrentUrl().contains("type=website"));
		assertThat(browser.findAll(By.cssSelector("#catalog-table tbody tr"))).hasSize(1);
		assertThat(browser.find(By.id("catalog-table")).getText()).contains("Orders web").doesNotContain("Orders service");

		browser.open("/catalog?kind=component&text=service");
		browser.waitFor(driver -> driver.findElements(By.cssSelector("#catalog-table tbody tr")).size() == 1);
		assertThat(browser.findAll(By.cssSelector("#catalog-table tbody tr"))).hasSize(1);
		browser.find(By.linkText("Orders service")).click();

		assertThat(browser.visible(By.cssSelector("h1")).getText()).isEqualTo("Orders service");
		assertThat(browser.find(By.id("about")).getText()).contains("team-orders").contains("Takes orders");
		browser.find(By.cssSelector("#relations a[data-relation=ownedBy]")).click();

		assertThat(browser.visible(By.cssSelector("h1")).getText()).isEqualTo("Orders team");
		assertThat(browser.find(By.id("ownership")).getText()).contains("Orders service").contains("Orders web");
	}

	@Test
	void chooseAnOwnerThroughTheTypeaheadThenTypeATag() throws Exception {
		registerByApi("billing.yaml");
		browser.signInAsGuest();
		browser.open("/catalog?kind=component");
		WebElement owner = browser.visible(By.id("filter-owner"));
		owner.sendKeys("billi");
		// the list is replaced as the typing goes on: choose the one suggestion once it is the only one
		browser.waitFor(driver -> {
			try {
				var options = driver.findElements(By.cssSelector("#owner-suggestions a[role=option]"));
				if (options.size() == 1 && options.get(0).isDisplayed() && options.get(0).getText().contains("team-billing")
						&& options.get(0).getText().contains("2")) {
					options.get(0).click();
					return true;
				}
				return false;
			}
			catch (org.openqa.selenium.StaleElementReferenceException ex) {
				return false;
			}
		});

		browser.waitFor(driver -> driver.getCurrentUrl().contains("owner=group:default/team-billing"));
		assertThat(browser.find(By.id("catalog-table")).getText()).contains("Billing ledger")
			.contains("Billing web")
			.doesNotContain("Orders");
		assertThat(browser.find(By.id("filter-owner")).getAttribute("value")).isEqualTo("group:default/team-billing");

		WebElement tag = browser.find(By.id("filter-tag"));
		tag.sendKeys("ledger");
		tag.sendKeys(org.openqa.selenium.Keys.ENTER); // a plain GET form: the typed tag is submitted as is
		browser.waitFor(driver -> driver.getCurrentUrl().contains("tag=ledger"));
		assertThat(browser.driver().getCurrentUrl()).contains("owner=group");
		browser.waitFor(driver -> driver.findElements(By.cssSelector("#catalog-table tbody tr")).size() == 1);
		assertThat(browser.find(By.id("catalog-table")).getText()).contains("Billing ledger").doesNotContain("Billing web");
	}

	@Test
	void descriptorFieldsStayInertOnThePage() throws Exception {
		registerByApi("xss.yaml");

		browser.open("/catalog/default/component/xss-probe");
		WebElement about = browser.visible(By.id("about"));
		assertThat(about.getText()).contains("<img src=x onerror=alert(1)>");
		assertThat(browser.findAll(By.cssSelector("#about img"))).isEmpty();
		assertThat((Object) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("return window.pwned"))
			.isNull();
	}

	private void registerByApi(String file) throws Exception {
		var http = java.net.http.HttpClient.newHttpClient();
		var register = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
				+ "/api/catalog/locations?onConflict=refresh"))
			.header("Content-Type", "application/json")
			.header("Authorization", dev.atrium.support.TestSignIn.bearer())
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"file\",\"target\":\""
					+ root.resolve(file) + "\"}"))
			.build();
		assertThat(http.send(register, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
	}

	private static Path createRoot() {
		try {
			Path dir = Files.createTempDirectory("atrium-browser-catalog");
			Files.writeString(dir.resolve("catalog-info.yaml"), """
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata:
					  name: orders-service
					  title: Orders service
					  description: Takes orders and writes them to the ledger.
					spec:
					  type: service
					  lifecycle: production
					  owner: team-orders
					---
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata:
					  name: orders-web
					  title: Orders web
					  description: The web shop's order pages.
					spec:
					  type: website
					  lifecycle: experimental
					  owner: team-orders
					---
					apiVersion: backstage.io/v1alpha1
					kind: Group
					metadata:
					  name: team-orders
					  title: Orders team
					spec:
					  type: team
					  children: []
					""");
			Files.writeString(dir.resolve("billing.yaml"), """
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata:
					  name: billing-ledger
					  title: Billing ledger
					  tags: [ledger, java]
					spec:
					  type: library
					  lifecycle: production
					  owner: team-billing
					---
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata:
					  name: billing-web
					  title: Billing web
					  tags: [web]
					spec:
					  type: documentation
					  lifecycle: production
					  owner: team-billing
					""");
			Files.writeString(dir.resolve("xss.yaml"), """
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata:
					  name: xss-probe
					  description: "<img src=x onerror=alert(1)><script>window.pwned=1</script>"
					spec:
					  type: library
					  lifecycle: experimental
					  owner: team-orders
					""");
			return dir;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
