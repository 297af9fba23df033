import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { LoupeError, toPublicError } from "@/lib/errors";
import type { JobOutcome } from "./engine";

/** Upstream refusals worth one more try after the wait they ask for (Claude's 429 and 529 after the SDK's own retries). */
const RETRY_LATER = new Set(["claude_overloaded", "claude_rate_limited"]);
/** The job's own retries sit outside the SDK's (which retry 429/529 a few times inside one attempt): kept to one, so they never multiply. */
const OUTER_TRIES = 2;
const DEFAULT_WAIT_SECONDS = 5;

/**
 * Runs a job's work and answers its outcome. A refusal that asks to come back later
 * (Retry-After on a 429 or 529) is tried once more after that wait, if the wait ends before
 * the job's deadline; any other failure is the outcome the designer sees, kept, not retried.
 */
export async function jobOutcome<T>({ run, until, signal }: { run: () => Promise<T>; until: number; signal: AbortSignal }): Promise<JobOutcome<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const wait = retryWait(error);
      const canWait = wait !== null && attempt < OUTER_TRIES && Date.now() + wait * 1000 < until && !signal.aborted;
      if (!canWait) return { ok: false, error: toPublicError(error) };
      await sleep(wait * 1000, undefined, { signal }).catch(() => undefined);
    }
  }
}

function retryWait(error: unknown): number | null {
  if (!(error instanceof LoupeError) || !error.retryable) return null;
  if (RETRY_LATER.has(error.code)) return error.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS;
  // A provider's 429 says how long with Retry-After (lib/generation/errors.ts).
  if (error.code === "provider_error" && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds;
  return null;
}
