/**
 * Seeded random faults for the fakes (the fault suite's "529 for 30% of calls"): each request
 * draws once from a PRNG seeded by the test, so a failing run can be replayed with its seed.
 * Shared by the Anthropic fake and every image-provider fake.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type ChaosOptions = {
  seed: number;
  /** Share of requests (0–1) answered with each HTTP status, e.g. `{ 529: 0.3, 429: 0.05 }`. */
  statuses?: Record<string, number>;
  /** Share of requests that are never answered: the caller's timeout or deadline must cut them. */
  hang?: number;
  /** Share of requests whose connection is destroyed (mid-stream for a streamed answer). */
  reset?: number;
  /** Seconds sent as `retry-after` on chaos 429s and 529s/503s. */
  retryAfter?: number;
};

export type FaultMode = "error" | "hang" | "reset";
export type ChaosDraw = { mode: "error"; status: number; retryAfter?: number } | { mode: "hang" } | { mode: "reset" };

export type Chaos = { options: ChaosOptions; draw(): ChaosDraw | undefined };

export function createChaos(options: ChaosOptions): Chaos {
  const next = mulberry32(options.seed);
  const buckets: Array<{ share: number; draw: ChaosDraw }> = [
    ...Object.entries(options.statuses ?? {}).map(([status, share]) => ({ share, draw: { mode: "error" as const, status: Number(status), retryAfter: options.retryAfter } })),
    { share: options.hang ?? 0, draw: { mode: "hang" } },
    { share: options.reset ?? 0, draw: { mode: "reset" } },
  ];
  const total = buckets.reduce((sum, b) => sum + b.share, 0);
  if (total > 1 || buckets.some((b) => !(b.share >= 0))) throw new Error(`Chaos shares must be between 0 and 1 and add up to at most 1, got ${total}`);
  for (const b of buckets) if (b.draw.mode === "error" && !(Number.isInteger(b.draw.status) && b.draw.status >= 400)) throw new Error(`Chaos status must be an HTTP error, got ${b.draw.status}`);
  return {
    options,
    draw() {
      let roll = next();
      for (const bucket of buckets) {
        if (roll < bucket.share) return bucket.draw;
        roll -= bucket.share;
      }
      return undefined;
    },
  };
}

/** Never answers; resolves when the caller gives up (or the fake closes), so nothing leaks. */
export function hangUntilClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.once("close", () => resolve());
  });
}

/** Drops the TCP connection without an answer, as a crashed upstream or a proxy reset does. */
export function resetConnection(req: IncomingMessage): void {
  req.socket.resetAndDestroy();
}

/** A small, fast, well-distributed PRNG: the same seed gives the same sequence of draws. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
