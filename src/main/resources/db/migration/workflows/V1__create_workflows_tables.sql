-- Workflows: what OpenLineage events say about data pipelines. Jobs (an Airflow DAG and its
-- tasks), their runs, and the datasets jobs read and write. Ids of jobs and datasets are derived
-- from their names (name-based UUIDs computed by the writer), so a batch of events is written with
-- a few set-based statements and no lookups. No foreign keys: the only writer is RunWriter, which
-- writes a job before its runs in the same transaction; the ingestion benchmark pays for none.

CREATE TABLE workflows_jobs (
  id                uuid PRIMARY KEY,                -- name-based UUID of namespace and name
  namespace         text NOT NULL,
  name              text NOT NULL,
  parent_id         uuid,                            -- the DAG of a task (from the parent run facet)
  facets            jsonb NOT NULL DEFAULT '{}',
  facets_at         timestamptz NOT NULL DEFAULT '-infinity',
  created_at        timestamptz NOT NULL,            -- earliest event time seen: freshness baseline
  updated_at        timestamptz NOT NULL,            -- latest event time seen
  -- The latest run (by run_at), kept here so the pipelines index reads one row per pipeline.
  latest_run_id     uuid,
  latest_run_at     timestamptz,
  latest_state      text,
  latest_started_at timestamptz,
  latest_ended_at   timestamptz,
  last_completed_at timestamptz,                    -- freshness: when a run last completed
  UNIQUE (namespace, name)
);
CREATE INDEX workflows_jobs_parent_idx ON workflows_jobs (parent_id);
CREATE INDEX workflows_jobs_top_idx ON workflows_jobs (namespace, name) WHERE parent_id IS NULL;

CREATE TABLE workflows_runs (
  id             uuid PRIMARY KEY,                   -- run.runId
  job_id         uuid NOT NULL,
  parent_run_id  uuid,                               -- the DAG run of a task run
  state          text NOT NULL,                      -- NEW, RUNNING, COMPLETED, FAILED, ABORTED
  run_at         timestamptz NOT NULL,               -- earliest event time seen: orders runs
  started_at     timestamptz,                        -- START (or first RUNNING) event time
  ended_at       timestamptz,                        -- time of the terminal event that decided the state
  nominal_start  timestamptz,
  nominal_end    timestamptz,
  facets         jsonb NOT NULL DEFAULT '{}',        -- run facets, merged in event-time order
  facets_at      timestamptz NOT NULL DEFAULT '-infinity',
  error_message  text,                               -- errorMessage facet, kept for pages
  inputs         jsonb NOT NULL DEFAULT '[]',
  outputs        jsonb NOT NULL DEFAULT '[]',
  -- A DAG run only its task runs mentioned (parent run facet): its state is derived from theirs
  -- until an event of its own arrives.
  derived        boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL                -- latest event time seen (a repeated event changes nothing)
);
CREATE INDEX workflows_runs_job_idx ON workflows_runs (job_id, run_at DESC, id DESC);
CREATE INDEX workflows_runs_parent_idx ON workflows_runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
CREATE INDEX workflows_runs_failed_idx ON workflows_runs (job_id, run_at DESC) WHERE state = 'FAILED';

CREATE TABLE workflows_datasets (
  id          uuid PRIMARY KEY,                      -- name-based UUID of namespace and name
  namespace   text NOT NULL,
  name        text NOT NULL,
  facets      jsonb NOT NULL DEFAULT '{}',
  facets_at   timestamptz NOT NULL DEFAULT '-infinity',
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  UNIQUE (namespace, name)
);

-- Which job reads (direction 'in') or writes ('out') which dataset: the lineage graph's edges.
CREATE TABLE workflows_job_datasets (
  job_id      uuid NOT NULL,
  dataset_id  uuid NOT NULL,
  direction   text NOT NULL CHECK (direction IN ('in', 'out')),
  last_seen   timestamptz NOT NULL,
  PRIMARY KEY (job_id, direction, dataset_id)
);
CREATE INDEX workflows_job_datasets_dataset_idx ON workflows_job_datasets (dataset_id, direction);
