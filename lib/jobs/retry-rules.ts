import "server-only";
import type { GenerateAnswer } from "@/lib/schemas/studio-requests";
import type { JobOutcome } from "./engine";

/**
 * A render that failed may be tried again under its key (lib/server/idempotency.ts): a new
 * attempt of the job renders again on the same row. One that worked is the answer for good.
 */
export function renderMayRetry(outcome: JobOutcome): boolean {
  if (!outcome.ok) return outcome.error.retryable;
  return (outcome.value as GenerateAnswer).iteration.status === "failed";
}
