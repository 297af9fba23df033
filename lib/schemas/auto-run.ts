import { z } from "zod";
import { AUTO_LIMITS } from "@/lib/studio/auto-iterate";
import { generationParamsSchema } from "./params";
import { promptSchema } from "./prompt";
import { MAX_PROMPT_LENGTH, normalisePrompt } from "./prompt-text";

const id = z.uuid();

export const autoSettingsSchema = z.object({
  rounds: z.number().int().min(AUTO_LIMITS.rounds.min).max(AUTO_LIMITS.rounds.max),
  drafts: z.number().int().min(AUTO_LIMITS.drafts.min).max(AUTO_LIMITS.drafts.max),
  targetScore: z.number().min(AUTO_LIMITS.targetScore.min).max(AUTO_LIMITS.targetScore.max),
  stopOnPlateau: z.boolean(),
  budgetUsd: z.number().nonnegative().max(1000).nullable(),
});

/** Auto-iterate, as the studio starts it: the prompt and settings on screen, from the current iteration if any. */
export const startAutoRunRequestSchema = z.object({
  projectId: id.nullable(),
  currentId: id.nullable(),
  draft: promptSchema,
  refinedPrompt: z.string().max(MAX_PROMPT_LENGTH * 2).transform(normalisePrompt),
  prompt: promptSchema,
  params: generationParamsSchema,
  referenceId: id.nullable(),
  settings: autoSettingsSchema,
  /** One run per press: a repeated request (a double click, a reconnect) starts it once. */
  idempotencyKey: id,
});
export type StartAutoRunRequest = z.input<typeof startAutoRunRequestSchema>;

export const autoRunRequestSchema = z.object({ runId: id });
export type AutoRunRequest = z.input<typeof autoRunRequestSchema>;
