-- Backstage's clients list a person's tasks by their user entity ref (createdBy=user:default/ada),
-- which the task keeps in spec.user.ref; Atrium's pages list them by name (created_by).
CREATE INDEX scaffolder_tasks_by_user_ref ON scaffolder_tasks ((spec -> 'user' ->> 'ref'), created_at DESC);
