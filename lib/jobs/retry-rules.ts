import "server-only";
import { getReferenceImage } from "@/lib/db/queries";
import type { AddedReference } from "@/lib/workflows/reference";
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

/**
 * A reference's description is sent again under a new key when it failed (it wrote nothing, and
 * the upload is the designer's new try) or when its reference is gone (its project was deleted);
 * otherwise the same image sent again to the same project answers the reference already made.
 */
export async function referenceMayRetry({ ownerId, outcome }: { ownerId: string; outcome: JobOutcome }): Promise<boolean> {
  if (!outcome.ok) return true;
  const { reference } = outcome.value as AddedReference;
  return !(await getReferenceImage({ ownerId, referenceId: reference.id }));
}
