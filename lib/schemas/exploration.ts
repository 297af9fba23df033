import { z } from "./zod";
import { promptSchema } from "./prompt";

/**
 * One round of exploration, Idea2Img-style: k different prompts (drafts), each rendered; a
 * comparative pick among the renders. Browser-safe: the studio shows the drafts with what each
 * one bets on, and the pick with its reasons.
 */
export const MAX_DRAFTS = 4;
export const draftLabels = ["A", "B", "C", "D"] as const;
export const draftLabelSchema = z.enum(draftLabels);
export type DraftLabel = z.infer<typeof draftLabelSchema>;

export const draftSchema = z.object({
  label: draftLabelSchema,
  prompt: promptSchema,
  /** The critique's issue ids this draft applies (empty for a reading of the brief alone). */
  takes: z.array(z.string().min(1).max(40)).max(10),
  /** In one line: which fixes it takes and which reading of the critique or brief it bets on. */
  reading: z.string().min(1).max(300),
  /**
   * Who wrote it: an engine; Loupe itself when Claude's draft repeated another and was replaced
   * by a deterministic variant (its reading says so); or Loupe's readings of the brief, which open
   * a run that has no critique yet ("loupe": no call).
   */
  source: z.enum(["claude", "offline", "repaired", "loupe"]),
});
export type Draft = z.infer<typeof draftSchema>;

export const draftSetSchema = z.array(draftSchema).min(1).max(MAX_DRAFTS);

export const comparativePickSchema = z.object({
  /** The winning render's label. */
  winner: draftLabelSchema,
  /** Why it wins, comparing it with the others: most important first. */
  reasons: z.array(z.string().min(1).max(400)).min(1).max(4),
  /** One line per render, in label order. */
  perImage: z.array(z.object({ label: draftLabelSchema, note: z.string().min(1).max(300) })).max(MAX_DRAFTS),
  /** Whether the winner is better than the best image so far; true when there was none (the winner becomes the best). */
  beatsBest: z.boolean(),
  /** Why it does or does not beat the best so far; empty when there was none. */
  versusBest: z.string().max(400),
});
export type ComparativePick = z.infer<typeof comparativePickSchema>;

/** A round as the studio shows it: the drafts with the iterations that rendered them, and the pick. */
export type ExploreRoundView = {
  runId: string;
  round: number;
  drafts: Array<Draft & { iterationId: string }>;
  pick: ComparativePick;
  winnerIterationId: string;
  bestIterationId: string;
  engine: "claude" | "offline";
  model: string;
  costUsd: number;
  /** The whole round's Claude input (critiques and the review) and how much of it the prompt cache served. */
  inputTokens: number;
  cachedTokens: number;
};
