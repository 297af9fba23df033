import { z } from "./zod";
import { draftSchema, MAX_DRAFTS } from "./exploration";
import { modelNotesSchema } from "./model-notes";
import { promptSchema } from "./prompt";

/* What the studio sends to auto-iterate's round actions (app/(studio)/explore-actions.ts). */

const id = z.uuid();

export const firstDraftsRequestSchema = z.object({
  projectId: id.nullable(),
  prompt: promptSchema,
  draft: promptSchema,
  k: z.number().int().min(1).max(MAX_DRAFTS),
  providerId: z.string().min(1).max(64),
  model: z.string().max(128),
  /** A critiqued iteration the run starts from: the drafts answer its critique. */
  fromIterationId: id.optional(),
});
export type FirstDraftsRequest = z.input<typeof firstDraftsRequestSchema>;

export const exploreRoundRequestSchema = z.object({
  runId: id,
  round: z.number().int().min(1).max(100),
  drafts: z.array(draftSchema.extend({ iterationId: id })).min(1).max(MAX_DRAFTS),
  bestIterationId: id.optional(),
  nextDrafts: z.number().int().min(0).max(MAX_DRAFTS),
  /** Prompts the run already rendered: the next drafts must differ from them. */
  tried: z.array(promptSchema).max(24).default([]),
});
export type ExploreRoundRequest = z.input<typeof exploreRoundRequestSchema>;

export const roundIterationsRequestSchema = z.object({ iterationIds: z.array(id).min(1).max(MAX_DRAFTS) });
export const projectNotesRequestSchema = z.object({ projectId: id });

export const saveModelNotesRequestSchema = modelNotesSchema.extend({
  projectId: id,
  /** The ids of the notes the designer changed or wrote: these become theirs. */
  edited: z.array(z.string().max(60)).max(20),
});
export type SaveModelNotesRequest = z.input<typeof saveModelNotesRequestSchema>;
