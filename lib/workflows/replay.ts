import "server-only";
import { findIterationByIdempotencyKey, getProject, loadOwnedIteration } from "@/lib/db/queries";
import { claimFailedIteration } from "@/lib/db/reliability-queries";
import type { Iteration, Project } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import type { GenerateAnswer } from "@/lib/schemas/studio-requests";
import { keyConflict, waitForSettled } from "@/lib/server/idempotency";
import { toIterationView } from "./iteration-view";

/**
 * What an earlier request with this idempotency key means for this one (rules in
 * lib/server/idempotency.ts): `fresh` — nobody used the key, go ahead; `answer` — the first
 * request's result (waited for when still rendering); `retry` — the first attempt failed and
 * this request won the right to render again on the same row.
 */
export type KeyState =
  | { kind: "fresh" }
  | { kind: "answer"; value: GenerateAnswer }
  | { kind: "retry"; iteration: Iteration; project: Project };

export async function stateOfKey({
  ownerId,
  key,
  requestHash,
  allowRetry,
}: {
  ownerId: string;
  key: string;
  requestHash: string;
  allowRetry: boolean;
}): Promise<KeyState> {
  const earlier = await findIterationByIdempotencyKey({ ownerId, key });
  if (!earlier) return { kind: "fresh" };
  if (earlier.requestHash !== requestHash) throw keyConflict();
  const project = await getProject({ ownerId, projectId: earlier.projectId });
  if (!project) throw new LoupeError("not_found", { message: "That project was not found." });
  if (earlier.status === "failed" && allowRetry) {
    const claimed = await claimFailedIteration({ id: earlier.id });
    if (claimed) return { kind: "retry", iteration: claimed, project };
  }
  const settled = await waitForSettled({
    read: () => loadOwnedIteration({ ownerId, iterationId: earlier.id }),
    // The render is over once the images are stored (critiquing) or it failed.
    settled: (row) => !row || (row.status !== "generating" && row.status !== "pending"),
    deadlineMs: env().LOUPE_ACTION_DEADLINE_MS,
  });
  if (!settled) throw new LoupeError("not_found", { message: "That iteration was not found." });
  return { kind: "answer", value: { iteration: toIterationView(settled), project: { id: project.id, name: project.name } } };
}
