package dev.atrium;

import java.time.Duration;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.platform.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plugin API as an outsider uses it: the example plugin in {@code com.example.hello} (see
 * docs/plugins.md) is on the test classpath with its own auto-configuration, and nothing in Atrium
 * names it. Its sidebar entry, page, entity tab and ingestion processor must all show up.
 */
@SpringBootTest(properties = "atrium.catalog.demo=true")
@AutoConfigureMockMvc
class PluginApiTests {

	private static final String GATEWAY = "/catalog/default/component/payment-gateway";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Ingestion ingestion;

	@BeforeEach
	void demoCatalogIsIngested() {
		// The test database is shared by every context of a run; the demo registers itself only into an
		// empty catalog, so a test that ran earlier with its own locations would leave it out.
		try {
			ingestion.registerInternal("classpath", "catalog/demo/catalog.yaml", "demo");
		}
		catch (ConflictException ex) {
			// registered already, by this context or an earlier one
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(
					mvc.get().uri("/api/catalog/entities/by-name/component/default/payment-gateway"))
				.hasStatusOk());
	}

	@Test
	void sidebarShowsThePluginsNavigationEntry() throws Exception {
		String sidebar = sidebar(mvc.get().uri("/").exchange().getResponse().getContentAsString());

		assertThat(sidebar).contains("href=\"/hello\"").contains("<span>Hello</span>");
	}

	@Test
	void pluginPageRendersInsideTheLayout() throws Exception {
		assertThat(mvc.get().uri("/hello")).hasStatusOk()
			.bodyText()
			.contains("<title>Hello · Atrium</title>")
			.contains("class=\"sidebar\"")
			.contains("<h1>Hello</h1>")
			.as("components read through EntityLookup, greeted by the processor")
			.containsPattern("<td>hello [a-z0-9-]+</td>");
		String sidebar = sidebar(mvc.get().uri("/hello").exchange().getResponse().getContentAsString());
		assertThat(sidebar).as("the plugin's entry is the active section")
			.containsPattern("href=\"/hello\"[^>]*aria-current=\"page\"|aria-current=\"page\"[^>]*href=\"/hello\"");
	}

	@Test
	void processorAnnotatesComponentsDuringIngestion() {
		assertThat(mvc.get().uri("/api/catalog/entities/by-name/component/default/payment-gateway")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.metadata.annotations['hello.example.com/greeting']")
			.isEqualTo("hello payment-gateway");
	}

	@Test
	void processorLeavesOtherKindsAlone() {
		assertThat(mvc.get().uri("/api/catalog/entities/by-name/system/default/payments")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.metadata.annotations")
			.asMap()
			.doesNotContainKey("hello.example.com/greeting");
	}

	// The entity page's contract: /catalog/{namespace}/{kind}/{name}, plugin tabs link to .../{tabId},
	// and a tab's content alone is served at .../{tabId}/content for htmx to load.

	@Test
	void entityPageLinksToThePluginTab() {
		assertThat(mvc.get().uri(GATEWAY)).hasStatusOk()
			.bodyText()
			.contains("href=\"" + GATEWAY + "/hello\"")
			.contains(">Hello<");
	}

	@Test
	void pluginTabPageLoadsItsContentThroughHtmx() {
		assertThat(mvc.get().uri(GATEWAY + "/hello")).hasStatusOk()
			.bodyText()
			.contains("class=\"sidebar\"")
			.contains("hx-get")
			.contains(GATEWAY + "/hello/content");
	}

	@Test
	void pluginTabContentIsTheFragmentAlone() {
		assertThat(mvc.get().uri(GATEWAY + "/hello/content").header("HX-Request", "true")).hasStatusOk()
			.bodyText()
			.contains("hello-tab")
			.contains("hello, Payment gateway!")
			.contains("payment-gateway")
			.contains("group:payments-team")
			.doesNotContain("class=\"sidebar\"")
			.doesNotContain("<html");
	}

	@Test
	void pluginTabIsOnlyOnTheEntitiesItsFilterSelects() {
		assertThat(mvc.get().uri("/catalog/default/system/payments")).hasStatusOk()
			.bodyText()
			.doesNotContain("/catalog/default/system/payments/hello");
		assertThat(mvc.get().uri("/catalog/default/system/payments/hello").accept("text/html")).hasStatus(404);
		assertThat(mvc.get().uri("/catalog/default/system/payments/hello/content")).hasStatus(404);
	}

	/** The sidebar's markup, so that an assertion cannot be met by the same text elsewhere on the page. */
	private static String sidebar(String html) {
		int start = html.indexOf("<nav class=\"sidebar\"");
		assertThat(start).as("the page has the layout's sidebar").isNotNegative();
		return html.substring(start, html.indexOf("</nav>", start));
	}

}
