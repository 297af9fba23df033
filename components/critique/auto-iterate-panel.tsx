"use client";

import dynamic from "next/dynamic";
import { useT } from "@/lib/i18n/client";
import { AUTO_LIMITS, PLATEAU_ROUNDS } from "@/lib/studio/auto-iterate";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useAutoIterate, useStudio, useStudioConfig } from "@/components/studio/studio-context";
import { formatUsd } from "@/lib/studio/cost";
import { useAutoIterateRun } from "./use-auto-iterate";

// Shown only once a run starts, so its code (and the chart's) waits until then.
const AutoIterateProgress = dynamic(() => import("./auto-iterate-progress").then((m) => m.AutoIterateProgress));
const ExploreRounds = dynamic(() => import("./explore-rounds").then((m) => m.ExploreRounds));
const ModelNotesButton = dynamic(() => import("./model-notes-dialog").then((m) => m.ModelNotesButton));

const field = "h-8 w-full rounded-md border border-line bg-surface px-2 text-sm tabular-nums focus:border-focus focus:outline-none disabled:text-muted";

/** Settings, progress and outcome of auto-iterate: draft, critique, revise, select — N times. */
export function AutoIteratePanel() {
  const t = useT();
  const { settings, running, cancelRequested, results, rounds, setSettings } = useAutoIterate((s) => s);
  const hasProject = useStudio((s) => s.projectId !== null);
  const { deepCritique } = useStudioConfig().understanding;
  const stage = useStudio((s) => s.stage);
  const { run, cancel } = useAutoIterateRun();
  const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));

  return (
    <section aria-labelledby="auto-heading" className="flex flex-col gap-3 rounded-card border border-line bg-surface p-3 shadow-card">
      <h2 id="auto-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
        {t("auto.heading")}
      </h2>
      <div className="grid grid-cols-2 gap-2 text-xs">
        <label className="flex flex-col gap-1">
          {t("auto.rounds")}
          <input type="number" className={field} disabled={running} value={settings.rounds} {...AUTO_LIMITS.rounds}
            onChange={(e) => setSettings({ rounds: clamp(e.target.valueAsNumber, AUTO_LIMITS.rounds) })} />
        </label>
        <label className="flex flex-col gap-1">
          {t("auto.drafts")}
          <select className={field} disabled={running} value={settings.drafts} onChange={(e) => setSettings({ drafts: Number(e.target.value) })}>
            {[1, 2, 3].map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("auto.target")}
          <input type="number" step="0.5" className={field} disabled={running} value={settings.targetScore} {...AUTO_LIMITS.targetScore}
            onChange={(e) => setSettings({ targetScore: clamp(e.target.valueAsNumber, AUTO_LIMITS.targetScore) })} />
        </label>
        <label className="flex flex-col gap-1">
          {t("auto.budget")}
          <input type="number" step="0.05" min={0} placeholder={t("auto.budgetNone")} className={field} disabled={running} value={settings.budgetUsd ?? ""}
            onChange={(e) => setSettings({ budgetUsd: e.target.value === "" ? null : Math.max(0, e.target.valueAsNumber || 0) })} />
        </label>
        <label className="col-span-2 flex items-center gap-2">
          <input type="checkbox" className="accent-accent" disabled={running} checked={settings.stopOnPlateau}
            onChange={(e) => setSettings({ stopOnPlateau: e.target.checked })} />
          {t("auto.plateau", { rounds: PLATEAU_ROUNDS })}
        </label>
      </div>
      {running ? (
        <Button onClick={cancel} disabled={cancelRequested}>
          {cancelRequested ? t("auto.cancelling") : t("auto.cancel")}
        </Button>
      ) : (
        <Button variant="primary" onClick={() => void run()} disabled={stage !== "idle"}>
          {t("auto.run")}
        </Button>
      )}
      {deepCritique ? (
        <p className="text-2xs text-muted">{t("auto.deepCritique", { tokens: deepCritique.budgetTokens.toLocaleString("en-US"), usd: formatUsd(deepCritique.maxUsd) })}</p>
      ) : null}
      {running || results.length > 0 ? <AutoIterateProgress /> : null}
      {rounds.length > 0 ? <ExploreRounds /> : null}
      {hasProject ? <ModelNotesButton /> : null}
    </section>
  );
}

/** Marks the iteration an auto-iterate run selected as its best. */
export function AutoBestBadge({ iterationId }: { iterationId: string }) {
  const t = useT();
  const bestId = useAutoIterate((s) => (s.running ? null : s.bestId));
  if (bestId !== iterationId) return null;
  return (
    <span>
      <Badge tone="good">{t("critique.autoBest")}</Badge>
    </span>
  );
}
