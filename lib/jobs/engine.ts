import "server-only";
import { EventEmitter } from "node:events";
import PgBoss from "pg-boss";
import { getDbEngine, getSqlExecutor, withSetupLock } from "@/lib/db/client";
import { JOB_SCHEMA, listActiveJobs } from "@/lib/db/job-queries";
import { env } from "@/lib/env";
import { derivedUuid } from "@/lib/server/derived-id";
import { notify, onNotify } from "@/lib/server/pg-notify";
import type { PublicError } from "@/lib/errors";
import { allJobKinds, jobDeadlineMs, jobKinds, type JobKind, type JobPool } from "./kinds";

/*
 * The job engine: pg-boss 10 on the app's own database — PGlite through its `db` adapter
 * (lib/db/client.ts, getSqlExecutor) or the PostgreSQL pool. Why pg-boss and not
 * graphile-worker or a second embedded PostgreSQL: README, "Jobs", and bench/README.md.
 *
 * pg-boss polls (0.5 s at the least), so a click would wait for the next poll. Instead, a job
 * sent by this process wakes this process's idle workers at once (notifyWorker); polling
 * only finds what another instance sent, retries, and work handed back by a stopped process.
 */

/** What a job answers: its value, or the typed error the designer sees. Stored as the job's output. */
export type JobOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: PublicError };

/** What every job carries: whose work it is, the designer's key for it, and its input. */
/** `subjects`: the visitor budget rows the job's paid calls draw on, as its request was admitted (lib/limits/budget.ts). */
/** `requestHash`: what the request asked for, when its key must not be reused for another request (lib/jobs/run.ts). */
export type JobData = { ownerId: string; key: string; projectId: string | null; input: unknown; subjects?: string[]; requestHash?: string };

export type JobContext = { id: string; kind: JobKind; data: JobData; retryCount: number; createdOn: Date; signal: AbortSignal };
export type JobHandler = (context: JobContext) => Promise<JobOutcome>;

/** Retries after a crash or an upstream refusal; each attempt is bounded by the action deadline. */
const RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 2;

type EngineState = {
  boss: PgBoss;
  ready: Promise<PgBoss>;
  workers: Map<JobKind, string[]>;
  /** Jobs this process runs now, so Cancel and shutdown reach their provider calls. */
  running: Map<string, AbortController>;
  settled: EventEmitter;
};

// On globalThis: Next bundles route handlers, actions and the start-up hook apart, and all must share one engine.
const globalStore = globalThis as typeof globalThis & { __loupeJobs?: EngineState; __loupeJobHandlers?: Map<JobKind, JobHandler> };

function createEngine(): EngineState {
  const settled = new EventEmitter();
  settled.setMaxListeners(0);
  const boss = new PgBoss({
    db: { executeSql: async (text: string, values?: unknown[]) => (await getSqlExecutor()).executeSql(text, values) },
    schema: JOB_SCHEMA,
    // Expired jobs (their process died) are failed into a retry by the maintenance loop.
    maintenanceIntervalSeconds: 30,
    superviseIntervalSeconds: 10,
    schedule: false,
  } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => console.error("[loupe] job engine:", error.message));
  const ready = withSetupLock(async () => {
    await boss.start();
    for (const kind of allJobKinds) {
      const expireInSeconds = Math.ceil(jobDeadlineMs(kind) / 1000) + 30;
      await boss.createQueue(kind, { name: kind, retryLimit: RETRY_LIMIT, retryDelay: RETRY_DELAY_SECONDS, retryBackoff: true, expireInSeconds });
    }
    return boss;
  });
  return { boss, ready, workers: new Map(), running: new Map(), settled };
}

function engine(): EngineState {
  globalStore.__loupeJobs ??= createEngine();
  return globalStore.__loupeJobs;
}

/** Starts the engine (its tables, on first start) and answers it once it can take jobs. */
export function jobEngine(): Promise<PgBoss> {
  const state = engine();
  state.ready.catch(() => {
    if (globalStore.__loupeJobs === state) globalStore.__loupeJobs = undefined;
  });
  return state.ready;
}

/** The handlers the workers run, set once by lib/jobs/handlers.ts. */
export function registerJobHandlers(handlers: Record<JobKind, JobHandler>): void {
  globalStore.__loupeJobHandlers = new Map(Object.entries(handlers) as [JobKind, JobHandler][]);
}

/**
 * The job's id is derived from the owner, kind and the designer's idempotency key: sending the
 * same intent twice (a double click, a reconnect, a round replayed after a crash) finds the one
 * job instead of making a second, and so a second charge.
 */
export function jobIdFor({ ownerId, kind, key }: { ownerId: string; kind: JobKind; key: string }): string {
  return derivedUuid(ownerId, kind, key);
}

/** Sends a job (once per id) and wakes this process's idle workers for it. */
export async function sendJob({ kind, data, startAfterSeconds }: { kind: JobKind; data: JobData; startAfterSeconds?: number }): Promise<string> {
  const boss = await jobEngine();
  const id = jobIdFor({ ownerId: data.ownerId, kind, key: data.key });
  await boss.send(kind, data, { id, ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}) });
  if (!startAfterSeconds) {
    wakeWorkers(kind);
    // Worker processes (`npm run worker`) on the same PostgreSQL hear it too; polling is only the fallback.
    await notify(WAKE_CHANNEL, kind);
  }
  return id;
}

const WAKE_CHANNEL = "loupe_jobs";

/** An idle worker of this kind polls again now instead of at its next interval. */
export function wakeWorkers(kind: JobKind): void {
  const state = globalStore.__loupeJobs;
  for (const id of state?.workers.get(kind) ?? []) state?.boss.notifyWorker(id);
}

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/** A job's state and outcome, or null when there is no such job. */
export async function readJob({ kind, id }: { kind: JobKind; id: string }): Promise<{ state: JobState; outcome: JobOutcome | null; requestHash: string | null } | null> {
  const boss = await jobEngine();
  const job = await boss.getJobById<JobData>(kind, id, { includeArchive: true });
  if (!job) return null;
  return { state: job.state, outcome: outcomeOf(job), requestHash: job.data?.requestHash ?? null };
}

function outcomeOf(job: { state: JobState; output: object | null }): JobOutcome | null {
  if (job.state === "completed") return job.output as JobOutcome;
  if (job.state === "cancelled") return { ok: false, error: { code: "bad_request", message: "This was cancelled.", retryable: true } };
  if (job.state === "failed") return { ok: false, error: { code: "internal", message: "This could not be finished after several tries. Your work is saved: try again.", retryable: true } };
  return null;
}

/**
 * Waits for a job's outcome: at once when this process runs it, by reading its state when
 * another does. Gives up (null) at `timeoutMs`; the job goes on, and its events still arrive.
 */
export async function awaitJob({ kind, id, timeoutMs, signal }: { kind: JobKind; id: string; timeoutMs: number; signal?: AbortSignal }): Promise<JobOutcome | null> {
  const { settled } = engine();
  const until = Date.now() + timeoutMs;
  let onSettled: ((outcome: JobOutcome) => void) | undefined;
  const local = new Promise<JobOutcome>((resolve) => {
    onSettled = resolve;
    settled.once(id, resolve);
  });
  try {
    // The outcome of a job run here arrives by the local event; reading the job is for one run elsewhere, so it backs off to a second.
    for (let wait = 100; Date.now() < until && !signal?.aborted; wait = Math.min(wait * 2, 1000)) {
      const read = await readJob({ kind, id });
      if (read?.outcome) return read.outcome;
      const outcome = await Promise.race([local, new Promise<null>((r) => setTimeout(r, Math.min(wait, Math.max(0, until - Date.now()))))]);
      if (outcome) return outcome;
    }
    return null;
  } finally {
    if (onSettled) settled.off(id, onSettled);
  }
}

/**
 * On the embedded database this process is alone: a job left `active` belonged to a process
 * that died. Failing it hands it back as a retry (or fails it for good past its retries), at
 * once rather than when it would have expired.
 */
export async function recoverOrphanedJobs(): Promise<number> {
  if ((await getDbEngine()) !== "pglite") return 0;
  const boss = await jobEngine();
  const active = await listActiveJobs();
  for (const job of active) await boss.fail(job.kind, job.id, { message: "the server restarted while this job ran" });
  return active.length;
}

const concurrencyOf = (pool: JobPool): number => (pool === "render" ? env().LOUPE_RENDER_CONCURRENCY : env().LOUPE_UNDERSTANDING_CONCURRENCY);

/**
 * Starts this process's workers: `concurrency` pg-boss workers per kind, each running one job at
 * a time. A worker that finishes a job looks for the next at once: pg-boss would otherwise wait
 * out its polling interval after every job, so a queued backlog (four variants, a busy worker
 * process) would drain at one job per interval per worker.
 */
export async function startJobWorkers(): Promise<void> {
  const state = engine();
  const boss = await jobEngine();
  if (state.workers.size > 0) return;
  const pollingIntervalSeconds = env().LOUPE_JOB_POLL_MS / 1000;
  for (const kind of allJobKinds) {
    const ids: string[] = [];
    for (let i = 0; i < concurrencyOf(jobKinds[kind].pool); i += 1) {
      ids.push(await boss.work<JobData>(kind, { batchSize: 1, pollingIntervalSeconds, includeMetadata: true }, ([job]) => runJob(job!).finally(() => wakeWorkers(kind))));
    }
    state.workers.set(kind, ids);
  }
  await onNotify(WAKE_CHANNEL, (kind) => {
    if ((allJobKinds as string[]).includes(kind)) wakeWorkers(kind as JobKind);
  });
}

async function runJob(job: PgBoss.JobWithMetadata<JobData>): Promise<JobOutcome> {
  const state = engine();
  const handler = globalStore.__loupeJobHandlers?.get(job.name as JobKind);
  if (!handler) throw new Error(`no handler for job kind ${job.name}`);
  const controller = new AbortController();
  state.running.set(job.id, controller);
  const started = Date.now();
  try {
    const outcome = await handler({ id: job.id, kind: job.name as JobKind, data: job.data, retryCount: job.retryCount, createdOn: job.createdOn, signal: controller.signal });
    // The waiter in this process hears at once; pg-boss records the outcome when this returns.
    setImmediate(() => state.settled.emit(job.id, outcome));
    logJob({ job, outcome, ms: Date.now() - started });
    return outcome;
  } finally {
    state.running.delete(job.id);
  }
}

/** One line per finished job: which process ran what (an operator of several instances and workers reads this), never its input. */
function logJob({ job, outcome, ms }: { job: PgBoss.JobWithMetadata<JobData>; outcome: JobOutcome; ms: number }): void {
  const result = outcome.ok ? "ok" : `failed (${outcome.error.code})`;
  const retry = job.retryCount > 0 ? `, retry ${job.retryCount}` : "";
  console.info(`[loupe] job ${job.name} ${job.id} of project ${job.data.projectId ?? "none"}: ${result} in ${ms} ms (pid ${process.pid}${retry})`);
}

/** Stops a job: the provider call of one this process runs is aborted; one still queued is cancelled. */
export async function cancelJob({ kind, id }: { kind: JobKind; id: string }): Promise<void> {
  engine().running.get(id)?.abort();
  const boss = await jobEngine();
  const job = await boss.getJobById(kind, id);
  if (job && (job.state === "created" || job.state === "retry")) await boss.cancel(kind, id);
}

/**
 * Stops the workers: jobs in flight get `graceMs` to finish, then are failed back into the
 * queue (a retry another process, or this one after a restart, picks up).
 */
export async function stopJobEngine({ graceMs }: { graceMs: number }): Promise<void> {
  const state = globalStore.__loupeJobs;
  if (!state) return;
  globalStore.__loupeJobs = undefined;
  const boss = await state.ready.catch(() => null);
  if (!boss) return;
  // Past the grace period pg-boss fails what is still running back into the queue; a late finish of it changes nothing.
  await boss.stop({ graceful: true, timeout: Math.max(1000, graceMs), close: false, wait: true });
}
