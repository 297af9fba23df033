import "server-only";
import { getModelNotes, insertExploreRound, saveModelNotes } from "@/lib/db/explore-queries";
import { updateIteration, type IterationWithMedia } from "@/lib/db/queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { promptStyleFor } from "@/lib/generation";
import { recordSpend, reserveForCall } from "@/lib/limits/work";
import type { Critique, Usage } from "@/lib/schemas/critique";
import { MAX_DRAFTS, type Draft, type ExploreRoundView } from "@/lib/schemas/exploration";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import { readImage } from "@/lib/storage";
import {
  avoidTried,
  briefReadings,
  costOfUsage,
  critiquesWarmFirst,
  estimateUnderstandingUsd,
  getUnderstandingEngine,
  roundUsd,
  type CritiqueInput,
  type UnderstandingEngine,
} from "@/lib/understanding";
import { saveCritique } from "../critique";
import { loadOwnedIteration, viewOf } from "../owned";
import { referenceForCritique } from "../reference";
import { writingTarget } from "./target";
import { isVideoCritique, type IterationView } from "@/lib/schemas/iteration";

/*
 * One round of exploration, Idea2Img-style, as the loop runs it:
 *   drafts → renders (the caller renders each draft as an iteration) → critiques (the first sent
 *   alone, the others once it has written the cache) → one review call: the comparative pick, the
 *   model notes updated from what the renders did, and the next round's drafts.
 * A round costs k critiques and one review: the same number of Claude calls as a round of k
 * variants and a revision did before. No cookies, no request: a job can call these as they are.
 */

type Language = "en" | "zh";
type CritiqueReference = CritiqueInput["reference"];

export type FirstDraftsInput = {
  ownerId: string;
  /** The prompt the run starts from (the refined prompt, or the current iteration's). */
  prompt: string;
  draft: string;
  k: number;
  providerId: string;
  model: string;
  projectId: string | null;
  /** A critiqued iteration the run improves on: the drafts answer its critique. */
  fromIterationId?: string;
  language: Language;
  signal?: AbortSignal;
};

/**
 * The first round's drafts. From a critiqued iteration, k different revisions of it (one call,
 * as a revision was); from a prompt alone, Loupe's readings of it (no call).
 */
export async function firstDrafts(input: FirstDraftsInput): Promise<{ drafts: Draft[]; costUsd: number }> {
  const k = draftCount(input.k);
  const from = input.fromIterationId ? await ownedIteration({ ownerId: input.ownerId, iterationId: input.fromIterationId }) : null;
  // Written for the model that rendered the run's start (or the one chosen), with the project's notes on it.
  const { style, notes } = await writingTarget({ ownerId: input.ownerId, projectId: from?.projectId ?? input.projectId, providerId: from?.providerId ?? input.providerId, model: from?.model ?? input.model });
  const critique = from ? bestCritique(from) : undefined;
  if (!from || !critique) return { drafts: briefReadings({ prompt: input.prompt, k, style, notes: notes?.notes, language: input.language }), costUsd: 0 };
  const engine = getUnderstandingEngine();
  await reserveForCall(estimateUnderstandingUsd({ engine: engine.info, call: "drafts", textChars: from.renderedPrompt.length + from.draft.length + JSON.stringify(critique.result).length }));
  const out = await engine.writeDrafts({ prompt: from.renderedPrompt, draft: from.draft, critique: critique.result, k, style, notes, language: input.language, signal: input.signal });
  const costUsd = costOfUsage({ usage: out.usage, model: out.model, engine: engine.info.kind });
  recordSpend(costUsd);
  await addReviewCost({ record: from, usage: out.usage, costUsd });
  return { drafts: out.drafts, costUsd };
}

export type ExploreRoundInput = {
  ownerId: string;
  runId: string;
  round: number;
  /** The round's drafts in label order, each with the iteration that rendered it. */
  drafts: Array<Draft & { iterationId: string }>;
  /** The run's best iteration before this round; none in the first round of a fresh run. */
  bestIterationId?: string;
  /** Drafts to write for the next round (0 after the last round). */
  nextDrafts: number;
  /** Prompts the run already rendered: the next drafts must differ from them. */
  tried: string[];
  language: Language;
  signal?: AbortSignal;
};

export type ExploreRoundOutput = {
  round: ExploreRoundView;
  /** The round's iterations, critiqued (or with the critique's error kept on them). */
  iterationIds: string[];
  notes: ModelNotes;
  nextDrafts: Draft[];
};

export async function exploreRound(input: ExploreRoundInput): Promise<ExploreRoundOutput> {
  if (input.drafts.length === 0 || input.drafts.length > MAX_DRAFTS) throw new LoupeError("bad_request", { message: `A round has 1 to ${MAX_DRAFTS} drafts.` });
  draftCount(input.nextDrafts);
  const records = await Promise.all(input.drafts.map((d) => ownedIteration({ ownerId: input.ownerId, iterationId: d.iterationId })));
  const projectId = records[0]!.projectId;
  if (records.some((r) => r.projectId !== projectId)) throw new LoupeError("bad_request", { message: "A round's renders belong to one project." });
  const best = input.bestIterationId ? await ownedIteration({ ownerId: input.ownerId, iterationId: input.bestIterationId }) : null;
  if (best && best.projectId !== projectId) throw new LoupeError("not_found", { message: "That iteration was not found." });

  // The round's renders share the run's reference; the critiques and the pick compare against it.
  const reference = await referenceForCritique({ ownerId: input.ownerId, referenceId: records[0]!.referenceId });
  const engine = getUnderstandingEngine();
  // Notes are on the model that really rendered (routing may have chosen another than asked).
  const target = { providerId: records[0]!.providerId, model: records[0]!.model };
  const style = promptStyleFor(target);
  const notes = await notesFor({ ownerId: input.ownerId, projectId, ...target });

  const critiqued = await critiqueRound({ engine, records, notes, style, language: input.language, reference, signal: input.signal });
  const candidates = critiqued.filter((c) => c.critique && c.image);
  if (candidates.length === 0) throw new LoupeError("claude_error", { message: "None of the round's renders could be critiqued; each keeps its image, and Retry critiques it again.", retryable: true });
  const bestCandidate = best ? await candidateOf(best) : undefined;

  const texts = [...candidates.map((c) => c.record.renderedPrompt + JSON.stringify(c.critique)), JSON.stringify(notes.notes), records[0]!.draft].join("");
  await reserveForCall(estimateUnderstandingUsd({ engine: engine.info, call: "review", textChars: texts.length, images: candidates.length + (bestCandidate ? 1 : 0) }));
  const review = await engine.reviewRound({
    draft: records[0]!.draft,
    candidates: candidates.map((c) => ({ image: c.image!, prompt: c.record.renderedPrompt, critique: c.critique! })),
    best: bestCandidate,
    notes,
    round: input.round,
    nextDrafts: input.nextDrafts,
    style,
    reference,
    language: input.language,
    signal: input.signal,
  });
  const reviewCost = costOfUsage({ usage: review.usage, model: review.model, engine: engine.info.kind });
  recordSpend(reviewCost);

  const winner = candidates[review.winnerIndex]!.record;
  const bestAfter = review.pick.beatsBest || !best ? winner : best;
  await saveModelNotes({ ownerId: input.ownerId, projectId, ...target, notes: review.notes.notes });
  // The review writes the next prompts, as a revision did: its cost joins the iteration it revised.
  await addReviewCost({ record: winner, usage: review.usage, costUsd: reviewCost });

  const labelled = candidates.map((c) => input.drafts.find((d) => d.iterationId === c.record.id)!);
  const drafts = input.drafts.map((d) => ({ ...d, label: d.label }));
  const pick = { ...review.pick, winner: labelled[review.winnerIndex]!.label };
  const usage = sumUsage([...critiqued.map((c) => c.usage), review.usage]);
  const row = await insertExploreRound({
    projectId,
    ownerId: input.ownerId,
    runId: input.runId,
    round: input.round,
    drafts,
    pick,
    winnerIterationId: winner.id,
    bestIterationId: bestAfter.id,
    engine: engine.info.kind,
    model: review.model,
    usage,
    costUsd: roundUsd(critiqued.reduce((sum, c) => sum + c.costUsd, 0) + reviewCost),
  });
  const nextDrafts = avoidTried({ drafts: review.drafts, tried: [...input.tried, ...records.map((r) => r.renderedPrompt)], base: bestAfter.renderedPrompt, notes: review.notes.notes, style, language: input.language });
  return { round: toRoundView(row), iterationIds: records.map((r) => r.id), notes: review.notes, nextDrafts };
}

/**
 * What a project page shows of auto-iterate when it opens: the rounds of the project's last run
 * and the best it picked, so a run that finished while the tab was closed is there to read.
 */
export function lastRunOf(rows: Awaited<ReturnType<typeof insertExploreRound>>[]): { rounds: ExploreRoundView[]; bestId: string | null } {
  const last = rows.at(-1);
  if (!last) return { rounds: [], bestId: null };
  const rounds = rows.filter((row) => row.runId === last.runId).map(toRoundView);
  return { rounds, bestId: last.bestIterationId };
}

/** A stored round as the studio shows it. */
export function toRoundView(row: Awaited<ReturnType<typeof insertExploreRound>>): ExploreRoundView {
  return {
    runId: row.runId,
    round: row.round,
    drafts: row.drafts,
    pick: row.pick,
    winnerIterationId: row.winnerIterationId,
    bestIterationId: row.bestIterationId,
    engine: row.engine,
    model: row.model,
    costUsd: row.costUsd,
    inputTokens: row.usage.inputTokens,
    cachedTokens: row.usage.cachedTokens,
  };
}

type Critiqued = { record: IterationWithMedia; image?: { bytes: Uint8Array; mediaType: string }; critique?: Critique; usage: Usage; costUsd: number };

/**
 * Each render's own critique, kept on its iteration as before. The first is sent alone and the
 * others as soon as its answer begins, so they read the prefix it wrote to the cache. A failed
 * critique keeps its image and says why on its iteration; the round goes on with the others.
 */
async function critiqueRound({ engine, records, notes, style, language, reference, signal }: {
  engine: UnderstandingEngine;
  records: IterationWithMedia[];
  notes: ModelNotes;
  style: ReturnType<typeof promptStyleFor>;
  language: Language;
  reference?: CritiqueReference;
  signal?: AbortSignal;
}): Promise<Critiqued[]> {
  const images = await Promise.all(records.map(async (record) => {
    const first = record.images[0];
    return first ? { row: first, stored: await readImage(first.storageKey) } : null;
  }));
  const pending = records.flatMap((record, i) => (images[i]?.stored && !record.critiques.some((c) => c.imageId === images[i]!.row.id) ? [i] : []));
  await reserveForCall(
    pending.length * estimateUnderstandingUsd({ engine: engine.info, call: "critique", textChars: records[0]!.renderedPrompt.length + records[0]!.draft.length + JSON.stringify(notes.notes).length, images: reference ? 2 : 1 }),
  );
  const started = performance.now();
  const settled = await critiquesWarmFirst({
    engine,
    inputs: pending.map((i) => ({ image: images[i]!.stored!, prompt: records[i]!.renderedPrompt, draft: records[i]!.draft, language, reference, style, notes, signal })),
  });
  const byIndex = new Map(pending.map((i, n) => [i, settled[n]!]));
  return Promise.all(
    records.map(async (record, i): Promise<Critiqued> => {
      const image = images[i]?.stored ?? undefined;
      const earlier = record.critiques.find((c) => c.imageId === images[i]?.row.id);
      // Auto-iterate renders stills (components/critique/auto-iterate-run.ts); a clip's critique is never a round's.
      if (earlier && !isVideoCritique(earlier.result)) return { record, image, critique: earlier.result, usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0 }, costUsd: 0 };
      const outcome = byIndex.get(i);
      if (!outcome || outcome.status === "rejected") {
        const error = toPublicError(outcome?.status === "rejected" ? outcome.reason : new LoupeError("not_found", { message: "The stored image is missing." }));
        await updateIteration({ id: record.id, patch: { status: "done", error } });
        return { record, image, usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0 }, costUsd: 0 };
      }
      const out = outcome.value;
      const costUsd = costOfUsage({ usage: out.usage, model: out.model, engine: engine.info.kind });
      recordSpend(costUsd);
      const ms = Math.round(performance.now() - started);
      await saveCritique({ iterationId: record.id, imageId: images[i]!.row.id, engine: engine.info.kind, answer: out, costUsd, ms });
      await updateIteration({ id: record.id, patch: { status: "done", error: null, timings: { ...record.timings, critiqueMs: ms } } });
      return { record, image, critique: out.critique, usage: out.usage, costUsd };
    }),
  );
}

async function candidateOf(record: IterationWithMedia) {
  const critique = bestCritique(record);
  const image = critique ? record.images.find((i) => i.id === critique.imageId) : undefined;
  const stored = image ? await readImage(image.storageKey) : null;
  // A clip as the best so far (the run started from one) is not a still the pick can compare.
  if (!critique || !stored || isVideoCritique(critique.result)) return undefined;
  return { image: stored, prompt: record.renderedPrompt, critique: critique.result };
}

/** The designer's chosen variant's critique, else the best-scored. */
function bestCritique(record: IterationWithMedia) {
  const chosen = record.critiques.find((c) => c.imageId === record.selectedImageId);
  return chosen ?? [...record.critiques].sort((a, b) => b.result.overall - a.result.overall)[0];
}

function ownedIteration(input: { ownerId: string; iterationId: string }): Promise<IterationWithMedia> {
  return loadOwnedIteration(input);
}

/** A round's iterations as they are now (critiqued, the review's cost on the winner). Owner-scoped. */
export async function roundIterations({ ownerId, iterationIds }: { ownerId: string; iterationIds: string[] }): Promise<IterationView[]> {
  return Promise.all(iterationIds.map((iterationId) => viewOf({ ownerId, iterationId })));
}

async function notesFor(input: { ownerId: string; projectId: string; providerId: string; model: string }): Promise<ModelNotes> {
  return { providerId: input.providerId, model: input.model, notes: await getModelNotes(input) };
}

async function addReviewCost({ record, usage, costUsd }: { record: IterationWithMedia; usage: Usage; costUsd: number }) {
  const before = record.reviseUsage ?? { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  await updateIteration({ id: record.id, patch: { reviseUsage: sumUsage([before, usage]), reviseCostUsd: roundUsd(record.reviseCostUsd + costUsd) } });
}

function sumUsage(list: readonly Usage[]): Usage {
  return list.reduce<Usage>(
    (sum, u) => ({ inputTokens: sum.inputTokens + u.inputTokens, outputTokens: sum.outputTokens + u.outputTokens, cachedTokens: sum.cachedTokens + u.cachedTokens }),
    { inputTokens: 0, outputTokens: 0, cachedTokens: 0 },
  );
}

function draftCount(k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > MAX_DRAFTS) throw new LoupeError("bad_request", { message: `A round has 0 to ${MAX_DRAFTS} drafts.` });
  return k;
}
