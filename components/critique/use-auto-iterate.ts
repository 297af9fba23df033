"use client";

import { useCallback } from "react";
import { cancelAutoIterateAction } from "@/app/(studio)/auto-actions";
import { errorText, type Locale, type Translate } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import type { PublicError } from "@/lib/errors";
import { formatScore } from "@/lib/schemas/score";
import { bestRound, iterationScore, PLATEAU_ROUNDS, type AutoOutcome, type AutoRunView, type StopReason } from "@/lib/studio/auto-iterate";
import type { StudioStore } from "@/lib/store/studio-store";
import { useAutoIterateStore, useReferenceStore, useStudioStore } from "@/components/studio/studio-context";

/** Start and cancel auto-iterate. Starting is its own chunk, fetched on Start: most sessions never run it. */
export function useAutoIterateRun() {
  const studio = useStudioStore();
  const autoIterate = useAutoIterateStore();
  const references = useReferenceStore();
  const t = useT();
  const locale = useLocale();

  const run = useCallback(async () => {
    const { startAutoIterate } = await import("./auto-iterate-run");
    await startAutoIterate({ studio, autoIterate, references, t, locale });
  }, [studio, autoIterate, references, t, locale]);

  const cancel = useCallback(async () => {
    const { runId } = autoIterate.getState();
    autoIterate.getState().cancel();
    if (!runId) return;
    // The run stops after the round in progress; every finished round is kept.
    const result = await cancelAutoIterateAction({ runId }).catch(() => null);
    if (result?.ok) autoIterate.getState().sync(result.value);
  }, [autoIterate]);

  return { run, cancel };
}

/** Why a run stopped, in the UI language. */
export function stopText({ t, reason }: { t: Translate; reason: StopReason }): string {
  return reason === "plateau" ? t("auto.stop.plateau", { rounds: PLATEAU_ROUNDS }) : t(`auto.stop.${reason}`);
}

/** What a run's end means, in a sentence. */
export function whyText({ t, locale, outcome, error }: { t: Translate; locale: Locale; outcome: AutoOutcome; error: PublicError | null }): string {
  if (outcome === "cancelled") return t("auto.whyCancelled");
  if (outcome === "failed") return t("auto.whyFailed", { error: error ? errorText({ t, locale, error }) : t("auto.roundFailed") });
  if (outcome === "converged") return t("auto.whyConverged");
  return stopText({ t, reason: outcome });
}

/** A run the studio watched has ended: its best iteration becomes current (Apply revision and Share act on it), and it is announced. */
export function finishRun({ studio, run, t, locale }: { studio: StudioStore; run: AutoRunView; t: Translate; locale: Locale }): void {
  // The comparative pick's best, which may not be the highest score; the scores decide only without picks.
  const picked = run.bestIterationId ? studio.getState().iterations.find((i) => i.id === run.bestIterationId) : undefined;
  const best = picked ? { score: iterationScore(picked), round: run.results.find((r) => r.iterationId === picked.id)?.round ?? 0 } : bestRound(run.results);
  if (run.bestIterationId) studio.getState().select(run.bestIterationId);
  studio.getState().setStage("idle");
  const why = whyText({ t, locale, outcome: run.outcome ?? "failed", error: run.error });
  studio
    .getState()
    .announce(best?.score != null ? t("auto.finishedBest", { why, round: best.round, score: formatScore(best.score) }) : t("auto.finished", { why }));
}
