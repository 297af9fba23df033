import "server-only";
import { writingTarget } from "./explore/target";
import { createHash } from "node:crypto";
import { updateIteration } from "@/lib/db/queries";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { zeroUsage, type Usage } from "@/lib/schemas/critique";
import { parseInput } from "@/lib/schemas/parse";
import { promptSchema } from "@/lib/schemas/prompt";
import type { reviseRequestSchema } from "@/lib/schemas/studio-requests";
import { onceForKey } from "@/lib/server/idempotency";
import { activeCritique } from "@/lib/studio/variants";
import { getUnderstandingEngine, roundUsd } from "@/lib/understanding";
import type { z } from "zod";
import type { IterationRecord } from "./iteration-view";
import { loadOwnedIteration } from "./owned";
import { understandingCall } from "./paid-call";

type ReviseInput = z.output<typeof reviseRequestSchema>;
type Choice = Omit<ReviseInput, "idempotencyKey">;
export type Revision = { prompt: string; costUsd: number; usage: Usage };

/**
 * The revised prompt for the owner's critiqued iteration, built from the designer's decisions
 * (kept and edited points, a note). With an idempotency key there is one paid revision per key:
 * the same request again (a double click, a retry) gets the first answer.
 */
export async function revise({ ownerId, input, signal }: { ownerId: string; input: ReviseInput; signal: AbortSignal }): Promise<Revision> {
  const { idempotencyKey, ...choice } = input;
  // Ownership first: another owner's id never claims a key.
  const record = await loadOwnedIteration({ ownerId, iterationId: choice.iterationId });
  if (!idempotencyKey) return reviseOnce({ record, choice, signal });
  return onceForKey({
    ownerId,
    key: idempotencyKey,
    kind: "revise",
    requestHash: createHash("sha256").update(JSON.stringify(choice)).digest("hex"),
    deadlineMs: env().LOUPE_ACTION_DEADLINE_MS,
    run: () => reviseOnce({ record, choice, signal }),
  });
}

async function reviseOnce({ record, choice, signal }: { record: IterationRecord; choice: Choice; signal: AbortSignal }): Promise<Revision> {
  const best = activeCritique({ critiques: record.critiques, images: record.images, requested: choice.imageId, selected: record.selectedImageId });
  if (!best) throw new LoupeError("not_found", { message: "Critique this image before applying a revision." });
  const engine = getUnderstandingEngine();
  // Written for the model that rendered it: in its prompt style, following the project's notes on it.
  const target = await writingTarget({ ownerId: record.ownerId, projectId: record.projectId, providerId: record.providerId, model: record.model });
  const { value: out, costUsd } = await understandingCall({
    engine,
    call: "revise",
    texts: [record.renderedPrompt, record.draft, choice.note, JSON.stringify(best.result)],
    run: () =>
      engine.revise({
        ...target,
        prompt: record.renderedPrompt,
        draft: record.draft,
        critique: best.result,
        acceptedIssueIds: choice.acceptedIssueIds,
        editedFixes: choice.editedFixes,
        note: choice.note || undefined,
        signal,
      }),
  });
  await recordReviseCost({ record, usage: out.usage, cost: costUsd });
  return { prompt: parseInput(promptSchema, out.prompt), costUsd, usage: out.usage };
}

/** Every revision asked of a critique is paid for, previewed or discarded, so it is added to the iteration it came from. */
async function recordReviseCost({ record, usage, cost }: { record: IterationRecord; usage: Usage; cost: number }) {
  const before = record.reviseUsage ?? zeroUsage;
  await updateIteration({
    id: record.id,
    patch: {
      reviseUsage: {
        inputTokens: before.inputTokens + usage.inputTokens,
        outputTokens: before.outputTokens + usage.outputTokens,
        cachedTokens: before.cachedTokens + usage.cachedTokens,
      },
      reviseCostUsd: roundUsd(record.reviseCostUsd + cost),
    },
  });
}
