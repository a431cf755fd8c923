package dev.atrium.workflows;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On an empty database with the demo on, the demo catalog's pipelines get run histories: owned by
 * the data team through their annotations, one failing with its error, one late; the entity pages
 * get a Pipeline tab and the team's page lists what needs attention.
 */
@SpringBootTest(properties = { "atrium.catalog.demo=true", "atrium.workflows.demo=true",
		"atrium.workflows.owner-refresh=0s" })
@AutoConfigureMockMvc
class DemoPipelinesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WorkflowsDemo demo;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void catalogIsIngested() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
				assertThat(body("/workflows")).contains("Daily sales ETL").contains("Recommendations training"));
	}

	private String body(String uri) throws Exception {
		var result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	@Test
	void theIndexShowsTheFailingPipelineFirstThenTheLateOne() throws Exception {
		String html = body("/workflows");
		int failing = html.indexOf("data-pipeline=\"brightwave-spark/recommendations_training\" data-state=\"FAILED\"");
		int late = html.indexOf("data-pipeline=\"brightwave-airflow/listening_sessions_rollup\"");
		int ok = html.indexOf("data-pipeline=\"brightwave-airflow/daily_sales_etl\" data-state=\"COMPLETED\"");
		assertThat(failing).isPositive().isLessThan(late);
		assertThat(late).isLessThan(ok);
		assertThat(html).contains(">Late<").contains(">data-team<");
	}

	@Test
	void thePipelinePagesShowTasksErrorsAndLineage() throws Exception {
		String sales = body("/workflows/pipelines/brightwave-airflow/daily_sales_etl");
		assertThat(sales).contains(">convert_currency<").contains("ECB reference rates").contains("payments.public.orders");
		String training = body("/workflows/pipelines/brightwave-spark/recommendations_training");
		assertThat(training).contains("java.lang.OutOfMemoryError: Java heap space")
			.contains("data-node=\"job:brightwave-airflow:listening_sessions_rollup\"");
	}

	@Test
	void entityPagesGetAPipelineTabAndTheTeamSeesWhatNeedsAttention() throws Exception {
		assertThat(body("/catalog/default/component/recommendations-training")).contains("/pipeline\"");
		String tab = body("/catalog/default/component/recommendations-training/pipeline/content");
		assertThat(tab).contains("brightwave-spark/recommendations_training").contains("OutOfMemoryError").contains(">Failed<");
		String team = body("/catalog/default/group/data-team/pipelines/content");
		assertThat(team).contains("data-pipeline=\"brightwave-spark/recommendations_training\"")
			.contains("data-pipeline=\"brightwave-airflow/listening_sessions_rollup\"")
			.doesNotContain("data-pipeline=\"brightwave-airflow/daily_sales_etl\"");
		assertThat(mvc.get().uri("/catalog/default/component/payment-gateway/pipeline/content")).hasStatus(404);
	}

	@Test
	void generatingAgainChangesNothing() {
		String count = "SELECT count(*) || '/' || count(*) FILTER (WHERE state = 'FAILED') FROM workflows_runs";
		String before = jdbc.sql(count).query(String.class).single();
		demo.generate(demo.generatedAt());
		assertThat(jdbc.sql(count).query(String.class).single()).isEqualTo(before);
	}

}
