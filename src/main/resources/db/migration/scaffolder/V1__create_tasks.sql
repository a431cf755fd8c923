-- Scaffolder tasks: one row per run of a template, claimed by any instance (FOR UPDATE SKIP LOCKED)
-- and held by a lease its worker renews; an expired lease means the instance died.
CREATE TABLE scaffolder_tasks (
    id                uuid PRIMARY KEY,
    template_ref      text        NOT NULL,
    spec              jsonb       NOT NULL,  -- template steps/output, parameters without secrets, user
    status            text        NOT NULL,  -- open | processing | completed | failed | cancelled
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    claimed_by        text,
    lease_until       timestamptz,
    last_heartbeat_at timestamptz,
    cancel_requested  boolean     NOT NULL DEFAULT false,
    state             jsonb       NOT NULL DEFAULT '{}'::jsonb,  -- steps (status, times, output), output
    error             text,
    secrets           bytea,     -- AES-GCM encrypted JSON; removed when the task completes or is cancelled
    workspace         bytea,     -- the zipped workspace of a failed task, for a retry on any instance
    attempts          integer     NOT NULL DEFAULT 0
);

CREATE INDEX scaffolder_tasks_open ON scaffolder_tasks (created_at) WHERE status = 'open';
CREATE INDEX scaffolder_tasks_leases ON scaffolder_tasks (lease_until) WHERE status = 'processing';
CREATE INDEX scaffolder_tasks_by_creator ON scaffolder_tasks (created_by, created_at DESC);
CREATE INDEX scaffolder_tasks_by_time ON scaffolder_tasks (created_at DESC);

CREATE TABLE scaffolder_task_events (
    id         bigserial PRIMARY KEY,
    task_id    uuid        NOT NULL REFERENCES scaffolder_tasks (id) ON DELETE CASCADE,
    event_type text        NOT NULL,  -- log | completion | cancelled | recovered
    body       jsonb       NOT NULL,  -- {message, stepId?, status?, output?}
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX scaffolder_task_events_by_task ON scaffolder_task_events (task_id, id);
