import "server-only";
import { createHash } from "node:crypto";
import { insertIteration } from "@/lib/db/queries";
import { deleteProjectIfEmpty } from "@/lib/db/reliability-queries";
import type { Iteration, NewIteration, Project } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import type { RenderResult } from "@/lib/generation";
import type { Deadline } from "@/lib/server/deadline";
import type { GenerateAnswer, generateRequestSchema } from "@/lib/schemas/studio-requests";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import type { z } from "zod";
import { loadOwnedIteration, projectFor, viewOf } from "./owned";
import { paidCall, renderPrice } from "./paid-call";
import { ownReference, referenceForRender } from "./reference";
import { renderIntoIteration } from "./render-iteration";
import { stateOfKey, type KeyState } from "./replay";

type GenerateInput = z.output<typeof generateRequestSchema>;
export type Key = { ownerId: string; key: string; requestHash: string };

/**
 * Generate: a new iteration of the prompt, rendered and stored, under the request's idempotency
 * key (lib/server/idempotency.ts). The key is looked at before anything is made, so a replay
 * creates no second project or row; the render's price is reserved before the project or row
 * is made, so a refused budget leaves nothing behind.
 */
export async function generate({ ownerId, input, deadline }: { ownerId: string; input: GenerateInput; deadline: Deadline }): Promise<GenerateAnswer> {
  const key: Key = { ownerId, key: input.idempotencyKey, requestHash: hashRequest(input) };
  const earlier = await stateOfKey({ ...key, allowRetry: true });
  if (earlier.kind === "answer") return earlier.value;
  const price = renderPrice({ prompt: input.prompt, params: input.params, reference: !!input.referenceId });
  const { value } = await paidCall({
    estimateUsd: price.estimateUsd,
    call: () => makeIteration({ ownerId, input, earlier, key, deadline }),
    costOf: ({ render }) => price.costOf(render),
  });
  return value.answer;
}

async function makeIteration({ ownerId, input, earlier, key, deadline }: { ownerId: string; input: GenerateInput; earlier: Exclude<KeyState, { kind: "answer" }>; key: Key; deadline: Deadline }): Promise<{ answer: GenerateAnswer; render: RenderResult | null }> {
  const project = earlier.kind === "retry" ? earlier.project : await projectFor({ ownerId, projectId: input.projectId, name: projectNameFromDraft(input.draft) });
  if (input.parentId) await loadOwnedIteration({ ownerId, iterationId: input.parentId, projectId: project.id });
  const reference = input.referenceId ? await ownReference({ ownerId, referenceId: input.referenceId, projectId: project.id }) : null;
  // Read before the iteration exists, so a missing file fails the request rather than leaving a row generating.
  const referenceInput = await referenceForRender(reference);

  const iteration = earlier.kind === "retry" ? earlier.iteration : await insertOrJoin({ ownerId, input, project, key });
  if ("project" in iteration) return { answer: iteration, render: null }; // the concurrent winner's answer

  const render = await renderIntoIteration({ iterationId: iteration.id, idempotencyKey: input.idempotencyKey, prompt: input.prompt, reference: referenceInput, params: input.params, timings: iteration.timings, deadline });
  return { answer: { iteration: await viewOf({ ownerId, iterationId: iteration.id }), project: { id: project.id, name: project.name } }, render };
}

async function insertOrJoin({ ownerId, input, project, key }: { ownerId: string; input: GenerateInput; project: Project; key: Key }): Promise<Iteration | GenerateAnswer> {
  const row = {
    projectId: project.id,
    ownerId,
    parentId: input.parentId,
    draft: input.draft,
    refinedPrompt: input.refinedPrompt,
    renderedPrompt: input.prompt,
    providerId: input.params.providerId,
    model: input.params.model ?? "",
    params: input.params,
    seed: input.params.seed ?? null,
    status: "generating" as const,
    timings: {},
    referenceId: input.referenceId ?? null,
    idempotencyKey: input.idempotencyKey,
    requestHash: key.requestHash,
  };
  return insertRowOrJoin({ row, refineId: input.refineId, newProject: !input.projectId, key });
}

/** The new row, or — when a concurrent request with the same key inserted first — that request's answer. */
export async function insertRowOrJoin({ row, refineId, newProject, key }: { row: NewIteration; refineId?: string | null; newProject: boolean; key: Key }): Promise<Iteration | GenerateAnswer> {
  return insertIteration(row, { refineId }).catch(async (error: unknown) => {
    if (!(error instanceof LoupeError && error.code === "conflict")) throw error;
    if (newProject) await deleteProjectIfEmpty({ ownerId: row.ownerId, projectId: row.projectId });
    const winner = await stateOfKey({ ...key, allowRetry: false });
    if (winner.kind !== "answer") throw error;
    return winner.value;
  });
}

export function hashRequest(input: object): string {
  const payload = { ...input, idempotencyKey: undefined };
  return createHash("sha256").update(JSON.stringify(payload)).digest("hex");
}
