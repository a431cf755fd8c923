-- The pipelines index shows, for every pipeline, a trend of its latest runs' durations and their
-- success rate. Kept in the job row at ingestion (RunWriter's job summaries statement, newest first,
-- atrium.workflows.recent-runs of them), the index reads one row per pipeline and no runs at all:
-- with 1,000 pipelines of 1,000 runs each, reading 20,000 runs per view cost more than the page.
--   recent_states     state of each run
--   recent_durations  milliseconds from start to end, null while either is unknown
--   recent_ended      whether the run has an end time
ALTER TABLE workflows_jobs
  ADD COLUMN recent_states text[] NOT NULL DEFAULT '{}',
  ADD COLUMN recent_durations bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN recent_ended boolean[] NOT NULL DEFAULT '{}';

-- Jobs stored before: their 20 latest runs (the default of atrium.workflows.recent-runs).
UPDATE workflows_jobs j SET recent_states = r.states, recent_durations = r.durations, recent_ended = r.ended
FROM (SELECT t.id, array_agg(x.state ORDER BY x.run_at DESC, x.id DESC) AS states,
             array_agg(x.duration ORDER BY x.run_at DESC, x.id DESC) AS durations,
             array_agg(x.ended_at IS NOT NULL ORDER BY x.run_at DESC, x.id DESC) AS ended
      FROM workflows_jobs t
      CROSS JOIN LATERAL (SELECT w.id, w.state, w.run_at, w.ended_at,
                                 floor(extract(epoch FROM w.ended_at) * 1000)::bigint
                                   - floor(extract(epoch FROM w.started_at) * 1000)::bigint AS duration
                          FROM workflows_runs w WHERE w.job_id = t.id ORDER BY w.run_at DESC, w.id DESC LIMIT 20) x
      GROUP BY t.id) r
WHERE j.id = r.id;
