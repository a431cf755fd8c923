package dev.atrium.workflows.openlineage;

/**
 * The statements {@link RunWriter} runs for a batch, one per table, each reading its rows from one
 * jsonb parameter. Each combines a row with what is stored the way {@link RunBatch#merge} combines
 * two observations of a run, so writes are idempotent and independent of arrival order. Rows come
 * sorted by id, so two instances writing at once lock in the same order.
 */
final class RunStatements {

	private RunStatements() {
	}

	/**
	 * For the writer's transaction: no sequential scans. Every statement finds its rows by key, and
	 * its plan must not depend on how big the tables were when it was planned: the driver prepares a
	 * statement on the server after a few runs and PostgreSQL then keeps a generic plan, which,
	 * planned while the tables were small (a new installation), read workflows_runs and
	 * workflows_jobs whole (hash joins over sequential scans) and went on doing so as they grew, until
	 * an ANALYZE (ingestion fell from 10,000 to 500 events/s over 60,000 runs). Planning every
	 * statement anew instead (plan_cache_mode) cost more than a third of the writer's time per batch.
	 */
	static final String INDEX_PLANS = "SELECT set_config('enable_seqscan', 'off', true)";

	static final String JOBS = """
			INSERT INTO workflows_jobs AS j (id, namespace, name, parent_id, has_children, facets, facets_at, created_at, updated_at)
			SELECT x.id, x.namespace, x.name, x.parent_id, x.has_children, x.facets, coalesce(x.facets_at, '-infinity'), x.first_at,
			  x.last_at
			FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, namespace text, name text, parent_id uuid, has_children boolean,
			  facets jsonb, facets_at timestamptz, first_at timestamptz, last_at timestamptz)
			ORDER BY x.id
			ON CONFLICT (id) DO UPDATE SET
			  parent_id = coalesce(excluded.parent_id, j.parent_id),
			  has_children = j.has_children OR excluded.has_children,
			  facets = CASE WHEN excluded.facets_at >= j.facets_at THEN j.facets || excluded.facets ELSE excluded.facets || j.facets END,
			  facets_at = greatest(j.facets_at, excluded.facets_at),
			  created_at = least(j.created_at, excluded.created_at),
			  updated_at = greatest(j.updated_at, excluded.updated_at)
			WHERE (excluded.parent_id IS NOT NULL AND excluded.parent_id IS DISTINCT FROM j.parent_id)
			   OR (excluded.has_children AND NOT j.has_children)
			   OR NOT j.facets @> excluded.facets
			   OR excluded.created_at < j.created_at
			   OR excluded.updated_at > j.updated_at + interval '1 minute'
			""";

	static final String DATASETS = """
			INSERT INTO workflows_datasets AS d (id, namespace, name, facets, facets_at, created_at, updated_at)
			SELECT x.id, x.namespace, x.name, x.facets, coalesce(x.facets_at, '-infinity'), x.first_at, x.last_at
			FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, namespace text, name text, facets jsonb, facets_at timestamptz,
			  first_at timestamptz, last_at timestamptz)
			ORDER BY x.id
			ON CONFLICT (id) DO UPDATE SET
			  facets = CASE WHEN excluded.facets_at >= d.facets_at THEN d.facets || excluded.facets ELSE excluded.facets || d.facets END,
			  facets_at = greatest(d.facets_at, excluded.facets_at),
			  created_at = least(d.created_at, excluded.created_at),
			  updated_at = greatest(d.updated_at, excluded.updated_at)
			WHERE NOT d.facets @> excluded.facets
			   OR excluded.created_at < d.created_at
			   OR excluded.updated_at > d.updated_at + interval '1 minute'
			""";

	static final String EDGES = """
			INSERT INTO workflows_job_datasets AS e (job_id, dataset_id, direction, last_seen)
			SELECT x.job_id, x.dataset_id, x.direction, x.last_seen
			FROM jsonb_to_recordset(?::jsonb) AS x(job_id uuid, dataset_id uuid, direction text, last_seen timestamptz)
			ORDER BY x.job_id, x.direction, x.dataset_id
			ON CONFLICT (job_id, direction, dataset_id) DO UPDATE SET last_seen = excluded.last_seen
			WHERE excluded.last_seen > e.last_seen + interval '1 hour'
			""";

	/** A derived (placeholder) DAG run counts as NEW once an event of its own arrives. */
	private static final String OLD_STATE = "(CASE WHEN r.derived AND NOT excluded.derived THEN 'NEW' ELSE r.state END)";

	private static final String OLD_ENDED = "(CASE WHEN r.derived AND NOT excluded.derived THEN NULL ELSE r.ended_at END)";

	private static final String TERMINAL = "IN ('COMPLETED', 'FAILED', 'ABORTED')";

	private static final String RANK = "array_position(ARRAY['COMPLETED', 'ABORTED', 'FAILED'], %s)";

	private static final String NEW_WINS = "(excluded.ended_at, " + RANK.formatted("excluded.state") + ") > (" + OLD_ENDED
			+ ", " + RANK.formatted(OLD_STATE) + ")";

	private static final String NEWER = "excluded.facets_at >= r.facets_at";

	static final String RUNS = """
			INSERT INTO workflows_runs AS r (id, job_id, parent_run_id, state, run_at, started_at, ended_at, nominal_start,
			  nominal_end, facets, facets_at, error_message, inputs, outputs, derived, updated_at)
			SELECT x.id, x.job_id, x.parent_run_id, x.state, x.run_at, x.started_at, x.ended_at, x.nominal_start,
			  x.nominal_end, x.facets, coalesce(x.facets_at, '-infinity'), x.error_message, coalesce(x.inputs, '[]'),
			  coalesce(x.outputs, '[]'), x.derived, x.updated_at
			FROM jsonb_to_recordset(?::jsonb) AS x(id uuid, job_id uuid, parent_run_id uuid, state text, run_at timestamptz,
			  started_at timestamptz, ended_at timestamptz, nominal_start timestamptz, nominal_end timestamptz, facets jsonb,
			  facets_at timestamptz, error_message text, inputs jsonb, outputs jsonb, derived boolean, updated_at timestamptz)
			ORDER BY x.id
			ON CONFLICT (id) DO UPDATE SET
			  state = CASE
			    WHEN OLD_STATE TERMINAL AND excluded.state TERMINAL THEN CASE WHEN NEW_WINS THEN excluded.state ELSE OLD_STATE END
			    WHEN excluded.state TERMINAL THEN excluded.state
			    WHEN OLD_STATE TERMINAL THEN OLD_STATE
			    WHEN 'RUNNING' IN (OLD_STATE, excluded.state) THEN 'RUNNING' ELSE 'NEW' END,
			  ended_at = CASE
			    WHEN OLD_STATE TERMINAL AND excluded.state TERMINAL THEN CASE WHEN NEW_WINS THEN excluded.ended_at ELSE OLD_ENDED END
			    WHEN excluded.state TERMINAL THEN excluded.ended_at
			    WHEN OLD_STATE TERMINAL THEN OLD_ENDED
			    ELSE NULL END,
			  parent_run_id = coalesce(r.parent_run_id, excluded.parent_run_id),
			  run_at = least(r.run_at, excluded.run_at),
			  started_at = CASE WHEN r.derived AND NOT excluded.derived THEN coalesce(excluded.started_at, r.started_at)
			    ELSE least(r.started_at, excluded.started_at) END,
			  nominal_start = CASE WHEN NEWER THEN coalesce(excluded.nominal_start, r.nominal_start) ELSE coalesce(r.nominal_start, excluded.nominal_start) END,
			  nominal_end = CASE WHEN NEWER THEN coalesce(excluded.nominal_end, r.nominal_end) ELSE coalesce(r.nominal_end, excluded.nominal_end) END,
			  facets = CASE WHEN NEWER THEN r.facets || excluded.facets ELSE excluded.facets || r.facets END,
			  facets_at = greatest(r.facets_at, excluded.facets_at),
			  error_message = CASE WHEN NEWER THEN coalesce(excluded.error_message, r.error_message) ELSE coalesce(r.error_message, excluded.error_message) END,
			  inputs = CASE WHEN NEWER AND excluded.inputs <> '[]' OR r.inputs = '[]' THEN excluded.inputs ELSE r.inputs END,
			  outputs = CASE WHEN NEWER AND excluded.outputs <> '[]' OR r.outputs = '[]' THEN excluded.outputs ELSE r.outputs END,
			  derived = r.derived AND excluded.derived,
			  updated_at = greatest(r.updated_at, excluded.updated_at)
			"""
		.replace("OLD_STATE", OLD_STATE)
		.replace("OLD_ENDED", OLD_ENDED)
		.replace("NEW_WINS", NEW_WINS)
		.replace("TERMINAL", TERMINAL)
		.replace("NEWER", NEWER);

	/**
	 * DAG runs known only from their task runs take their state from them: from each task's latest
	 * try (Airflow gives every try of a task a run of its own, so a failed try followed by a
	 * successful one is a completed task), starting when the first try started. One index lookup per
	 * DAG run (lateral), never a scan: with {@code parent_run_id = ANY(...)} over a few hundred ids
	 * and no statistics yet, PostgreSQL estimated every row to match and read all of workflows_runs
	 * (19 s for one batch of 800 events over 270,000 runs).
	 */
	static final String DERIVED_PARENTS = """
			UPDATE workflows_runs p SET state = c.state, started_at = c.started_at, ended_at = c.ended_at,
			  updated_at = greatest(p.updated_at, c.updated_at)
			FROM unnest(?::uuid[]) AS t(id)
			CROSS JOIN LATERAL (SELECT count(*) AS tasks,
			        CASE WHEN bool_or(state = 'FAILED') THEN 'FAILED'
			             WHEN bool_or(state IN ('RUNNING', 'NEW')) THEN 'RUNNING'
			             WHEN bool_or(state = 'ABORTED') THEN 'ABORTED' ELSE 'COMPLETED' END AS state,
			        min(first_started_at) AS started_at,
			        CASE WHEN bool_and(state IN ('COMPLETED', 'FAILED', 'ABORTED')) THEN max(ended_at) END AS ended_at,
			        max(updated_at) AS updated_at
			      FROM (SELECT DISTINCT ON (job_id) state, ended_at, updated_at,
			              min(started_at) OVER (PARTITION BY job_id) AS first_started_at
			            FROM workflows_runs WHERE parent_run_id = t.id ORDER BY job_id, run_at DESC, id DESC) tries) c
			WHERE p.id = t.id AND p.derived AND c.tasks > 0
			  AND (p.state, p.started_at, p.ended_at) IS DISTINCT FROM (c.state, c.started_at, c.ended_at)
			""";

	/**
	 * Each touched job's latest run, last completion and its latest runs' states and durations (newest
	 * first, as many as the last parameter says), so that the pipelines index reads one row per
	 * pipeline. Parameters: run ids, job ids, how many recent runs.
	 */
	static final String JOB_SUMMARIES = """
			WITH completed AS (
			  SELECT job_id, max(ended_at) AS at FROM workflows_runs
			  WHERE id = ANY(?::uuid[]) AND state = 'COMPLETED' GROUP BY job_id)
			UPDATE workflows_jobs j SET latest_run_id = l.id, latest_run_at = l.run_at, latest_state = l.state,
			  latest_started_at = l.started_at, latest_ended_at = l.ended_at,
			  last_completed_at = greatest(j.last_completed_at, c.at),
			  recent_states = r.states, recent_durations = r.durations, recent_ended = r.ended
			FROM unnest(?::uuid[]) AS t(job_id)
			CROSS JOIN LATERAL (SELECT id, run_at, state, started_at, ended_at FROM workflows_runs r
			  WHERE r.job_id = t.job_id ORDER BY r.run_at DESC, r.id DESC LIMIT 1) l
			CROSS JOIN LATERAL (SELECT array_agg(x.state ORDER BY x.run_at DESC, x.id DESC) AS states,
			    array_agg(x.duration ORDER BY x.run_at DESC, x.id DESC) AS durations,
			    array_agg(x.ended_at IS NOT NULL ORDER BY x.run_at DESC, x.id DESC) AS ended
			  FROM (SELECT w.id, w.state, w.run_at, w.ended_at,
			          floor(extract(epoch FROM w.ended_at) * 1000)::bigint - floor(extract(epoch FROM w.started_at) * 1000)::bigint AS duration
			        FROM workflows_runs w WHERE w.job_id = t.job_id ORDER BY w.run_at DESC, w.id DESC LIMIT ?) x) r
			LEFT JOIN completed c ON c.job_id = t.job_id
			WHERE j.id = t.job_id
			  AND (j.latest_run_id, j.latest_run_at, j.latest_state, j.latest_started_at, j.latest_ended_at, j.last_completed_at,
			       j.recent_states, j.recent_durations, j.recent_ended)
			      IS DISTINCT FROM (l.id, l.run_at, l.state, l.started_at, l.ended_at, greatest(j.last_completed_at, c.at),
			       r.states, r.durations, r.ended)
			""";

}
