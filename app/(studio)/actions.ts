"use server";

import { createHash } from "node:crypto";
import { z } from "zod";
import { ensureOwnerId } from "@/lib/auth/owner";
import {
  createProject,
  getIteration,
  getProject,
  insertCritique,
  insertIteration,
  loadIteration,
  updateIteration,
} from "@/lib/db/queries";
import { deleteProjectIfEmpty } from "@/lib/db/reliability-queries";
import { env } from "@/lib/env";
import { LoupeError, toPublicError, type Result } from "@/lib/errors";
import { parseInput as parse } from "@/lib/schemas/parse";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { usageSchema, zeroUsage, type Usage } from "@/lib/schemas/critique";
import type { IterationView } from "@/lib/schemas/iteration";
import { generationParamsSchema } from "@/lib/schemas/params";
import { normalisePrompt, promptSchema, MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt";
import { readImage } from "@/lib/storage";
import { toIterationView, type IterationRecord } from "@/lib/studio/iteration-view";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import { ownReference, referenceForCritique, referenceForRender } from "./reference";
import { activeCritique } from "@/lib/studio/variants";
import { renderIntoIteration } from "./render-iteration";
import { onceForKey } from "@/lib/server/idempotency";
import { toResultWithin } from "@/lib/server/deadline";
import { stateOfKey } from "./replay";
import { limited } from "@/lib/limits/guard";
import { recordSpend, reserveRender, reserveUnderstanding } from "./paid-calls";
import { costOfUsage, getUnderstandingEngine, roundUsd } from "@/lib/understanding";
import { checkRenderable } from "@/lib/generation";
import { editRequestSchema } from "@/lib/schemas/edit";
import { editNeeds, resolveEdit } from "@/lib/workflows/edit/resolve-edit";
import { critiqueExtraImages, editForCritique } from "@/lib/workflows/edit/critique-edit";

/*
 * The only place where the understanding and generation pipelines meet. Each action
 * checks its input with zod, checks that the caller owns what it touches, and answers
 * with a typed Result — never a thrown error, a stack trace or a key.
 */

const id = z.uuid();

const generateInputSchema = z.object({
  projectId: id.nullable(),
  parentId: id.nullable(),
  draft: promptSchema,
  refinedPrompt: z.string().max(MAX_PROMPT_LENGTH * 2).transform(normalisePrompt),
  prompt: promptSchema,
  params: generationParamsSchema,
  refine: z.object({ usage: usageSchema, ms: z.number().int().min(0).max(600_000) }).nullable(),
  idempotencyKey: id,
  /** A reference image of the same project: sent to the provider as an image or in words, compared by the critique. */
  referenceId: id.nullable().optional(),
  /** Continue from a render of the project (Use as input, a painted region) and/or a moodboard. */
  edit: editRequestSchema.nullable().optional(),
});
export type GenerateInput = z.input<typeof generateInputSchema>;

export async function generateAction(
  raw: GenerateInput,
): Promise<Result<{ iteration: IterationView; project: { id: string; name: string } }>> {
  return toResultWithin((deadline) => limited("work", async () => {
    const input = parse(generateInputSchema, raw);
    const ownerId = await ensureOwnerId();
    // The key is looked at before anything is made, so a replay creates no second project or row.
    const requestHash = hashRequest(input);
    const key = { ownerId, key: input.idempotencyKey, requestHash };
    const earlier = await stateOfKey({ ...key, allowRetry: true });
    if (earlier.kind === "answer") return earlier.value;
    // Everything is checked before anything is made: a refused request leaves no project and no row behind.
    if (input.referenceId && input.edit?.moodboard?.length) throw new LoupeError("bad_request", { message: "Put the reference on the moodboard, or use it alone: not both." });
    checkRenderable({ prompt: input.prompt, params: input.params, reference: !!input.referenceId, needs: editNeeds(input.edit) });
    const existing = earlier.kind === "retry" ? earlier.project : input.projectId ? await ownProject({ ownerId, projectId: input.projectId }) : null;
    // A new project has no iterations or references yet, so a parent or reference can only be someone else's.
    if (!existing && (input.parentId || input.referenceId)) throw new LoupeError("not_found", { message: "That iteration was not found." });
    if (existing && input.parentId) await ownIteration({ ownerId, iterationId: input.parentId, projectId: existing.id });
    const reference = existing && input.referenceId ? await ownReference({ ownerId, referenceId: input.referenceId, projectId: existing.id }) : null;
    // Read before the iteration exists, so a missing file fails the request rather than leaving a row generating.
    const referenceInput = await referenceForRender(reference);
    const edit = await resolveEdit({ ownerId, projectId: existing?.id ?? null, edit: input.edit });
    await reserveRender({ prompt: input.prompt, params: input.params, reference: !!input.referenceId || !!edit });
    const project = existing ?? (await createProject({ ownerId, name: projectNameFromDraft(input.draft) }));

    const timings = input.refine ? { refineMs: input.refine.ms } : {};
    const iteration = earlier.kind === "retry" ? earlier.iteration : await insertIteration({
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
      status: "generating",
      timings,
      refineUsage: input.refine?.usage ?? null,
      refineCostUsd: input.refine ? refineCost(input.refine.usage) : 0,
      referenceId: reference?.id ?? null,
      ...(edit?.row ?? {}),
      idempotencyKey: input.idempotencyKey,
      requestHash,
    }).catch(async (error: unknown) => {
      // A concurrent request with the same key inserted first: this one answers with its result.
      if (!(error instanceof LoupeError && error.code === "conflict")) throw error;
      if (!input.projectId) await deleteProjectIfEmpty({ ownerId, projectId: project.id });
      const winner = await stateOfKey({ ...key, allowRetry: false });
      if (winner.kind !== "answer") throw error;
      return winner.value;
    });
    if ("project" in iteration) return iteration; // the concurrent winner's answer

    await renderIntoIteration({ iterationId: iteration.id, idempotencyKey: input.idempotencyKey, prompt: input.prompt, reference: referenceInput, edit: edit?.render, params: input.params, timings, deadline });
    return { iteration: await viewOf(iteration.id), project };
  }));
}

const critiqueInputSchema = z.object({
  iterationId: id,
  /** Prompts tried elsewhere in the same run (auto-iterate branches from its best round), so advice does not repeat. */
  alsoTried: z.array(promptSchema).max(8).optional(),
});

export async function critiqueAction(raw: z.input<typeof critiqueInputSchema>): Promise<Result<IterationView>> {
  return toResultWithin((deadline) => limited("work", async () => {
    const { iterationId, alsoTried = [] } = parse(critiqueInputSchema, raw);
    const ownerId = await ensureOwnerId();
    await ownIteration({ ownerId, iterationId });
    const record = await loadIteration({ iterationId });
    if (!record || record.images.length === 0) {
      throw new LoupeError("not_found", { message: "There is no image to critique yet." });
    }

    const engine = getUnderstandingEngine();
    const ancestors = await ancestorPrompts(record);
    const previousAttempts = [...new Set([...alsoTried, ...ancestors])].filter((p) => p !== record.renderedPrompt).slice(-8);
    const reference = await referenceForCritique({ ownerId, referenceId: record.referenceId });
    // An edit is judged on its region and outside it; a moodboard reference by its role.
    const edited = await editForCritique({ ownerId, iteration: record });
    const started = performance.now();
    const pending = record.images.filter((image) => !record.critiques.some((c) => c.imageId === image.id));
    try {
      await reserveUnderstanding({ engine: engine.info, call: "critique", texts: [record.renderedPrompt, record.draft, ...previousAttempts], images: (reference ? 2 : 1) + critiqueExtraImages(edited), calls: pending.length });
      // Variants are critiqued concurrently: the wait is the slowest critique, not the sum.
      await Promise.all(
        pending.map(async (image) => {
          const stored = await readImage(image.storageKey);
          if (!stored) throw new LoupeError("not_found", { message: "The stored image is missing." });
          const imageStarted = performance.now();
          const out = await engine.critique({
            image: stored,
            prompt: record.renderedPrompt,
            draft: record.draft,
            previousAttempts,
            reference,
            ...edited,
            // The critique is read in the studio, so it speaks the studio's language.
            language: critiqueLanguage(await getLocale()),
            signal: deadline.signal,
          });
          const costUsd = costOfUsage({ usage: out.usage, model: out.model, engine: engine.info.kind });
          recordSpend(costUsd);
          await insertCritique({
            iterationId: record.id,
            imageId: image.id,
            result: out.critique,
            engine: engine.info.kind,
            model: out.model,
            inputTokens: out.usage.inputTokens,
            outputTokens: out.usage.outputTokens,
            cachedTokens: out.usage.cachedTokens,
            costUsd,
            ms: Math.round(performance.now() - imageStarted),
          });
        }),
      );
      await updateIteration({
        id: record.id,
        patch: { status: "done", error: null, timings: { ...record.timings, critiqueMs: Math.round(performance.now() - started) } },
      });
    } catch (error) {
      // The image stays; the Critique region says what happened and offers Retry.
      await updateIteration({ id: record.id, patch: { status: "done", error: toPublicError(deadline.explain(error)) } });
    }
    return viewOf(record.id);
  }));
}

const reviseInputSchema = z.object({
  iterationId: id,
  /** The variant whose critique to apply; default: the designer's chosen variant, else the best-scored. */
  imageId: id.optional(),
  /** Optional so older callers keep working; the studio always sends one (Apply revision, auto-iterate). */
  idempotencyKey: id.optional(),
  acceptedIssueIds: z.array(z.string().min(1).max(40)).max(20).optional(),
  editedFixes: z.record(z.string().min(1).max(40), z.string().trim().min(1).max(600)).optional(),
  note: z.string().max(1000).transform(normalisePrompt).optional(),
});

export async function reviseAction(raw: z.input<typeof reviseInputSchema>): Promise<Result<{ prompt: string; costUsd: number; usage: Usage }>> {
  return toResultWithin((deadline) => limited("work", async () => {
    const input = parse(reviseInputSchema, raw);
    const ownerId = await ensureOwnerId();
    await ownIteration({ ownerId, iterationId: input.iterationId });
    if (input.idempotencyKey) {
      // One paid revision per key: the same request again (a double click, a retry) gets the first answer.
      const { idempotencyKey, ...request } = input;
      return onceForKey({
        ownerId,
        key: idempotencyKey,
        kind: "revise",
        requestHash: createHash("sha256").update(JSON.stringify(request)).digest("hex"),
        deadlineMs: env().LOUPE_ACTION_DEADLINE_MS,
        run: async () => unwrapResult(await reviseAction(request)),
      });
    }
    const record = await loadIteration({ iterationId: input.iterationId });
    const best = record ? activeCritique({ critiques: record.critiques, images: record.images, requested: input.imageId, selected: record.selectedImageId }) : undefined;
    if (!record || !best) throw new LoupeError("not_found", { message: "Critique this image before applying a revision." });
    const engine = getUnderstandingEngine();
    await reserveUnderstanding({ engine: engine.info, call: "revise", texts: [record.renderedPrompt, record.draft, input.note, JSON.stringify(best.result)] });
    const out = await engine.revise({
      prompt: record.renderedPrompt,
      draft: record.draft,
      critique: best.result,
      acceptedIssueIds: input.acceptedIssueIds,
      editedFixes: input.editedFixes,
      note: input.note || undefined,
      signal: deadline.signal,
    });
    const costUsd = costOfUsage({ usage: out.usage, model: out.model, engine: engine.info.kind });
    recordSpend(costUsd);
    await recordReviseCost({ record, usage: out.usage, cost: costUsd });
    return { prompt: parse(promptSchema, out.prompt), costUsd, usage: out.usage };
  }));
}

async function ownProject({ ownerId, projectId }: { ownerId: string; projectId: string }) {
  const project = await getProject({ ownerId, projectId });
  if (!project) throw new LoupeError("not_found", { message: "That project was not found." });
  return project;
}

async function ownIteration({ ownerId, iterationId, projectId }: { ownerId: string; iterationId: string; projectId?: string }) {
  const iteration = await getIteration({ ownerId, iterationId });
  if (!iteration || (projectId && iteration.projectId !== projectId)) {
    throw new LoupeError("not_found", { message: "That iteration was not found." });
  }
  return iteration;
}

async function viewOf(iterationId: string): Promise<IterationView> {
  const record = await loadIteration({ iterationId });
  if (!record) throw new LoupeError("not_found");
  return toIterationView(record);
}

/** Prompts tried before on this line of the tree, oldest first, so the critique does not repeat itself. */
async function ancestorPrompts(record: IterationRecord): Promise<string[]> {
  const prompts: string[] = [];
  let parentId = record.parentId;
  while (parentId && prompts.length < 5) {
    const parent = await loadIteration({ iterationId: parentId });
    if (!parent) break;
    prompts.unshift(parent.renderedPrompt);
    parentId = parent.parentId;
  }
  return prompts;
}

/** Refine runs before the iteration exists; its tokens are priced with the engine's refine model. */
function refineCost(usage: Usage): number {
  const engine = getUnderstandingEngine();
  return costOfUsage({ usage, model: engine.info.refineModel, engine: engine.info.kind });
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

/** A failed inner Result becomes a thrown LoupeError again, so `onceForKey` releases the key. */
function unwrapResult<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message, retryable, retryAfterSeconds } = result.error;
  throw new LoupeError(code, { message, retryable, retryAfterSeconds });
}

function hashRequest(input: z.output<typeof generateInputSchema>): string {
  const payload = { ...input, idempotencyKey: undefined };
  return createHash("sha256").update(JSON.stringify(payload)).digest("hex");
}
