import "server-only";
import { insertAutoRun, loadAutoRun, updateAutoRun, type AutoRun } from "@/lib/db/auto-run-queries";
import { failInterruptedRender } from "@/lib/db/reliability-queries";
import { LoupeError, toPublicError, type PublicError } from "@/lib/errors";
import type { startAutoRunRequestSchema } from "@/lib/schemas/auto-run";
import { MAX_SEED } from "@/lib/schemas/params";
import { normalisePrompt } from "@/lib/schemas/prompt-text";
import type { Deadline } from "@/lib/server/deadline";
import { derivedUuid } from "@/lib/server/derived-id";
import { publishProjectEvent } from "@/lib/server/project-events";
import { bestRound, iterationScore, stopReason, type AutoOutcome, type AutoRunView, type RoundResult } from "@/lib/studio/auto-iterate";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import type { z } from "zod";
import { critique } from "./critique";
import { generate } from "./generate";
import { loadOwnedIteration, projectFor, viewOf } from "./owned";
import { revise, type Revision } from "./revise";

/*
 * Auto-iterate on the server (after Idea2Img): draft k images, critique them, revise the best
 * round so far with every point accepted, render again — one round per job, so the run goes on
 * with the tab closed and after a restart. Each step of a round is named by the run and the
 * round (the revision's key, the render's key), so a round run twice (its job retried after a
 * crash) finds what its first attempt made and pays for nothing twice.
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

async function playRound({ ownerId, run, round, deadline }: { ownerId: string; run: AutoRun; round: number; deadline: Deadline }): Promise<RoundStep> {
  const best = bestRound(run.results);
  const tried = [...run.start.tried, ...(await triedPrompts({ ownerId, run }))];
  let prompt = run.start.prompt;
  let parentId = run.start.parentId;
  let reviseUsd = 0;
  if (best) {
    let revision: Revision;
    try {
      revision = await revise({ ownerId, input: { iterationId: best.iterationId, idempotencyKey: derivedUuid(run.id, String(round), "revise") }, signal: deadline.signal });
    } catch (error) {
      return { outcome: "failed", error };
    }
    const from = await loadOwnedIteration({ ownerId, iterationId: best.iterationId });
    // Nothing left to change: another round would render the same prompt again.
    if (normalisePrompt(revision.prompt) === normalisePrompt(from.renderedPrompt)) return { outcome: "converged" };
    prompt = revision.prompt;
    parentId = best.iterationId;
    reviseUsd = revision.costUsd;
  }
  const idempotencyKey = derivedUuid(run.id, String(round), "render");
  // This round's render of an attempt that died with its process is tried again on its row.
  await failInterruptedRender({ ownerId, key: idempotencyKey, error: toPublicError(new LoupeError("internal", { message: "Interrupted; tried again.", retryable: true })) });
  const repeated = tried.some((p) => normalisePrompt(p) === normalisePrompt(prompt));
  const answer = await generate({
    ownerId,
    input: {
      projectId: run.projectId,
      parentId,
      draft: run.start.draft,
      refinedPrompt: run.start.refinedPrompt,
      prompt,
      params: { ...run.start.params, n: run.settings.drafts, ...(repeated ? { seed: seedFor(run.id, round) } : {}) },
      refineId: null,
      idempotencyKey,
      referenceId: run.start.referenceId,
    },
    deadline,
  });
  if (answer.iteration.status === "failed") return { outcome: "failed", error: answer.iteration.error ?? undefined };
  const critiqued = await critique({ ownerId, iterationId: answer.iteration.id, alsoTried: tried.slice(-8), language: run.start.language, deadline });
  return { result: { round, iterationId: critiqued.id, score: iterationScore(critiqued), costUsd: critiqued.cost.totalUsd + reviseUsd } };
}

async function triedPrompts({ ownerId, run }: { ownerId: string; run: AutoRun }): Promise<string[]> {
  const rounds = run.results.filter((r) => r.round > 0);
  const views = await Promise.all(rounds.map((r) => viewOf({ ownerId, iterationId: r.iterationId }).catch(() => null)));
  return views.flatMap((v) => (v ? [v.renderedPrompt] : []));
}

/** A round that repeats a prompt gets a fresh seed, derived from the run and round so its retry renders the same image. */
function seedFor(runId: string, round: number): number {
  return parseInt(derivedUuid(runId, String(round), "seed").slice(0, 8), 16) % (MAX_SEED + 1);
}

async function finish({ run, outcome, error }: { run: AutoRun; outcome: AutoOutcome; error?: unknown }): Promise<{ next: null }> {
  const best = bestRound(run.results);
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

async function announceRun(run: AutoRun): Promise<void> {
  try {
    await publishProjectEvent({ projectId: run.projectId, ownerId: run.ownerId, type: "auto-run", data: runView(run) });
  } catch (error) {
    console.error("[loupe] could not announce an auto-iterate run", error);
  }
}

/** A round whose job failed outright (not a step's own failure, which ends the run itself): the run ends, keeping its rounds. */
export async function failAutoRun({ ownerId, runId, error }: { ownerId: string; runId: string; error: PublicError }): Promise<void> {
  const run = await loadAutoRun({ ownerId, runId });
  if (run?.status === "running") await finish({ run, outcome: "failed", error });
}
