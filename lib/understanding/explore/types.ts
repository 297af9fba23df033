import "server-only";
import type { Critique, Usage } from "@/lib/schemas/critique";
import type { ComparativePick, Draft, DraftLabel } from "@/lib/schemas/exploration";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import type { VideoCritique } from "@/lib/schemas/video";
import type { CritiqueImage, CritiqueInput, TargetModel } from "../types";

/** The k prompts of a round. */
export type WriteDraftsInput = TargetModel & {
  /** The prompt the drafts start from: the best so far, or the refined prompt in round 1. */
  prompt: string;
  /** The designer's own words. */
  draft: string;
  /** The critique the drafts answer; omitted = k readings of the brief (the first round). */
  critique?: Critique | VideoCritique;
  /** Omitted = every issue kept. */
  acceptedIssueIds?: string[];
  editedFixes?: Record<string, string>;
  note?: string;
  /** 1 to 4. One draft with a critique is exactly revise(). */
  k: number;
  /** The designer's UI language: each draft's reading is written in it. */
  language?: "en" | "zh";
  signal?: AbortSignal;
};

export type WriteDraftsOutput = {
  drafts: Draft[];
  usage: Usage;
  model: string;
  /** Drafts that repeated an earlier one and were replaced by a deterministic variant. */
  repaired: DraftLabel[];
  /** How many were left out because no distinct variant was left to write (then drafts.length < k). */
  dropped: number;
};

/** One render of the round, shown to the comparison under its label (A, B, … in order). */
export type PickCandidate = {
  image: CritiqueImage;
  /** The prompt it was rendered from. */
  prompt: string;
  /** Its own critique, when it has one: the comparison reads its score and summary. */
  critique?: Critique;
};

export type PickInput = TargetModel & {
  /** The designer's intent in their own words. */
  draft: string;
  /** 1 to 4 renders of this round. */
  candidates: PickCandidate[];
  /** The best image of the run so far, shown as such; omitted in the first round. */
  best?: PickCandidate;
  reference?: CritiqueInput["reference"];
  /** The designer's UI language: reasons and notes are written in it. */
  language?: "en" | "zh";
  signal?: AbortSignal;
};

export type PickOutput = {
  pick: ComparativePick;
  /** The winner's index in `candidates`. */
  winnerIndex: number;
  usage: Usage;
  model: string;
};

/** One prompt of a round and what its render's critique found. */
export type NotesAttempt = { round?: number; prompt: string; critique: Critique };

export type WriteNotesInput = {
  /** The notes on the model that rendered the attempts (possibly none yet); their provider/model is the target. */
  notes: ModelNotes;
  draft: string;
  /** The round's prompts with their renders' critiques (earlier rounds' too, when at hand). */
  attempts: NotesAttempt[];
  /** The round these attempts come from, for the evidence. */
  round?: number;
  language?: "en" | "zh";
  signal?: AbortSignal;
};

export type WriteNotesOutput = { notes: ModelNotes; usage: Usage; model: string };

/**
 * Everything the loop needs after a round's critiques, in one call: the comparative pick, the
 * notes updated from what the round showed, and the next round's k drafts written from the best
 * image so far with those notes. One call instead of three keeps a round at k + 1 Claude calls.
 */
export type ReviewRoundInput = Omit<PickInput, "notes" | "candidates" | "best"> & {
  /** Every candidate's critique is required here: the notes and the drafts are written from them. */
  candidates: Array<PickCandidate & { critique: Critique }>;
  best?: PickCandidate & { critique: Critique };
  notes: ModelNotes;
  round: number;
  /** Drafts for the next round, 0 to 4 (0 in the last round: the pick and the notes only). */
  nextDrafts: number;
};

export type ReviewRoundOutput = {
  pick: ComparativePick;
  winnerIndex: number;
  notes: ModelNotes;
  /** The next round's drafts, written from the best image after this pick. */
  drafts: Draft[];
  repaired: DraftLabel[];
  dropped: number;
  usage: Usage;
  model: string;
};
