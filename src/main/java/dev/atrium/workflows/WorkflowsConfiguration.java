package dev.atrium.workflows;

import java.time.Clock;

import dev.atrium.platform.NavigationEntry;
import dev.atrium.platform.Plugin;
import dev.atrium.workflows.openlineage.EventParser;
import dev.atrium.workflows.openlineage.RunWriter;
import dev.atrium.workflows.run.Pipelines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Workflows as a plugin: its declaration, sidebar entry, and the ingestion beans. */
@Configuration(proxyBeanMethods = false)
class WorkflowsConfiguration {

	@Bean
	Plugin workflowsPlugin() {
		return new Plugin("workflows", "Workflows", "pipeline");
	}

	@Bean
	NavigationEntry workflowsNavigation() {
		return new NavigationEntry("Pipelines", "pipeline", "/workflows", 30);
	}

	@Bean
	EventParser lineageEventParser(JsonMapper json, WorkflowsProperties properties, ObjectProvider<Clock> clock) {
		return new EventParser(json, properties.maxEventsPerRequest(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean(destroyMethod = "close")
	RunWriter lineageRunWriter(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json,
			WorkflowsProperties properties, PipelineChanges changes, Pipelines pipelines) {
		return new RunWriter(jdbc, transactions, json, properties.batchSize(), properties.queueSize(),
				properties.writeTimeout(), properties.recentRuns(), properties.writers(), touched -> {
					pipelines.changed(touched.ids());
					changes.add(touched.keys());
				});
	}

}
