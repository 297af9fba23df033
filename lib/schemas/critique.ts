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
});
export type Usage = z.infer<typeof usageSchema>;
export const zeroUsage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };

