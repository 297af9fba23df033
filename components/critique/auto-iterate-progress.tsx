"use client";

import dynamic from "next/dynamic";
import { useT } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n";
import { formatScore } from "@/lib/schemas/score";
import type { AutoOutcome } from "@/lib/store/auto-iterate-store";
import { useAutoIterate } from "@/components/studio/studio-context";
import { bestRound, spentUsd } from "@/lib/studio/auto-iterate";
import { formatUsd } from "@/lib/studio/cost";
import { stopText } from "./use-auto-iterate";

// Drawn only once a run has results, so its code waits until then.
const ScoreChart = dynamic(() => import("./score-chart").then((m) => m.ScoreChart));

/** Round, spend, best so far and the score chart of an auto-iterate run, live and after it ends. */
export function AutoIterateProgress() {
  const t = useT();
  const { settings, running, round, results, bestId, outcome, error } = useAutoIterate((s) => s);
  const best = bestRound(results);
  return (
    <div className="flex flex-col gap-2" aria-live="polite">
      <p className="flex justify-between text-xs">
        <span className="font-medium">{running ? t("auto.roundOf", { round: Math.max(round, 1), rounds: settings.rounds }) : outcomeText({ t, outcome, error })}</span>
        <span className="text-muted">{t("auto.spent", { usd: formatUsd(spentUsd(results)) })}</span>
      </p>
      <p className="text-xs text-muted">
        {t("auto.bestSoFar")}{" "}
        {best?.score != null ? (
          <strong className="text-ink">
            {formatScore(best.score)}/10 ({best.round === 0 ? t("auto.start") : t("auto.round", { round: best.round })})
          </strong>
        ) : (
          "—"
        )}
      </p>
      <ScoreChart results={results} rounds={settings.rounds} target={settings.targetScore} bestId={running ? (best?.iterationId ?? null) : bestId} />
    </div>
  );
}

function outcomeText({ t, outcome, error }: { t: Translate; outcome: AutoOutcome | null; error: string | null }): string {
  if (!outcome) return "";
  if (outcome === "cancelled") return t("auto.cancelled");
  if (outcome === "failed") return t("auto.stopped", { why: error ?? t("auto.roundFailed") });
  if (outcome === "converged") return t("auto.stopped", { why: t("auto.converged") });
  return t("auto.stopped", { why: stopText({ t, reason: outcome }) });
}

