package dev.atrium.workflows.openlineage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenLineage RunEvent, checked against the spec and reduced to what Atrium stores.
 *
 * @param type eventType; a missing one is OTHER, as the spec allows
 * @param time eventTime
 * @param runId run.runId
 * @param job job.namespace and job.name
 * @param parentJob the job of the parent run facet (an Airflow DAG for a task), or null
 * @param parentRunId the run of the parent run facet, or null
 * @param runFacets run.facets as sent
 * @param jobFacets job.facets as sent
 * @param inputs the datasets read
 * @param outputs the datasets written
 * @param nominalStart nominalTime facet's nominalStartTime, or null
 * @param nominalEnd nominalTime facet's nominalEndTime, or null
 * @param errorMessage errorMessage facet's message, or null
 * @param jobType jobType facet's processingType (BATCH, STREAMING) as Marquez's job type, or null
 */
public record RunEvent(EventType type, Instant time, UUID runId, JobName job, JobName parentJob, UUID parentRunId,
		ObjectNode runFacets, ObjectNode jobFacets, List<Dataset> inputs, List<Dataset> outputs, Instant nominalStart,
		Instant nominalEnd, String errorMessage, String jobType) {

	/** The spec's eventType values. */
	public enum EventType {

		START, RUNNING, COMPLETE, ABORT, FAIL, OTHER;

		/** The run state a terminal event sets, or null for START, RUNNING and OTHER. */
		String terminalState() {
			return switch (this) {
				case COMPLETE -> "COMPLETED";
				case FAIL -> "FAILED";
				case ABORT -> "ABORTED";
				default -> null;
			};
		}

	}

	/** A job's name in its namespace. */
	public record JobName(String namespace, String name) {

		/** The stored id: a name-based UUID, so writers need no lookup. */
		public UUID id() {
			return nameId("job", namespace, name);
		}

	}

	/** A dataset read or written, with its facets (input or output facets merged in). */
	public record Dataset(String namespace, String name, ObjectNode facets) {

		public UUID id() {
			return nameId("dataset", namespace, name);
		}

	}

	static UUID nameId(String kind, String namespace, String name) {
		return UUID.nameUUIDFromBytes((kind + '\n' + namespace + '\n' + name).getBytes(StandardCharsets.UTF_8));
	}

}
