import "server-only";
import { createHash } from "node:crypto";
import { createProject, insertIteration } from "@/lib/db/queries";
import { deleteProjectIfEmpty } from "@/lib/db/reliability-queries";
import type { Iteration, NewIteration, Project } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import { checkRenderable, type RenderReference, type RenderResult } from "@/lib/generation";
import type { Deadline } from "@/lib/server/deadline";
import type { GenerateAnswer, generateRequestSchema } from "@/lib/schemas/studio-requests";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import type { z } from "zod";
import { loadOwnedIteration, ownedProject, viewOf } from "./owned";
import { paidCall, renderPrice } from "./paid-call";
import { announceIteration } from "./progress";
import { ownReference, referenceForRender } from "./reference";
import { renderIntoIteration } from "./render-iteration";
import { stateOfKey, type KeyState } from "./replay";
import { editNeeds, resolveEdit, type ResolvedEdit } from "./edit/resolve-edit";

type GenerateInput = z.output<typeof generateRequestSchema>;
export type Key = { ownerId: string; key: string; requestHash: string };

/**
 * Generate: a new iteration of the prompt, rendered and stored, under the request's idempotency
 * key (lib/server/idempotency.ts). The key is looked at before anything is made, so a replay
 * creates no second project or row. Everything is checked — the provider, the project, the
 * parent, the reference — and the render's price reserved before the project or row is made, so
 * a refused request leaves nothing behind.
 */
export async function generate({ ownerId, input, deadline }: { ownerId: string; input: GenerateInput; deadline: Deadline }): Promise<GenerateAnswer> {
  const key: Key = { ownerId, key: input.idempotencyKey, requestHash: hashRequest(input) };
  const earlier = await stateOfKey({ ...key, allowRetry: true });
  if (earlier.kind === "answer") return earlier.value;
  if (input.referenceId && input.edit?.moodboard?.length) throw new LoupeError("bad_request", { message: "Put the reference on the moodboard, or use it alone: not both." });
  checkRenderable({ prompt: input.prompt, params: input.params, reference: !!input.referenceId, needs: editNeeds(input.edit) });
  const checked = await checkInput({ ownerId, input, earlier });
  // An edit sends images too, priced as a render with a reference.
  const price = renderPrice({ prompt: input.prompt, params: input.params, reference: !!input.referenceId || !!checked.edit });
  const { value } = await paidCall({
    estimateUsd: price.estimateUsd,
    call: () => makeIteration({ ownerId, input, earlier, key, deadline, ...checked }),
    costOf: ({ render }) => price.costOf(render),
  });
  return value.answer;
}

type Earlier = Exclude<KeyState, { kind: "answer" }>;
type Checked = { existing: Project | null; referenceInput: RenderReference | undefined; edit: ResolvedEdit | null };

/** The project, parent and reference the request names, all the caller's, read before anything is made. */
async function checkInput({ ownerId, input, earlier }: { ownerId: string; input: GenerateInput; earlier: Earlier }): Promise<Checked> {
  const existing = earlier.kind === "retry" ? earlier.project : input.projectId ? await ownedProject({ ownerId, projectId: input.projectId }) : null;
  // A new project has no iterations or references yet, so a parent or reference can only be someone else's.
  if (!existing && (input.parentId || input.referenceId)) throw new LoupeError("not_found", { message: "That iteration was not found." });
  if (existing && input.parentId) await loadOwnedIteration({ ownerId, iterationId: input.parentId, projectId: existing.id });
  const reference = existing && input.referenceId ? await ownReference({ ownerId, referenceId: input.referenceId, projectId: existing.id }) : null;
  // Read before the iteration exists, so a missing file fails the request rather than leaving a row generating.
  const referenceInput = await referenceForRender(reference);
  // The input render, its painted region and the moodboard: the caller's, of this project, their files read now.
  const edit = await resolveEdit({ ownerId, projectId: existing?.id ?? null, edit: input.edit });
  return { existing, referenceInput, edit };
}

async function makeIteration({ ownerId, input, earlier, key, deadline, existing, referenceInput, edit }: { ownerId: string; input: GenerateInput; earlier: Earlier; key: Key; deadline: Deadline } & Checked): Promise<{ answer: GenerateAnswer; render: RenderResult | null }> {
  const project = existing ?? (await createProject({ ownerId, name: projectNameFromDraft(input.draft) }));
  const iteration = earlier.kind === "retry" ? earlier.iteration : await insertOrJoin({ ownerId, input, project, key, edit });
  if ("project" in iteration) return { answer: iteration, render: null }; // the concurrent winner's answer

  const announce = () => announceIteration({ ownerId, iterationId: iteration.id });
  await announce();
  const render = await renderIntoIteration({ iterationId: iteration.id, idempotencyKey: input.idempotencyKey, prompt: input.prompt, reference: referenceInput, edit: edit?.render, params: input.params, timings: iteration.timings, deadline, onStored: announce });
  await announce();
  return { answer: { iteration: await viewOf({ ownerId, iterationId: iteration.id }), project: { id: project.id, name: project.name } }, render };
}

async function insertOrJoin({ ownerId, input, project, key, edit }: { ownerId: string; input: GenerateInput; project: Project; key: Key; edit: ResolvedEdit | null }): Promise<Iteration | GenerateAnswer> {
  const row = {
    projectId: project.id,
    ownerId,
    // An edit is a child of the render it continues from.
    parentId: edit?.parentId ?? input.parentId,
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
    ...(edit?.row ?? {}),
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
  // What follows the render (its chained critique, in the designer's language) is not the render: a Retry in another language is the same request.
  const payload = { ...input, idempotencyKey: undefined, critiqueAfter: undefined, alsoTried: undefined, language: undefined };
  return createHash("sha256").update(JSON.stringify(payload)).digest("hex");
}
