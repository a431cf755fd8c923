-- Read-benchmark data for workflows, written straight into the tables (the ingestion path is
-- measured separately by IngestDriver): :pipelines pipelines of :runs runs each (1,000 x 1,000 =
-- a million pipeline runs); every tenth pipeline is an Airflow DAG with 4 tasks and a task run for
-- each of its runs (another 400,000 runs); pipeline i reads dataset i-1 and writes dataset i, so
-- lineage chains through them. About 4 % of runs fail with an error message; 3 % of pipelines'
-- latest runs failed. Run with:
--   psql -v pipelines=1000 -v runs=1000 -f bench/workflows/seed.sql atrium_bench
\set ON_ERROR_STOP on
-- Job and dataset ids as the writer derives them (Job.idOf, Datasets.idOf): Java's
-- UUID.nameUUIDFromBytes of 'job' or 'dataset', namespace and name joined by newlines, i.e. MD5 with
-- the version (3) and variant bits set. Lookups by name (pages, Marquez's API) compute the same id.
CREATE FUNCTION pg_temp.name_id(kind text, namespace text, name text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$
  SELECT (substr(h, 1, 12) || '3' || substr(h, 14, 3)
          || to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8) || substr(h, 18))::uuid
  FROM (SELECT md5(kind || E'\n' || namespace || E'\n' || name) AS h) x
$$;
BEGIN;
DELETE FROM workflows_job_datasets; DELETE FROM workflows_datasets; DELETE FROM workflows_runs; DELETE FROM workflows_jobs;

INSERT INTO workflows_jobs (id, namespace, name, parent_id, facets, created_at, updated_at)
SELECT pg_temp.name_id('job', 'bench', 'pipeline_' || p), 'bench', 'pipeline_' || p, NULL, '{}', now() - interval '1001 hours', now()
FROM generate_series(1, :pipelines) p;

INSERT INTO workflows_jobs (id, namespace, name, parent_id, facets, created_at, updated_at)
SELECT pg_temp.name_id('job', 'bench', 'pipeline_' || p || '.task_' || t), 'bench', 'pipeline_' || p || '.task_' || t,
       pg_temp.name_id('job', 'bench', 'pipeline_' || p), '{}', now() - interval '1001 hours', now()
FROM generate_series(10, :pipelines, 10) p, generate_series(1, 4) t;

-- Run r of pipeline p started r hours ago (r = 1 newest); durations vary by pipeline and run.
INSERT INTO workflows_runs (id, job_id, parent_run_id, state, run_at, started_at, ended_at, facets, error_message,
                            inputs, outputs, updated_at)
SELECT md5('run ' || p || ' ' || r)::uuid, pg_temp.name_id('job', 'bench', 'pipeline_' || p), NULL,
       CASE WHEN (p * 31 + r * 17) % 25 = 0 OR (r = 1 AND p % 33 = 0) THEN 'FAILED' ELSE 'COMPLETED' END,
       now() - r * interval '1 hour', now() - r * interval '1 hour',
       now() - r * interval '1 hour' + ((300 + (p * 7 + r * 13) % 600) || ' seconds')::interval,
       '{"nominalTime": {"nominalStartTime": "2026-01-01T00:00:00Z"}}',
       CASE WHEN (p * 31 + r * 17) % 25 = 0 OR (r = 1 AND p % 33 = 0) THEN 'java.lang.IllegalStateException: bench failure ' || p || '/' || r END,
       '[]', '[]', now() - r * interval '1 hour'
FROM generate_series(1, :pipelines) p, generate_series(1, :runs) r;

INSERT INTO workflows_runs (id, job_id, parent_run_id, state, run_at, started_at, ended_at, facets, inputs, outputs, updated_at)
SELECT md5('task ' || p || ' ' || r || ' ' || t)::uuid, pg_temp.name_id('job', 'bench', 'pipeline_' || p || '.task_' || t),
       md5('run ' || p || ' ' || r)::uuid, 'COMPLETED',
       now() - r * interval '1 hour' + (t * 60 || ' seconds')::interval, now() - r * interval '1 hour' + (t * 60 || ' seconds')::interval,
       now() - r * interval '1 hour' + (t * 60 + 50 || ' seconds')::interval, '{}', '[]', '[]', now() - r * interval '1 hour'
FROM generate_series(10, :pipelines, 10) p, generate_series(1, :runs) r, generate_series(1, 4) t;

INSERT INTO workflows_datasets (id, namespace, name, facets, created_at, updated_at)
SELECT pg_temp.name_id('dataset', 's3://bench', 'ds_' || d), 's3://bench', 'ds_' || d, '{}', now(), now()
FROM generate_series(0, :pipelines) d;

INSERT INTO workflows_job_datasets (job_id, dataset_id, direction, last_seen)
SELECT pg_temp.name_id('job', 'bench', 'pipeline_' || p), pg_temp.name_id('dataset', 's3://bench', 'ds_' || (p - 1)), 'in', now()
FROM generate_series(1, :pipelines) p
UNION ALL
SELECT pg_temp.name_id('job', 'bench', 'pipeline_' || p), pg_temp.name_id('dataset', 's3://bench', 'ds_' || p), 'out', now()
FROM generate_series(1, :pipelines) p;

UPDATE workflows_jobs j SET (latest_run_id, latest_run_at, latest_state, latest_started_at, latest_ended_at) =
  (SELECT id, run_at, state, started_at, ended_at FROM workflows_runs r WHERE r.job_id = j.id ORDER BY run_at DESC, id DESC LIMIT 1),
  last_completed_at = (SELECT max(ended_at) FROM workflows_runs c WHERE c.job_id = j.id AND c.state = 'COMPLETED');
-- The 20 latest runs' states and durations (atrium.workflows.recent-runs), as RunWriter keeps them.
UPDATE workflows_jobs j SET (recent_states, recent_durations, recent_ended) =
  (SELECT array_agg(x.state ORDER BY x.run_at DESC, x.id DESC),
          array_agg(floor(extract(epoch FROM x.ended_at) * 1000)::bigint - floor(extract(epoch FROM x.started_at) * 1000)::bigint
                    ORDER BY x.run_at DESC, x.id DESC),
          array_agg(x.ended_at IS NOT NULL ORDER BY x.run_at DESC, x.id DESC)
   FROM (SELECT * FROM workflows_runs r WHERE r.job_id = j.id ORDER BY run_at DESC, id DESC LIMIT 20) x);
COMMIT;
VACUUM ANALYZE workflows_jobs; VACUUM ANALYZE workflows_runs; VACUUM ANALYZE workflows_datasets; VACUUM ANALYZE workflows_job_datasets;
SELECT (SELECT count(*) FROM workflows_jobs) AS jobs, (SELECT count(*) FROM workflows_runs) AS runs;
