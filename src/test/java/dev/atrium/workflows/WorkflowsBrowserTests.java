package dev.atrium.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.atrium.support.TestSignIn;
import dev.atrium.support.Browser;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data engineer's morning, in a real browser: the OpenLineage client reports a failing DAG run,
 * the pipelines index turns red, the pipeline page shows the error, and the lineage leads to the
 * downstream pipeline that the failure breaks.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false", "atrium.workflows.demo=false" })
class WorkflowsBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(6, ChronoUnit.HOURS);

	@LocalServerPort
	int port;

	OpenLineageEmitter client;

	@BeforeEach
	void openTheRunningApplication() {
		browser.baseUrl("http://localhost:" + port);
		client = new OpenLineageEmitter("http://localhost:" + port, TestSignIn.TOKEN);
	}

	@AfterEach
	void close() throws Exception {
		client.close();
	}

	@Test
	void aFailingRunTurnsTheIndexRedAndTheLineageLeadsDownstream() {
		client.dagRun("browser-airflow", "orders_daily", T0, List.of("extract", "load"), null, null,
				List.of("raw.orders"), List.of("mart.orders_daily"));
		UUID report = UUID.randomUUID();
		client.emit(EventType.START, T0.plusSeconds(900), report, "browser-airflow", "finance_report", null, null, null,
				List.of("mart.orders_daily"), List.of("reports.finance"));
		client.emit(EventType.COMPLETE, T0.plusSeconds(960), report, "browser-airflow", "finance_report", null, null, null,
				List.of("mart.orders_daily"), List.of("reports.finance"));

		browser.open("/workflows?namespace=browser-airflow");
		WebElement row = browser.visible(By.cssSelector("tr[data-pipeline='browser-airflow/orders_daily']"));
		assertThat(row.getAttribute("data-state")).isEqualTo("COMPLETED");
		assertThat(row.getAttribute("class")).doesNotContain("row-failed");

		client.dagRun("browser-airflow", "orders_daily", T0.plus(1, ChronoUnit.HOURS), List.of("extract", "load"), "load",
				"psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"orders_daily_pkey\"",
				List.of("raw.orders"), List.of("mart.orders_daily"));

		browser.open("/workflows?namespace=browser-airflow");
		row = browser.visible(By.cssSelector("tr[data-pipeline='browser-airflow/orders_daily']"));
		assertThat(row.getAttribute("data-state")).isEqualTo("FAILED");
		assertThat(row.getAttribute("class")).contains("row-failed");
		assertThat(row.findElement(By.cssSelector(".badge-bad")).getText()).isEqualTo("Failed");
		assertThat(browser.find(By.id("failing-count")).getText()).isEqualTo("1 failing");
		List<WebElement> rows = browser.findAll(By.cssSelector("#pipelines-table tbody tr"));
		assertThat(rows.get(0).getAttribute("data-pipeline")).as("failing first").isEqualTo("browser-airflow/orders_daily");
		assertThat(browser.findAll(By.cssSelector("#results .empty-state"))).as("no empty state under a list of pipelines").isEmpty();

		row.findElement(By.linkText("orders_daily")).click();
		WebElement failure = browser.visible(By.id("latest-failure"));
		assertThat(failure.getText()).contains("duplicate key value violates unique constraint").contains("load");
		assertThat(browser.findAll(By.cssSelector("#run-grid rect.state-failed"))).isNotEmpty();

		WebElement downstream = browser.visible(By.cssSelector("#lineage a.downstream"));
		assertThat(downstream.getText()).isEqualTo("finance_report");
		assertThat(browser.findAll(By.cssSelector("#lineage g.failed"))).as("the failed pipeline is marked").isNotEmpty();
		downstream.click();
		browser.waitFor(d -> d.getCurrentUrl().endsWith("/workflows/pipelines/browser-airflow/finance_report"));
		assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("finance_report");
		assertThat(browser.find(By.id("lineage")).getText()).contains("orders_daily");
	}

}
