import { referenceVerdictSchema, regionCritiqueSchema, MAX_REFERENCES } from "./edit";
import { aspectKeys, type AspectKey } from "./score";
import { z } from "./zod";

export { aspectKeys, formatScore, type AspectKey } from "./score";
export const aspectKeySchema = z.enum(aspectKeys);

export const aspectLabels: Record<AspectKey, string> = {
  promptAdherence: "Prompt adherence",
  composition: "Composition",
  typography: "Text & typography",
  colorLighting: "Colour & lighting",
  artifacts: "Artifacts",
};

const score = z.number().min(0).max(10);

export const critiqueIssueSchema = z.object({
  id: z.string().min(1).max(40),
  aspect: aspectKeySchema,
  severity: z.enum(["low", "medium", "high"]),
  problem: z.string().min(1).max(600),
  fix: z.string().min(1).max(600),
});
export type CritiqueIssue = z.infer<typeof critiqueIssueSchema>;

/** The structured critique both engines produce; Claude's answer is validated against it. */
export const critiqueSchema = z.object({
  overall: score,
  aspects: z.object({
    promptAdherence: score,
    composition: score,
    typography: score,
    colorLighting: score,
    artifacts: score,
  }),
  summary: z.string().min(1).max(1200),
  strengths: z.array(z.string().min(1).max(400)).max(8),
  issues: z.array(critiqueIssueSchema).max(10),
  revisedPrompt: z.string().min(1).max(4000),
  /** Only on the critique of a region edit: the painted region, and whether anything outside it changed (lib/schemas/edit.ts). */
  region: regionCritiqueSchema.optional(),
  /** Only on the critique of a render with a moodboard: one verdict per reference, by its role. */
  references: z.array(referenceVerdictSchema).max(MAX_REFERENCES).optional(),
});
export type Critique = z.infer<typeof critiqueSchema>;

export const usageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cachedTokens: z.number().int().min(0).default(0),
  /** Of `inputTokens`, those written to the prompt cache (a 5-minute write costs 1.25× the input price). */
  cacheWriteTokens: z.number().int().min(0).optional(),
  /** Of `outputTokens`, those spent thinking: billed as output even when the thinking is not shown. */
  thinkingTokens: z.number().int().min(0).optional(),
  /** cachedTokens / inputTokens: how much of the call's input came from the prompt cache, 0–1. */
  cacheShare: z.number().min(0).max(1).optional(),
});
export type Usage = z.infer<typeof usageSchema>;

/** The share of input tokens read from the prompt cache, 0–1 (three decimals). */
export function cacheShareOf(usage: Pick<Usage, "inputTokens" | "cachedTokens">): number {
  return usage.inputTokens > 0 ? Math.round((usage.cachedTokens / usage.inputTokens) * 1000) / 1000 : 0;
}
export const zeroUsage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };

