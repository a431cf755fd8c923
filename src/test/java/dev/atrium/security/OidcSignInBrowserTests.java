package dev.atrium.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.atrium.support.Browser;
import dev.atrium.support.OidcServer;
import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with a real OpenID Connect provider (Spring Authorization Server, started here) in the
 * browser: the guest sign-in and anonymous reading are off because a provider is configured; the person
 * is found in the catalog by email, the header shows them, and "My ownership" lists what their groups own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.catalog.refresh-interval=1h", "atrium.auth.oidc.name=Test IdP" })
class OidcSignInBrowserTests {

	static final OidcServer oidc = OidcServer.start(Map.of("grace@example.test", "Grace H.", "alan@example.test", "Alan T."));

	static final Path FILES = catalog();

	@RegisterExtension
	static final Browser browser = new Browser();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("atrium.auth.oidc.issuer-uri", oidc::issuer);
		registry.add("atrium.auth.oidc.client-id", () -> OidcServer.CLIENT_ID);
		registry.add("atrium.auth.oidc.client-secret", () -> OidcServer.CLIENT_SECRET);
		registry.add("atrium.catalog.file-roots", FILES::toString);
	}

	@AfterAll
	static void stopTheProvider() {
		oidc.stop();
	}

	@BeforeEach
	void registerTheCatalogOnce() throws Exception {
		oidc.allowRedirect("http://localhost:" + port + "/login/oauth2/code/oidc");
		browser.baseUrl("http://localhost:" + port);
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/catalog/locations?onConflict=refresh"))
				.header("Authorization", TestSignIn.bearer())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"file\",\"target\":\"" + FILES.resolve("org.yaml") + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(201);
		// Signed out of Atrium and of the provider (whose cookies are on localhost too).
		browser.open("/sign-in");
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	void personSignsInWithTheProviderIsTheirCatalogUserAndSeesWhatTheirGroupsOwn() {
		browser.open("/catalog");
		browser.waitFor(driver -> driver.getCurrentUrl().contains("/sign-in"));
		assertThat(browser.findAll(By.id("sign-in-guest"))).as("no guest sign-in next to a provider").isEmpty();

		browser.find(By.id("sign-in-oidc")).click();
		signInAtTheProvider("grace@example.test");

		browser.waitFor(driver -> driver.getCurrentUrl().contains("/catalog?continue"));
		assertThat(browser.visible(By.id("who-name")).getText()).isEqualTo("Grace Hopper");
		assertThat(browser.findAll(By.id("guest-badge"))).isEmpty();
		assertThat(browser.find(By.id("who-name")).getAttribute("href")).endsWith("/catalog/default/user/grace");

		browser.open("/my-ownership");
		assertThat(browser.visible(By.id("my-groups")).getText()).contains("compilers").contains("navy");
		assertThat(browser.find(By.id("owned")).getText()).contains("Cobol compiler").contains("Fleet registry")
			.doesNotContain("Enigma breaker");

		browser.find(By.id("sign-out")).click();
		browser.waitFor(driver -> driver.getCurrentUrl().contains("/sign-in"));
		assertThat(audit("grace@example.test")).as("signing in and out is in the audit log")
			.contains("\"method\":\"SIGN-IN\",\"path\":\"/login/oauth2/code/oidc\"")
			.contains("\"method\":\"SIGN-OUT\",\"path\":\"/sign-out\"");
	}

	private String audit(String actor) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/events?actor=" + actor))
					.header("Authorization", TestSignIn.bearer())
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void personWithoutACatalogUserIsSignedInAndOwnsNothing() {
		browser.open("/sign-in");
		browser.find(By.id("sign-in-oidc")).click();
		signInAtTheProvider("alan@example.test");

		browser.visible(By.id("who-name"));
		assertThat(browser.find(By.id("who-name")).getText()).isEqualTo("Alan T.");
		browser.open("/my-ownership");
		assertThat(browser.text()).contains("No catalog user for you");
	}

	private static void signInAtTheProvider(String email) {
		browser.visible(By.name("username")).sendKeys(email);
		browser.find(By.name("password")).sendKeys(OidcServer.PASSWORD);
		browser.find(By.cssSelector("button[type=submit]")).click();
	}

	private static Path catalog() {
		try {
			Path dir = Files.createTempDirectory("atrium-oidc-").toRealPath();
			Files.writeString(dir.resolve("org.yaml"), """
					apiVersion: backstage.io/v1alpha1
					kind: User
					metadata: {name: grace}
					spec: {profile: {email: Grace@Example.test, displayName: Grace Hopper}, memberOf: [compilers]}
					---
					apiVersion: backstage.io/v1alpha1
					kind: Group
					metadata: {name: compilers}
					spec: {type: team, parent: navy, children: []}
					---
					apiVersion: backstage.io/v1alpha1
					kind: Group
					metadata: {name: navy}
					spec: {type: department, children: [compilers]}
					---
					apiVersion: backstage.io/v1alpha1
					kind: Group
					metadata: {name: bletchley}
					spec: {type: team, children: []}
					---
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata: {name: cobol, title: Cobol compiler}
					spec: {type: library, lifecycle: production, owner: compilers}
					---
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata: {name: fleet, title: Fleet registry}
					spec: {type: service, lifecycle: production, owner: group:navy}
					---
					apiVersion: backstage.io/v1alpha1
					kind: Component
					metadata: {name: enigma, title: Enigma breaker}
					spec: {type: service, lifecycle: production, owner: bletchley}
					""");
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
