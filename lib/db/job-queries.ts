import "server-only";
import { getSqlExecutor } from "./client";

/*
 * Reads of the job engine's own tables (pg-boss's `job` table in its schema). The engine
 * (lib/jobs) writes them through pg-boss; the limits and the sweeper only read.
 */

export const JOB_SCHEMA = "pgboss";

/** Whether the engine's tables exist yet (the engine creates them on its first start). */
async function engineReady(): Promise<boolean> {
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql("select to_regclass($1) is not null as ready", [`${JOB_SCHEMA}.job`]);
  return rows[0]?.ready === true;
}

/**
 * Stored images that unfinished jobs are yet to read (an uploaded reference waiting for its
 * description, its row written by the job): the sweeper keeps them as if a row referred to them.
 */
export async function storageKeysOfJobsInFlight(): Promise<Set<string>> {
  if (!(await engineReady())) return new Set();
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql(
    `select distinct data->'input'->>'storageKey' as key from ${JOB_SCHEMA}.job where state < 'completed' and data->'input'->>'storageKey' is not null`,
    [],
  );
  return new Set(rows.map((r) => String(r.key)));
}

/** An owner's jobs not yet finished (created, waiting for a retry, or running). */
export async function countJobsInFlight({ ownerId }: { ownerId: string }): Promise<number> {
  if (!(await engineReady())) return 0;
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql(`select count(*)::int as n from ${JOB_SCHEMA}.job where state < 'completed' and data->>'ownerId' = $1`, [ownerId]);
  return Number(rows[0]?.n ?? 0);
}

export type JobRow = { id: string; kind: string; state: string; projectId: string | null; key: string; createdOn: string };

/** An owner's unfinished jobs, oldest first. */
export async function listJobsInFlight({ ownerId }: { ownerId: string }): Promise<JobRow[]> {
  if (!(await engineReady())) return [];
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql(
    `select id, name, state, data->>'projectId' as project_id, data->>'key' as key, created_on from ${JOB_SCHEMA}.job
      where state < 'completed' and data->>'ownerId' = $1 order by created_on limit 50`,
    [ownerId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: String(r.name),
    state: String(r.state),
    projectId: (r.project_id as string | null) ?? null,
    key: String(r.key),
    createdOn: new Date(r.created_on as string).toISOString(),
  }));
}

/** The idempotency keys of every unfinished job: the work that is still someone's to finish. */
export async function liveJobKeys(): Promise<Set<string>> {
  if (!(await engineReady())) return new Set();
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql(`select distinct data->>'key' as key, data->'input'->>'idempotencyKey' as input_key from ${JOB_SCHEMA}.job where state < 'completed'`);
  return new Set(rows.flatMap((r) => [r.key, r.input_key].filter((k): k is string => typeof k === "string")));
}

/** Jobs marked running: on the embedded database, at start-up, those of a process that died. */
export async function listActiveJobs(): Promise<{ id: string; kind: string }[]> {
  if (!(await engineReady())) return [];
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql(`select id, name from ${JOB_SCHEMA}.job where state = 'active'`);
  return rows.map((r) => ({ id: String(r.id), kind: String(r.name) }));
}
