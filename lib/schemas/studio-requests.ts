import type { IterationView } from "./iteration";
import { generationParamsSchema } from "./params";
import { videoParamsSchema } from "./video";
import { MAX_PROMPT_LENGTH, normalisePrompt, promptSchema } from "./prompt";
import { z } from "./zod";
import { editRequestSchema } from "./edit";

/*
 * What the studio asks of the server, checked at the boundary (app/ actions and route
 * handlers parse with these; the workflows take the parsed values). The browser uses the
 * input types only, so these schemas never reach its bundle.
 */

const id = z.uuid();

export const generateRequestSchema = z.object({
  projectId: id.nullable(),
  parentId: id.nullable(),
  draft: promptSchema,
  refinedPrompt: z.string().max(MAX_PROMPT_LENGTH * 2).transform(normalisePrompt),
  prompt: promptSchema,
  params: generationParamsSchema,
  /**
   * The refine that wrote this prompt, as its stream named it: the server takes the refine's cost
   * from its own record (owner-scoped, once), never from the browser.
   */
  refineId: id.nullable().optional(),
  idempotencyKey: id,
  /** A reference image of the same project: sent to the provider as an image or in words, compared by the critique. */
  referenceId: id.nullable().optional(),
  /** Continue from a render of the project (Use as input, a painted region) and/or a moodboard. */
  edit: editRequestSchema.nullable().optional(),
  /**
   * Critique the render on the server once it is stored (the studio sends true). Absent in a
   * request from before the server chained the critique: that browser asks for it itself.
   */
  critiqueAfter: z.boolean().optional(),
  /** Prompts tried elsewhere, passed on to the chained critique (see critiqueRequestSchema). */
  alsoTried: z.array(promptSchema).max(8).optional(),
});
/** What the studio sends to generateAction; kept by the store so Retry can resend it unchanged. */
export type GenerateRequest = z.input<typeof generateRequestSchema>;
export type GenerateAnswer = { iteration: IterationView; project: { id: string; name: string } };

/**
 * Output "Video": one clip of the prompt. `animateImageId` (Animate on an image result) makes it
 * image-to-video: the clip starts from that still, an image of the parent iteration.
 */
export const generateVideoRequestSchema = generateRequestSchema.omit({ params: true, referenceId: true }).extend({
  video: videoParamsSchema,
  animateImageId: id.nullable().optional(),
});
export type GenerateVideoRequest = z.input<typeof generateVideoRequestSchema>;

export const critiqueRequestSchema = z.object({
  iterationId: id,
  /** Prompts tried elsewhere in the same run (auto-iterate branches from its best round), so advice does not repeat. */
  alsoTried: z.array(promptSchema).max(8).optional(),
});
export type CritiqueRequest = z.input<typeof critiqueRequestSchema>;

export const reviseRequestSchema = z.object({
  iterationId: id,
  /** The variant whose critique to apply; default: the designer's chosen variant, else the best-scored. */
  imageId: id.optional(),
  /** Optional so older callers keep working; the studio always sends one (Apply revision, auto-iterate). */
  idempotencyKey: id.optional(),
  acceptedIssueIds: z.array(z.string().min(1).max(40)).max(20).optional(),
  editedFixes: z.record(z.string().min(1).max(40), z.string().trim().min(1).max(600)).optional(),
  note: z.string().max(1000).transform(normalisePrompt).optional(),
});
export type ReviseRequest = z.input<typeof reviseRequestSchema>;

export const cancelRequestSchema = z.object({ idempotencyKey: id });
export type CancelRequest = z.input<typeof cancelRequestSchema>;

export const selectVariantRequestSchema = z.object({ iterationId: id, imageId: id.nullable() });
