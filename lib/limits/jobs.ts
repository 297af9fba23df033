import "server-only";
import { getDbEngine } from "@/lib/db/client";
import { acquireJobLease, releaseJobLease } from "@/lib/db/limit-queries";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";

/*
 * The cap on one owner's jobs in flight. One PGlite process counts in memory; on PostgreSQL a
 * lease row per job makes the cap hold across instances (see acquireJobLease).
 */

/** A lease outlives its job only when the process died; the action deadline plus a margin bounds that. */
const LEASE_MARGIN_MS = 60_000;
/** Jobs take seconds; no finish time is known in advance, so the browser is told to wait a little. */
const JOB_RETRY_AFTER_SECONDS = 5;

// On globalThis: Next may bundle this module separately for route handlers and server actions, and both must see one count.
const globalStore = globalThis as typeof globalThis & { __loupeJobsInFlight?: Map<string, number> };
const inMemory = (globalStore.__loupeJobsInFlight ??= new Map<string, number>());

export type JobSlot = { release: () => Promise<void> };

/** Takes one of the owner's job slots, or throws `too_many_jobs` when all are in use. */
export async function acquireJobSlot({ ownerId }: { ownerId: string }): Promise<JobSlot> {
  const { LOUPE_MAX_JOBS_PER_OWNER: max, LOUPE_ACTION_DEADLINE_MS } = env();
  if (max === 0) return { release: async () => undefined };
  if ((await getDbEngine()) === "postgres") {
    const lease = await acquireJobLease({ ownerId, max, ttlMs: LOUPE_ACTION_DEADLINE_MS + LEASE_MARGIN_MS });
    if (!lease) throw tooManyJobs(max);
    return { release: once(() => releaseJobLease(lease)) };
  }
  const held = inMemory.get(ownerId) ?? 0;
  if (held >= max) throw tooManyJobs(max);
  inMemory.set(ownerId, held + 1);
  return {
    release: once(async () => {
      const left = (inMemory.get(ownerId) ?? 1) - 1;
      if (left > 0) inMemory.set(ownerId, left);
      else inMemory.delete(ownerId);
    }),
  };
}

function tooManyJobs(max: number): LoupeError {
  return new LoupeError("too_many_jobs", {
    message: `You already have ${max} renders or critiques running. Wait for one to finish, then try again in ${JOB_RETRY_AFTER_SECONDS} s.`,
    retryable: true,
    retryAfterSeconds: JOB_RETRY_AFTER_SECONDS,
  });
}

function once(release: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= release());
}
