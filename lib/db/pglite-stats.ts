import "server-only";
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { PGlite } from "@electric-sql/pglite";

/**
 * PGlite is one connection: every query and transaction takes its turn behind one lock. To see
 * whether that lock is where the studio waits under load, each turn is timed in two parts:
 * the wait for the lock and the time holding it. PGlite's work runs on this process's main
 * thread, so a busy database can also show as event-loop delay rather than as a wait for the
 * lock: both are recorded. Written as JSON to LOUPE_DB_STATS_FILE once a
 * second, for `npm run load`; nothing is measured when the setting is unset.
 */
export type PgliteStats = {
  /** Turns taken: one per top-level query, exec or whole transaction. */
  turns: number;
  waitMsTotal: number;
  /** Time the lock was held: the database's own busy time, on this process's main thread. */
  busyMsTotal: number;
  waitMs: { p50: number; p95: number; p99: number; max: number };
  busyMs: { p50: number; p95: number; p99: number; max: number };
  /** Most turns waiting at once. */
  maxQueued: number;
  /** Turns by wait, with upper bounds in ms (the last bucket is everything above). */
  waitHistogram: Array<{ upToMs: number | null; turns: number }>;
  /** How late timers fired on the main thread since the start (all work, the database's included). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  writtenAt: string;
};

const BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
/** The newest samples kept for percentiles; a 60 s load run takes far fewer turns. */
const MAX_SAMPLES = 200_000;

type Lockable = { _runExclusiveTransaction?: <T>(fn: () => Promise<T>) => Promise<T> };

export function instrumentPglite({ client, file }: { client: PGlite; file: string }): () => void {
  const target = client as unknown as Lockable;
  const original = target._runExclusiveTransaction?.bind(client);
  if (!original) {
    console.warn("[loupe] LOUPE_DB_STATS_FILE is set, but this PGlite version has no lock to time; no statistics are written");
    return () => undefined;
  }
  const waits: number[] = [];
  const busy: number[] = [];
  const histogram = new Array<number>(BUCKETS_MS.length + 1).fill(0);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const state = { turns: 0, waitMsTotal: 0, busyMsTotal: 0, queued: 0, maxQueued: 0, dirty: true };
  // Every query, exec and transaction takes this lock first (runExclusiveQuery nests inside it).
  target._runExclusiveTransaction = <T>(fn: () => Promise<T>) => {
    const asked = performance.now();
    state.queued += 1;
    state.maxQueued = Math.max(state.maxQueued, state.queued);
    return original(async () => {
      const got = performance.now();
      state.queued -= 1;
      try {
        return await fn();
      } finally {
        record({ wait: got - asked, held: performance.now() - got });
      }
    });
  };
  const record = ({ wait, held }: { wait: number; held: number }) => {
    state.turns += 1;
    state.waitMsTotal += wait;
    state.busyMsTotal += held;
    state.dirty = true;
    push(waits, wait);
    push(busy, held);
    const bucket = BUCKETS_MS.findIndex((limit) => wait <= limit);
    histogram[bucket < 0 ? BUCKETS_MS.length : bucket]! += 1;
  };
  const write = () => {
    if (!state.dirty) return;
    state.dirty = false;
    const stats: PgliteStats = {
      turns: state.turns,
      waitMsTotal: round(state.waitMsTotal),
      busyMsTotal: round(state.busyMsTotal),
      waitMs: spread(waits),
      busyMs: spread(busy),
      maxQueued: state.maxQueued,
      waitHistogram: histogram.map((turns, i) => ({ upToMs: BUCKETS_MS[i] ?? null, turns })),
      eventLoopDelayMs: { p50: round(loop.percentile(50) / 1e6), p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
      writtenAt: new Date().toISOString(),
    };
    writeFileSync(file, JSON.stringify(stats));
  };
  const timer = setInterval(write, 1000).unref();
  return () => {
    clearInterval(timer);
    write();
    loop.disable();
  };
}

function push(samples: number[], value: number) {
  if (samples.length >= MAX_SAMPLES) samples.shift();
  samples.push(value);
}

function spread(samples: number[]) {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
  return { p50: at(50), p95: at(95), p99: at(99), max: round(sorted.at(-1)!) };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
