import type { PublicError } from "@/lib/errors";
import type { IterationView } from "@/lib/schemas/iteration";
import type { GenerationParams } from "@/lib/schemas/params";

/*
 * Auto-iterate after Idea2Img: draft k images, critique them, revise the best one with every
 * point accepted, render again — and at the end select the best iteration of the whole run.
 * The rules live here, pure, so the client loop only calls them.
 */

export type AutoSettings = {
  /** Most rounds to run (the designer's N). */
  rounds: number;
  /** Images drafted per round (k); each is critiqued, the best one carries the round. */
  drafts: number;
  /** Stop as soon as a round scores at least this. */
  targetScore: number;
  /** Stop when two rounds in a row did not beat the best so far. */
  stopOnPlateau: boolean;
  /** Stop before a round would take the run over this many USD; null = no budget. */
  budgetUsd: number | null;
};

export const defaultAutoSettings: AutoSettings = { rounds: 3, drafts: 1, targetScore: 8.5, stopOnPlateau: true, budgetUsd: null };
export const AUTO_LIMITS = { rounds: { min: 1, max: 8 }, drafts: { min: 1, max: 3 }, targetScore: { min: 1, max: 10 } } as const;

/** One finished round: round 0 is the iteration the run started from, when it was already critiqued. */
export type RoundResult = { round: number; iterationId: string; score: number | null; costUsd: number };

export type StopReason = "target" | "plateau" | "budget" | "rounds";

export const PLATEAU_ROUNDS = 2;

/** How a run ended: a stop rule, the designer's Cancel, a failure, or a revision that changed nothing. */
export type AutoOutcome = StopReason | "cancelled" | "failed" | "converged";

/** What round 1 of a run renders: the designer's prompt and settings when they pressed Auto-iterate. */
export type AutoRunStart = {
  prompt: string;
  parentId: string | null;
  draft: string;
  refinedPrompt: string;
  params: GenerationParams;
  referenceId: string | null;
  /** The language the critiques are written in (the studio's when the run started). */
  language: "en" | "zh";
  /** Prompts already rendered in this line, so a round that repeats one asks for a fresh seed. */
  tried: string[];
};

/** A run as the browser sees it: it runs on the server, round by round, whether a tab is open or not. */
export type AutoRunView = {
  id: string;
  projectId: string;
  settings: AutoSettings;
  status: "running" | "finished";
  round: number;
  results: RoundResult[];
  outcome: AutoOutcome | null;
  bestIterationId: string | null;
  error: PublicError | null;
  cancelRequested: boolean;
};

/** An iteration's score is its best-scored variant's overall score; null when nothing was critiqued. */
export function iterationScore(iteration: Pick<IterationView, "critiques">): number | null {
  const scores = iteration.critiques.map((c) => c.result.overall);
  return scores.length > 0 ? Math.max(...scores) : null;
}

/** The highest-scored round; the earliest wins a tie, since it got there first and costs nothing more. */
export function bestRound(results: RoundResult[]): RoundResult | null {
  let best: RoundResult | null = null;
  for (const result of results) {
    if (result.score === null) continue;
    if (!best || best.score === null || result.score > best.score) best = result;
  }
  return best;
}

/**
 * Whether to stop before the next round, and why. Checked after every round (and before the
 * first, for the budget): target first, then the plateau, then the budget, then the count.
 */
export function stopReason({ settings, results }: { settings: AutoSettings; results: RoundResult[] }): StopReason | null {
  const rounds = results.filter((r) => r.round > 0);
  const best = bestRound(results);
  if (best?.score != null && best.score >= settings.targetScore) return "target";
  if (settings.stopOnPlateau && noImprovement(results)) return "plateau";
  if (settings.budgetUsd !== null && !affordable({ results, budgetUsd: settings.budgetUsd })) return "budget";
  if (rounds.length >= settings.rounds) return "rounds";
  return null;
}

/** The last PLATEAU_ROUNDS rounds all failed to beat what came before them. */
function noImprovement(results: RoundResult[]): boolean {
  if (results.length <= PLATEAU_ROUNDS) return false;
  const before = bestRound(results.slice(0, -PLATEAU_ROUNDS))?.score ?? null;
  if (before === null) return false;
  return results.slice(-PLATEAU_ROUNDS).every((r) => r.score === null || r.score <= before);
}

/** A round is affordable when what was spent plus a typical round stays within the budget. */
function affordable({ results, budgetUsd }: { results: RoundResult[]; budgetUsd: number }): boolean {
  const rounds = results.filter((r) => r.round > 0);
  const spent = spentUsd(rounds);
  if (spent >= budgetUsd) return false;
  const typical = rounds.length > 0 ? spent / rounds.length : 0;
  return spent + typical <= budgetUsd;
}

export function spentUsd(results: RoundResult[]): number {
  return Math.round(results.reduce((sum, r) => sum + r.costUsd, 0) * 1_000_000) / 1_000_000;
}
