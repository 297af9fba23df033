import "server-only";
import { countJobsInFlight } from "@/lib/db/job-queries";
import { getDbEngine } from "@/lib/db/client";
import { withOwnerLock } from "@/lib/db/limit-queries";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";

/*
 * The cap on one owner's work in flight (LOUPE_MAX_JOBS_PER_OWNER). Work that runs on the job
 * engine counts by its job state (created, waiting for a retry, running): a job of a process
 * that died stops counting when the engine fails it, with no lease of our own to expire. Work
 * that answers within its request (a refine stream, a reference upload, Describe) counts in
 * this process while it runs.
 */

/** Jobs take seconds; no finish time is known in advance, so the browser is told to wait a little. */
const JOB_RETRY_AFTER_SECONDS = 5;

// On globalThis: Next may bundle this module separately for route handlers and server actions, and both must see one count.
const globalStore = globalThis as typeof globalThis & { __loupeWorkInFlight?: Map<string, number>; __loupeOwnerQueues?: Map<string, Promise<unknown>> };
const inMemory = (globalStore.__loupeWorkInFlight ??= new Map<string, number>());
const ownerQueues = (globalStore.__loupeOwnerQueues ??= new Map<string, Promise<unknown>>());

export type JobSlot = { release: () => Promise<void> };

/**
 * Runs `body` while no other admission of this owner runs: in this process by a queue per
 * owner, across instances on PostgreSQL by an advisory lock, so requests racing for the last
 * slot take turns and exactly one gets it.
 */
async function oneAtATime<T>(ownerId: string, body: () => Promise<T>): Promise<T> {
  const before = ownerQueues.get(ownerId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(async () => ((await getDbEngine()) === "postgres" ? withOwnerLock({ ownerId, body }) : body()));
  ownerQueues.set(ownerId, mine);
  try {
    return await mine;
  } finally {
    if (ownerQueues.get(ownerId) === mine) ownerQueues.delete(ownerId);
  }
}

async function inFlight(ownerId: string): Promise<number> {
  return (inMemory.get(ownerId) ?? 0) + (await countJobsInFlight({ ownerId }));
}

/** Takes one of the owner's slots for work done within its request, or throws `too_many_jobs`. */
export async function acquireJobSlot({ ownerId }: { ownerId: string }): Promise<JobSlot> {
  const max = env().LOUPE_MAX_JOBS_PER_OWNER;
  if (max === 0) return { release: async () => undefined };
  await oneAtATime(ownerId, async () => {
    if ((await inFlight(ownerId)) >= max) throw tooManyJobs(max);
    inMemory.set(ownerId, (inMemory.get(ownerId) ?? 0) + 1);
  });
  return {
    release: once(async () => {
      const left = (inMemory.get(ownerId) ?? 1) - 1;
      if (left > 0) inMemory.set(ownerId, left);
      else inMemory.delete(ownerId);
    }),
  };
}

/**
 * Sends a job when the owner has a free slot (`send` runs under the owner's turn, so the job
 * it adds is counted by the next one), or throws `too_many_jobs`. `known` answers whether the
 * job already exists: a replay of a sent job is never refused.
 */
export async function admitJob<T>({ ownerId, known, send }: { ownerId: string; known: () => Promise<boolean>; send: () => Promise<T> }): Promise<T> {
  const max = env().LOUPE_MAX_JOBS_PER_OWNER;
  if (max === 0) return send();
  return oneAtATime(ownerId, async () => {
    if (!(await known()) && (await inFlight(ownerId)) >= max) throw tooManyJobs(max);
    return send();
  });
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
