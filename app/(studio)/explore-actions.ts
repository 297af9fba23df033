"use server";

import { z } from "zod";
import { ensureOwnerId } from "@/lib/auth/owner";
import { getIteration, loadIteration } from "@/lib/db/queries";
import type { IterationView } from "@/lib/schemas/iteration";
import { toIterationView } from "@/lib/studio/iteration-view";
import { toResultWithin } from "@/lib/server/deadline";
import { limited } from "@/lib/limits/guard";
import type { Result } from "@/lib/errors";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { draftSchema, MAX_DRAFTS, type Draft, type ExploreRoundView } from "@/lib/schemas/exploration";
import { modelNotesSchema, type ModelNotes } from "@/lib/schemas/model-notes";
import { parseInput as parse } from "@/lib/schemas/parse";
import { promptSchema } from "@/lib/schemas/prompt";
import { editModelNotes, projectModelNotes } from "@/lib/workflows/explore/notes";
import { exploreRound, firstDrafts } from "@/lib/workflows/explore/round";
import { referenceForCritique } from "./reference";

/* Auto-iterate's rounds: thin actions over lib/workflows/explore (a job can call the same functions). */

const id = z.uuid();

const firstDraftsSchema = z.object({
  projectId: id.nullable(),
  prompt: promptSchema,
  draft: promptSchema,
  k: z.number().int().min(1).max(MAX_DRAFTS),
  providerId: z.string().min(1).max(60),
  model: z.string().max(200),
  fromIterationId: id.optional(),
});

export async function firstDraftsAction(raw: z.input<typeof firstDraftsSchema>): Promise<Result<{ drafts: Draft[]; costUsd: number }>> {
  return toResultWithin((deadline) => limited("work", async () => {
    const input = parse(firstDraftsSchema, raw);
    const ownerId = await ensureOwnerId();
    return firstDrafts({ ...input, ownerId, language: critiqueLanguage(await getLocale()), signal: deadline.signal });
  }));
}

const roundSchema = z.object({
  runId: id,
  round: z.number().int().min(1).max(100),
  drafts: z.array(draftSchema.extend({ iterationId: id })).min(1).max(MAX_DRAFTS),
  bestIterationId: id.optional(),
  nextDrafts: z.number().int().min(0).max(MAX_DRAFTS),
  tried: z.array(promptSchema).max(24).default([]),
});

export async function exploreRoundAction(raw: z.input<typeof roundSchema>): Promise<Result<{ round: ExploreRoundView; notes: ModelNotes; nextDrafts: Draft[] }>> {
  return toResultWithin((deadline) => limited("work", async () => {
    const input = parse(roundSchema, raw);
    const ownerId = await ensureOwnerId();
    const first = await getIteration({ ownerId, iterationId: input.drafts[0]!.iterationId });
    // The round's renders share the run's reference; the critiques and the pick compare against it.
    const reference = first ? await referenceForCritique({ ownerId, referenceId: first.referenceId }) : undefined;
    const out = await exploreRound({ ...input, ownerId, reference, language: critiqueLanguage(await getLocale()), signal: deadline.signal });
    return { round: out.round, notes: out.notes, nextDrafts: out.nextDrafts };
  }));
}

export async function modelNotesAction(raw: { projectId: string }): Promise<Result<ModelNotes[]>> {
  return toResultWithin(async () => {
    const { projectId } = parse(z.object({ projectId: id }), raw);
    return projectModelNotes({ ownerId: await ensureOwnerId(), projectId });
  });
}

const editSchema = modelNotesSchema.extend({ projectId: id, edited: z.array(z.string().max(60)).max(20) });

export async function saveModelNotesAction(raw: z.input<typeof editSchema>): Promise<Result<ModelNotes>> {
  return toResultWithin(async () => {
    const input = parse(editSchema, raw);
    return editModelNotes({ ...input, ownerId: await ensureOwnerId() });
  });
}

/** A round's iterations as they are now (critiqued, the review's cost on the winner). Owner-scoped. */
export async function iterationViewsAction(raw: { iterationIds: string[] }): Promise<Result<IterationView[]>> {
  return toResultWithin(async () => {
    const { iterationIds } = parse(z.object({ iterationIds: z.array(id).min(1).max(MAX_DRAFTS) }), raw);
    const ownerId = await ensureOwnerId();
    const views: IterationView[] = [];
    for (const iterationId of iterationIds) {
      const record = (await getIteration({ ownerId, iterationId })) ? await loadIteration({ iterationId }) : null;
      if (record) views.push(toIterationView(record));
    }
    return views;
  });
}
