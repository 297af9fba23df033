import "server-only";
import { insertAutoRun, loadAutoRun, updateAutoRun, type AutoRun } from "@/lib/db/auto-run-queries";
import { exploreRoundsOfRun } from "@/lib/db/explore-queries";
import { failInterruptedRender } from "@/lib/db/reliability-queries";
import { LoupeError, toPublicError, type PublicError } from "@/lib/errors";
import type { startAutoRunRequestSchema } from "@/lib/schemas/auto-run";
import type { Draft } from "@/lib/schemas/exploration";
import type { Deadline } from "@/lib/server/deadline";
import { derivedUuid } from "@/lib/server/derived-id";
import { publishProjectEvent } from "@/lib/server/project-events";
import { bestRound, iterationScore, stopReason, type AutoOutcome, type AutoRunView, type RoundResult } from "@/lib/studio/auto-iterate";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import type { z } from "zod";
import { exploreRound, firstDrafts, roundIterations } from "./explore/round";
import { generate } from "./generate";
import { loadOwnedIteration, projectFor, viewOf } from "./owned";
import { announceIteration } from "./progress";

/*
 * Auto-iterate on the server: issue 23's exploring loop (k different drafts per round, each
 * rendered; one review critiques them and makes the comparative pick, updates the model notes and
 * writes the next drafts) — one round per job, so the run goes on with the tab closed and after a
 * restart. Each render of a round is keyed by the run, the round and the draft, the next drafts are
 * kept on the run and a round's stored critiques and row are found again, so a round run twice (its
 * job retried after a crash) finds what its first attempt made; the budget reservations of the
 * dead attempt are given back (lib/limits/work.ts), so its calls are not counted twice.
 */

type StartInput = z.output<typeof startAutoRunRequestSchema>;

/** A run starts from the current iteration when it is critiqued (round 0: the run may keep it). */
export async function startAutoRun({ ownerId, input, language }: { ownerId: string; input: StartInput; language: "en" | "zh" }): Promise<{ run: AutoRunView; project: { id: string; name: string } }> {
  const project = await projectFor({ ownerId, projectId: input.projectId, name: projectNameFromDraft(input.draft) });
  const current = input.currentId ? await loadOwnedIteration({ ownerId, iterationId: input.currentId, projectId: project.id }) : null;
  const currentView = current ? await viewOf({ ownerId, iterationId: current.id }) : null;
  const startScore = currentView ? iterationScore(currentView) : null;
  const results: RoundResult[] = currentView && startScore !== null ? [{ round: 0, iterationId: currentView.id, score: startScore, costUsd: 0 }] : [];
  const run = await insertAutoRun({
    id: derivedUuid(ownerId, "auto-run", input.idempotencyKey),
    projectId: project.id,
    ownerId,
    settings: input.settings,
    start: {
      prompt: input.prompt,
      parentId: current?.id ?? null,
      draft: input.draft,
      refinedPrompt: input.refinedPrompt,
      params: input.params,
      referenceId: input.referenceId,
      language,
      tried: current ? [current.renderedPrompt] : [],
    },
    results,
    // An already-critiqued current iteration is the run's best until a pick beats it.
    bestIterationId: results.length > 0 ? (currentView?.id ?? null) : null,
  });
  await announceRun(run);
  return { run: runView(run), project: { id: project.id, name: project.name } };
}

/** Asks the run to stop after the round in progress; every finished round is kept. */
export async function cancelAutoRun({ ownerId, runId }: { ownerId: string; runId: string }): Promise<AutoRunView> {
  const run = await loadAutoRun({ ownerId, runId });
  if (!run) throw new LoupeError("not_found", { message: "That auto-iterate run was not found." });
  if (run.status !== "running") return runView(run);
  const updated = (await updateAutoRun({ runId, patch: { cancelRequested: true } })) ?? run;
  await announceRun(updated);
  return runView(updated);
}

/**
 * Runs round `round` of the run and answers the next round to run, or null when the run has
 * ended (a stop rule, a cancel, a failure, or nothing left to change).
 */
export async function runAutoRound({ ownerId, runId, round, deadline }: { ownerId: string; runId: string; round: number; deadline: Deadline }): Promise<{ next: number | null }> {
  let run = await loadAutoRun({ ownerId, runId });
  if (!run || run.status !== "running") return { next: null };
  // A replay of a round already recorded goes straight to deciding what follows it.
  if (!run.results.some((r) => r.round === round)) {
    const stop = run.cancelRequested ? "cancelled" : stopReason({ settings: run.settings, results: run.results });
    if (stop) return finish({ run, outcome: stop });
    run = (await updateAutoRun({ runId, patch: { round } })) ?? run;
    await announceRun(run);
    const step = await playRound({ ownerId, run, round, deadline });
    if ("outcome" in step) return finish({ run, ...step });
    run = (await updateAutoRun({ runId, patch: { results: [...run.results, step.result] } })) ?? run;
    await announceRun(run);
  }
  const stop = run.cancelRequested ? "cancelled" : stopReason({ settings: run.settings, results: run.results });
  if (stop) return finish({ run, outcome: stop });
  return { next: round + 1 };
}

type RoundStep = { result: RoundResult } | { outcome: AutoOutcome; error?: unknown };

/**
 * One round of issue 23's exploring loop: render each of the round's drafts as its own
 * iteration (a child of the best so far), then one exploreRound call critiques them warm-first,
 * makes the comparative pick, updates the model notes and writes the next round's drafts,
 * which the run keeps for the next round's job.
 */
async function playRound({ ownerId, run, round, deadline }: { ownerId: string; run: AutoRun; round: number; deadline: Deadline }): Promise<RoundStep> {
  const earlierRounds = await exploreRoundsOfRun({ ownerId, runIds: [run.id] });
  const tried = [...run.start.tried, ...earlierRounds.flatMap((r) => r.drafts.map((d) => d.prompt))];
  let drafts = run.drafts;
  let firstCostUsd = 0;
  if (round === 1 && drafts.length === 0) {
    try {
      const first = await firstDrafts({
        ownerId,
        prompt: run.start.prompt,
        draft: run.start.draft,
        k: run.settings.drafts,
        providerId: run.start.params.providerId,
        model: run.start.params.model ?? "",
        projectId: run.projectId,
        fromIterationId: run.bestIterationId ?? undefined,
        language: run.start.language,
        signal: deadline.signal,
      });
      drafts = first.drafts;
      firstCostUsd = first.costUsd;
    } catch (error) {
      return { outcome: "failed", error };
    }
    // Kept, so a retry of this round after a crash renders these drafts instead of paying for new ones.
    await updateAutoRun({ runId: run.id, patch: { drafts } });
  }
  if (drafts.length === 0) return { outcome: "converged" }; // nothing left to try that the run has not rendered
  const rendered = await renderDrafts({ ownerId, run, round, drafts, deadline });
  if ("outcome" in rendered) return rendered;
  const last = round >= run.settings.rounds;
  let explored: Awaited<ReturnType<typeof exploreRound>>;
  try {
    explored = await exploreRound({
      ownerId,
      runId: run.id,
      round,
      drafts: rendered,
      bestIterationId: run.bestIterationId ?? undefined,
      nextDrafts: last ? 0 : run.settings.drafts,
      tried: [...tried, ...rendered.map((d) => d.prompt)].slice(-24),
      language: run.start.language,
      signal: deadline.signal,
    });
  } catch (error) {
    return { outcome: "failed", error };
  }
  // The round's critiques were written by the review, not the critique workflow: the studio hears of them here.
  await Promise.all(explored.iterationIds.map((iterationId) => announceIteration({ ownerId, iterationId })));
  const views = await roundIterations({ ownerId, iterationIds: explored.iterationIds });
  const winner = views.find((v) => v.id === explored.round.winnerIterationId);
  await updateAutoRun({ runId: run.id, patch: { drafts: explored.nextDrafts, bestIterationId: explored.round.bestIterationId } });
  await announce({ run, type: "auto-round", data: { round: explored.round, notes: explored.notes } });
  const costUsd = views.reduce((sum, v) => sum + v.cost.totalUsd, 0) + firstCostUsd;
  return { result: { round, iterationId: explored.round.winnerIterationId, score: winner ? iterationScore(winner) : null, costUsd } };
}

/**
 * The round's drafts rendered in turn, each under a key named by the run, the round and the
 * draft, so a retried round finds the renders its first attempt made. A failed render ends the
 * run when it was the first; otherwise the drafts that rendered still make a round.
 */
async function renderDrafts({ ownerId, run, round, drafts, deadline }: { ownerId: string; run: AutoRun; round: number; drafts: Draft[]; deadline: Deadline }): Promise<Array<Draft & { iterationId: string }> | { outcome: "failed"; error: unknown }> {
  const rendered: Array<Draft & { iterationId: string }> = [];
  for (const draft of drafts) {
    const idempotencyKey = derivedUuid(run.id, String(round), "render", draft.label);
    // This draft's render of an attempt that died with its process is tried again on its row.
    await failInterruptedRender({ ownerId, key: idempotencyKey, error: toPublicError(new LoupeError("internal", { message: "Interrupted; tried again.", retryable: true })) });
    const answer = await generate({
      ownerId,
      input: {
        projectId: run.projectId,
        parentId: run.bestIterationId ?? run.start.parentId,
        draft: run.start.draft,
        refinedPrompt: run.start.refinedPrompt,
        prompt: draft.prompt,
        params: { ...run.start.params, n: 1 },
        refineId: null,
        idempotencyKey,
        referenceId: run.start.referenceId,
      },
      deadline,
    }).catch((error: unknown) => ({ error }));
    const failed = "error" in answer ? answer.error : answer.iteration.status === "failed" ? (answer.iteration.error ?? undefined) : null;
    if (failed !== null) {
      if (rendered.length === 0) return { outcome: "failed", error: failed };
      break;
    }
    if ("iteration" in answer) rendered.push({ ...draft, iterationId: answer.iteration.id });
  }
  return rendered;
}

async function finish({ run, outcome, error }: { run: AutoRun; outcome: AutoOutcome; error?: unknown }): Promise<{ next: null }> {
  // The comparative pick's best, which may not be the highest score; the scores decide only without picks.
  const best = run.bestIterationId ? { iterationId: run.bestIterationId } : bestRound(run.results);
  const updated =
    (await updateAutoRun({
      runId: run.id,
      patch: { status: "finished", outcome, bestIterationId: best?.iterationId ?? null, error: outcome === "failed" ? publicOf(error) : null, cancelRequested: false },
    })) ?? run;
  await announceRun(updated);
  return { next: null };
}

/** A failed round's error: thrown by a step, or the failed render's own (already public) error. */
function publicOf(error: unknown): PublicError {
  if (error && typeof error === "object" && !(error instanceof Error) && "code" in error && "message" in error) return error as PublicError;
  return toPublicError(error ?? new LoupeError("internal"));
}

export function runView(run: AutoRun): AutoRunView {
  return {
    id: run.id,
    projectId: run.projectId,
    settings: run.settings,
    status: run.status,
    round: run.round,
    results: run.results,
    outcome: run.outcome ?? null,
    bestIterationId: run.bestIterationId,
    error: run.error ?? null,
    cancelRequested: run.cancelRequested,
  };
}

function announceRun(run: AutoRun): Promise<void> {
  return announce({ run, type: "auto-run", data: runView(run) });
}

async function announce({ run, type, data }: { run: AutoRun; type: "auto-run" | "auto-round"; data: unknown }): Promise<void> {
  try {
    await publishProjectEvent({ projectId: run.projectId, ownerId: run.ownerId, type, data });
  } catch (error) {
    console.error(`[loupe] could not announce an auto-iterate ${type === "auto-run" ? "run" : "round"}`, error);
  }
}

/** A round whose job failed outright (not a step's own failure, which ends the run itself): the run ends, keeping its rounds. */
export async function failAutoRun({ ownerId, runId, error }: { ownerId: string; runId: string; error: PublicError }): Promise<void> {
  const run = await loadAutoRun({ ownerId, runId });
  if (run?.status === "running") await finish({ run, outcome: "failed", error });
}
