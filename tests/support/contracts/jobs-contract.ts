import { afterAll, beforeAll, expect, it } from "vitest";
import {
  awaitJob,
  jobEngine,
  jobIdFor,
  readJob,
  recoverOrphanedJobs,
  registerJobHandlers,
  sendJob,
  startJobWorkers,
  stopJobEngine,
  type JobContext,
  type JobHandler,
} from "@/lib/jobs/engine";
import { allJobKinds, jobDeadlineMs, type JobKind } from "@/lib/jobs/kinds";
import { countJobsInFlight as jobsInFlight } from "@/lib/db/job-queries";
import { runAsJob } from "@/lib/jobs/run";

/**
 * The job engine's contract, run on PGlite and on PostgreSQL: a job sent is started at once by
 * this process's idle worker (no poll), once per key, and its outcome reaches the waiter.
 */
export function describeJobsContract({ engine }: { engine: "pglite" | "postgres" }) {
  const started: { id: string; at: number; context: JobContext }[] = [];
  let gate: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    const handler: JobHandler = async (context) => {
      started.push({ id: context.id, at: performance.now(), context });
      await gate;
      const input = context.data.input as { fail?: boolean; value?: number };
      if (input.fail) return { ok: false, error: { code: "bad_request", message: "refused", retryable: false } };
      return { ok: true, value: (input.value ?? 0) * 2 };
    };
    registerJobHandlers(Object.fromEntries(allJobKinds.map((k) => [k, handler])) as Record<JobKind, JobHandler>);
    await startJobWorkers();
  });

  afterAll(async () => {
    await stopJobEngine({ graceMs: 1000 });
  });

  it("starts a job at once on an idle worker and hands its outcome to the waiter", async () => {
    // Let the workers settle into their poll wait first, as an idle server's would be.
    await new Promise((r) => setTimeout(r, 700));
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const sentAt = performance.now();
      const id = await sendJob({ kind: "critique", data: { ownerId: "o1", key: `k-start-${i}`, projectId: null, input: { value: i } } });
      const outcome = await awaitJob({ kind: "critique", id, timeoutMs: 10_000 });
      expect(outcome).toEqual({ ok: true, value: i * 2 });
      times.push(started.find((s) => s.id === id)!.at - sentAt);
    }
    // Woken, not polled: pg-boss's poll interval is 1 s here. The bench measures the real p50.
    expect(Math.min(...times)).toBeLessThan(400);
  });

  it("runs one job per owner, kind and key however often it is sent", async () => {
    const data = { ownerId: "o2", key: "same", projectId: null, input: { value: 21 } };
    const [a, b] = await Promise.all([sendJob({ kind: "render", data }), sendJob({ kind: "render", data })]);
    expect(a).toBe(b);
    expect(a).toBe(jobIdFor({ ownerId: "o2", kind: "render", key: "same" }));
    expect(await awaitJob({ kind: "render", id: a, timeoutMs: 10_000 })).toEqual({ ok: true, value: 42 });
    await sendJob({ kind: "render", data });
    expect(started.filter((s) => s.id === a)).toHaveLength(1);
    expect((await readJob({ kind: "render", id: a }))?.state).toBe("completed");
    // Another owner's same key is another job.
    expect(jobIdFor({ ownerId: "o3", kind: "render", key: "same" })).not.toBe(a);
  });

  it("keeps a refusal as the job's outcome, without retrying it", async () => {
    const id = await sendJob({ kind: "critique", data: { ownerId: "o4", key: "refused", projectId: null, input: { fail: true } } });
    expect(await awaitJob({ kind: "critique", id, timeoutMs: 10_000 })).toEqual({ ok: false, error: { code: "bad_request", message: "refused", retryable: false } });
    expect(started.filter((s) => s.id === id)).toHaveLength(1);
  });

  it("counts an owner's jobs in flight for the job cap", async () => {
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    const ids = await Promise.all([1, 2].map((i) => sendJob({ kind: "render", data: { ownerId: "o5", key: `busy-${i}`, projectId: null, input: { value: i } } })));
    expect(await jobsInFlight({ ownerId: "o5" })).toBe(2);
    expect(await jobsInFlight({ ownerId: "nobody" })).toBe(0);
    open();
    gate = Promise.resolve();
    await Promise.all(ids.map((id) => awaitJob({ kind: "render", id, timeoutMs: 10_000 })));
    // The waiter hears the outcome at once; pg-boss marks the job completed a moment later.
    await expect.poll(() => jobsInFlight({ ownerId: "o5" })).toBe(0);
  });

  it("answers a request sent again under its key, and refuses the key reused for another request", async () => {
    const ask = ({ key, value, requestHash }: { key: string; value: number; requestHash: string }) =>
      runAsJob<number>({ kind: "render", ownerId: "o6", subjects: [], key, projectId: null, input: { value }, requestHash });
    expect(await ask({ key: "reuse", value: 3, requestHash: "three" })).toBe(6);
    expect(await ask({ key: "reuse", value: 3, requestHash: "three" })).toBe(6);
    await expect(ask({ key: "reuse", value: 4, requestHash: "four" })).rejects.toMatchObject({ code: "conflict" });
    // Two different requests at once under one key: one job is made, and it answers only its own sender.
    const both = await Promise.allSettled([ask({ key: "race", value: 1, requestHash: "one" }), ask({ key: "race", value: 2, requestHash: "two" })]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
  });

  it("lets a clip's job run for the video deadline, where a still's has the action deadline", async () => {
    const boss = await jobEngine();
    const expiry = async (kind: JobKind) => (await boss.getQueue(kind))?.expireInSeconds ?? 0;
    // Expired is retried: a clip that a provider takes minutes to make must not be taken for a dead job.
    expect(await expiry("video-render")).toBeGreaterThanOrEqual(jobDeadlineMs("video-render") / 1000);
    expect(await expiry("render")).toBeGreaterThanOrEqual(jobDeadlineMs("render") / 1000);
    expect(jobDeadlineMs("video-render")).toBeGreaterThan(jobDeadlineMs("render"));
  });

  if (engine === "pglite") {
    it("hands a job left active by a dead process back as a retry", async () => {
      // Nothing is active now, so nothing is handed back.
      expect(await recoverOrphanedJobs()).toBe(0);
    });
  }

  // Last: it stops this process's workers as SIGTERM does (next start, npm run worker).
  it("hands a job still running when the workers stop back to the queue, past the grace period", async () => {
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    const id = await sendJob({ kind: "render", data: { ownerId: "o6", key: "cut-short", projectId: null, input: { value: 1 } } });
    await expect.poll(() => started.some((s) => s.id === id)).toBe(true);
    await stopJobEngine({ graceMs: 1000 });
    // Read through a fresh engine without workers: the job waits for the next worker, retries left.
    expect((await readJob({ kind: "render", id }))?.state).toBe("retry");
    open();
  });
}
