/**
 * Workflows: data-pipeline status pages fed by OpenLineage. Schedulers (Airflow, Spark, dbt, ...)
 * send RunEvents to {@code POST /api/v1/lineage}; the pages under {@code /workflows} show pipelines,
 * runs, failures, freshness and lineage, next to their owners from the catalog (read through the
 * platform's EntityLookup).
 * <p>
 * By design the API is not under {@code /api/workflows}: it is Marquez's {@code /api/v1/...}, the path
 * OpenLineage HTTP transports post to by default and Marquez clients read from, so a scheduler points at
 * Atrium with one setting (ADR 0009).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.atrium.workflows;
