"use server";

import type { Result } from "@/lib/errors";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { ensureOwnerId } from "@/lib/auth/owner";
import { toResultWithin } from "@/lib/server/deadline";
import type { Draft, ExploreRoundView } from "@/lib/schemas/exploration";
import {
  exploreRoundRequestSchema,
  firstDraftsRequestSchema,
  projectNotesRequestSchema,
  roundIterationsRequestSchema,
  saveModelNotesRequestSchema,
  type ExploreRoundRequest,
  type FirstDraftsRequest,
  type SaveModelNotesRequest,
} from "@/lib/schemas/explore-requests";
import type { IterationView } from "@/lib/schemas/iteration";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import { parseInput } from "@/lib/schemas/parse";
import { editModelNotes, projectModelNotes } from "@/lib/workflows/explore/notes";
import { exploreRound, firstDrafts, roundIterations } from "@/lib/workflows/explore/round";
import { paidAction } from "./paid-action";

/* Auto-iterate's rounds: thin actions over lib/workflows/explore (a job can call the same functions). */

export async function firstDraftsAction(raw: FirstDraftsRequest): Promise<Result<{ drafts: Draft[]; costUsd: number }>> {
  return paidAction(async ({ ownerId, deadline }) =>
    firstDrafts({ ...parseInput(firstDraftsRequestSchema, raw), ownerId, language: critiqueLanguage(await getLocale()), signal: deadline.signal }),
  );
}

export async function exploreRoundAction(raw: ExploreRoundRequest): Promise<Result<{ round: ExploreRoundView; notes: ModelNotes; nextDrafts: Draft[] }>> {
  return paidAction(async ({ ownerId, deadline }) => {
    const input = parseInput(exploreRoundRequestSchema, raw);
    // The critiques and the pick are read in the studio, so they speak the studio's language.
    const out = await exploreRound({ ...input, ownerId, language: critiqueLanguage(await getLocale()), signal: deadline.signal });
    return { round: out.round, notes: out.notes, nextDrafts: out.nextDrafts };
  });
}

export async function iterationViewsAction(raw: { iterationIds: string[] }): Promise<Result<IterationView[]>> {
  return toResultWithin(async () => roundIterations({ ...parseInput(roundIterationsRequestSchema, raw), ownerId: await ensureOwnerId() }));
}

export async function modelNotesAction(raw: { projectId: string }): Promise<Result<ModelNotes[]>> {
  return toResultWithin(async () => projectModelNotes({ ...parseInput(projectNotesRequestSchema, raw), ownerId: await ensureOwnerId() }));
}

export async function saveModelNotesAction(raw: SaveModelNotesRequest): Promise<Result<ModelNotes>> {
  return toResultWithin(async () => editModelNotes({ ...parseInput(saveModelNotesRequestSchema, raw), ownerId: await ensureOwnerId() }));
}
