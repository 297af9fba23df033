import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  readIdempotencyRecord,
  releaseIdempotencyKey,
} from "@/lib/db/reliability-queries";
import { LoupeError } from "@/lib/errors";

/**
 * Idempotency rules shared by the actions (see SECURITY.md, "No double spend"):
 * - a key names one intent of the designer (one Generate, one Apply revision, one auto-iterate round);
 * - the same key with the same payload never starts a second paid call: it returns the first
 *   answer, or waits for it while it is still being made;
 * - the same key with a different payload is refused with `conflict`;
 * - a render that failed may be tried again under its key: the retry reuses the failed row
 *   (claimed atomically, so two retries still make one call) instead of adding a sibling.
 */
export const keyConflict = () =>
  new LoupeError("conflict", {
    message: "This request reuses the key of a different one. Reload the page and try again.",
  });

const POLL_MS = 150;

/**
 * Polls until `read` returns a settled value, for a request that arrived while the first one
 * with its key was still running. Gives up at the deadline with a retryable error: the first
 * request keeps going and a later retry gets its answer.
 */
export async function waitForSettled<T>({
  read,
  settled,
  deadlineMs,
  signal,
}: {
  read: () => Promise<T>;
  settled: (value: T) => boolean;
  deadlineMs: number;
  signal?: AbortSignal;
}): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (settled(value)) return value;
    if (Date.now() >= until || signal?.aborted) {
      throw new LoupeError("conflict", {
        message: "This request is still being processed. Try again in a moment to see its result.",
        retryable: true,
        retryAfterSeconds: 5,
      });
    }
    await sleep(POLL_MS);
  }
}

/**
 * Runs `run` once per (owner, key) for actions that have no row of their own (Apply
 * revision's revise call). Replays get the stored answer; a concurrent duplicate waits for it;
 * a failure releases the key so that Retry under the same key tries again.
 */
export async function onceForKey<T>({
  ownerId,
  key,
  kind,
  requestHash,
  deadlineMs,
  run,
}: {
  ownerId: string;
  key: string;
  kind: string;
  requestHash: string;
  deadlineMs: number;
  run: () => Promise<T>;
}): Promise<T> {
  const { claimed, record } = await claimIdempotencyKey({ ownerId, key, kind, requestHash });
  if (!claimed) {
    if (record.kind !== kind || record.requestHash !== requestHash) throw keyConflict();
    const settled = await waitForSettled({
      read: () => readIdempotencyRecord({ ownerId, key }),
      settled: (row) => !row || row.status === "done",
      deadlineMs,
    });
    // Gone: the first attempt failed and gave the key back; this request is the retry.
    if (!settled) return onceForKey({ ownerId, key, kind, requestHash, deadlineMs, run });
    return settled.result as T;
  }
  try {
    const result = await run();
    await completeIdempotencyKey({ ownerId, key, result });
    return result;
  } catch (error) {
    await releaseIdempotencyKey({ ownerId, key });
    throw error;
  }
}
