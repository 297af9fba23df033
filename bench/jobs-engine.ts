/**
 * The job engine's own figures, in a process of its own (`node --conditions=react-server
 * --import tsx bench/jobs-engine.ts pglite|postgres`): start-up on a fresh database, the
 * memory it adds, enqueue → job start on an idle worker (p50/p95), and jobs per second
 * through one process's workers. Prints one JSON line; bench/run.ts turns it into rows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/lib/db/client";
import { registerJobHandlers, sendJob, startJobWorkers, stopJobEngine, awaitJob, jobEngine, type JobHandler } from "@/lib/jobs/engine";
import { allJobKinds, type JobKind } from "@/lib/jobs/kinds";
import { setEnv } from "@/tests/support/env";
import { provideTestPostgres } from "@/tests/support/test-postgres";
import { percentile } from "./stats";

async function main() {
  const engine = process.argv[2] === "postgres" ? "postgres" : "pglite";
  const runs = Number(process.argv[3] ?? 50);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "loupe-jobs-bench-"));
  const postgres = engine === "postgres" ? await provideTestPostgres() : null;
  // After provideTestPostgres, which has read (and cached) the environment: parse it again with these.
  setEnv({ DATABASE_URL: postgres?.url, LOUPE_DATA_DIR: dataDir });
  try {
    await getDb();
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    await jobEngine();
    const startupMs = performance.now() - t0;
    const started = new Map<string, number>();
    const handler: JobHandler = async (context) => {
      started.set(context.id, performance.now());
      return { ok: true, value: null };
    };
    registerJobHandlers(Object.fromEntries(allJobKinds.map((k) => [k, handler])) as Record<JobKind, JobHandler>);
    await startJobWorkers();
    const rssAfter = process.memoryUsage().rss;
    // Enqueue → start on an idle worker: each job sent once the workers have gone back to waiting.
    const pickup: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      const sent = performance.now();
      const id = await sendJob({ kind: "critique", data: { ownerId: "bench", key: `pickup-${i}`, projectId: null, input: {} } });
      await awaitJob({ kind: "critique", id, timeoutMs: 10_000 });
      pickup.push(started.get(id)! - sent);
    }
    // Throughput: a burst of jobs through one process's workers.
    const burst = runs * 4;
    const t1 = performance.now();
    const ids = await Promise.all(Array.from({ length: burst }, (_, i) => sendJob({ kind: "render", data: { ownerId: "bench", key: `burst-${i}`, projectId: null, input: {} } })));
    await Promise.all(ids.map((id) => awaitJob({ kind: "render", id, timeoutMs: 60_000 })));
    const jobsPerSecond = burst / ((performance.now() - t1) / 1000);
    console.log(JSON.stringify({ engine, startupMs, memoryBytes: rssAfter - rssBefore, pickupP50: percentile(pickup, 50), pickupP95: percentile(pickup, 95), jobsPerSecond }));
  } finally {
    await stopJobEngine({ graceMs: 1000 });
    await closeDb();
    await postgres?.release();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
