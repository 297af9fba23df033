"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { formatScore } from "@/lib/schemas/score";
import { AspectBars, StrengthsList } from "@/components/critique/score-parts";
import { AutoBestBadge } from "@/components/critique/auto-iterate-panel";
import { CostLine } from "@/components/critique/cost-line";
import { IssueSteering } from "@/components/critique/issue-steering";
import { RevisedPrompt } from "@/components/critique/revised-prompt";
import { isVideoCritique, type CritiqueView, type IterationView } from "@/lib/schemas/iteration";
import { Button } from "@/components/ui/button";
import { KeyHint } from "@/components/ui/kbd";
import { useCurrentIteration } from "./current-iteration";
import { useAutoIterate, useStudio } from "./studio-context";
import { EditVerdicts } from "@/components/edit/edit-verdicts";
import { ReviseAsEdit } from "@/components/edit/revise-as-edit";
import { useStudioFlow } from "./use-studio-flow";

/** Claude's (or the Offline engine's) review of the current image, and the one-click revision. */
export function CritiquePanel() {
  const t = useT();
  const iteration = useCurrentIteration();
  const stage = useStudio((s) => s.stage);
  const { critique: retry } = useStudioFlow();
  const critiquing = stage === "critiquing" || (stage === "generating" && iteration !== null);

  let body: React.ReactNode;
  if (critiquing) body = <CritiqueSkeleton />;
  else if (!iteration || iteration.images.length === 0)
    body = <p className="text-sm text-muted">{t("critique.emptyHint")}</p>;
  else if (iteration.critiques.length === 0 && iteration.critiqueError)
    body = (
      <div role="alert" className="flex flex-col items-start gap-3 rounded-lg border border-warn/40 bg-warn/5 p-3">
        <p className="text-sm">
          <strong className="font-semibold">{t("critique.unavailable")}</strong> {iteration.critiqueError.message}{" "}
          {t("critique.imageKept")}
        </p>
        <Button onClick={() => retry(iteration.id)} disabled={stage !== "idle"}>
          {t("critique.retry")}
        </Button>
      </div>
    );
  else if (iteration.critiques.length === 0)
    body = (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-muted">{t("critique.notYet")}</p>
        <Button onClick={() => retry(iteration.id)} disabled={stage !== "idle"}>
          {t("critique.run")}
        </Button>
      </div>
    );
  // Keyed by the chosen variant too, so "Continue from this one" brings its critique to the front.
  else body = <CritiqueBody key={`${iteration.id}:${iteration.selectedImageId ?? "best"}`} iteration={iteration} />;

  return (
    <section aria-label={t("critique.heading")} className="flex min-w-0 flex-col gap-4">
      <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("critique.heading")}</h2>
      {body}
    </section>
  );
}

function CritiqueBody({ iteration }: { iteration: IterationView }) {
  const t = useT();
  const { critiques } = iteration;
  // Revisions are written from the chosen variant, else the best-scored (as reviseAction does), so it opens first.
  const activeId = iteration.selectedImageId ?? iteration.bestImageId;
  const bestIndex = Math.max(0, critiques.findIndex((c) => c.imageId === activeId));
  const [index, setIndex] = useState(bestIndex);
  const stage = useStudio((s) => s.stage);
  const autoRunning = useAutoIterate((s) => s.running);
  const { applyRevision } = useStudioFlow();
  const view = critiques[Math.min(index, critiques.length - 1)]!;
  const { result } = view;
  const busy = stage !== "idle" || autoRunning;

  return (
    <>
      {critiques.length > 1 ? (
        <div role="tablist" aria-label={t("critique.variant")} className="flex gap-1">
          {critiques.map((c, i) => (
            <button
              key={c.imageId}
              role="tab"
              aria-selected={i === index}
              onClick={() => setIndex(i)}
              className={`rounded-md px-2 py-1 text-xs ${i === index ? "bg-ink text-paper" : "text-muted hover:bg-sunken"}`}
            >
              #{i + 1} · {formatScore(c.result.overall)}
            </button>
          ))}
        </div>
      ) : null}
      <ScoreHeader view={view} />
      <AutoBestBadge iterationId={iteration.id} />
      <AspectBars aspects={result.aspects} t={t} />
      <p className="text-sm leading-relaxed">{result.summary}</p>
      <StrengthsList strengths={result.strengths} t={t} />
      {isVideoCritique(result) ? null : <EditVerdicts region={result.region} references={result.references} />}
      {index === bestIndex ? (
        <IssueSteering iterationId={iteration.id} issues={result.issues} disabled={busy} />
      ) : (
        <p className="text-xs text-muted">
          {t("critique.revisionFrom", { n: bestIndex + 1 })}{" "}
          <button className="underline" onClick={() => setIndex(bestIndex)}>
            {t("critique.showIssues")}
          </button>
        </p>
      )}
      {index === bestIndex ? <RevisedPrompt iteration={iteration} disabled={busy} /> : null}
      {/* A clip's revision renders the next clip; only a still can be revised as an edit of itself. */}
      {iteration.mediaKind === "image" ? <ReviseAsEdit disabled={busy} /> : null}
      <Button
        variant="primary"
        className="h-11 text-[15px]"
        disabled={busy}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        onClick={() => void applyRevision()}
      >
        {t("critique.apply")}
        <KeyHint>⇧⌘↵</KeyHint>
      </Button>
      <CostLine cost={iteration.cost} />
    </>
  );
}

function ScoreHeader({ view }: { view: CritiqueView }) {
  const t = useT();
  const engine = view.engine === "claude" ? t("critique.engineClaude", { model: view.model }) : t("critique.engineOffline");
  return (
    <div className="flex items-end justify-between gap-3">
      <p className="font-semibold tracking-tight">
        <span className="text-5xl tabular-nums">{formatScore(view.result.overall)}</span>
        <span className="text-xl text-muted">/10</span>
      </p>
      <p className="text-right text-2xs text-muted">
        {engine}
        <br />
        {view.usage.inputTokens + view.usage.outputTokens > 0
          ? t("critique.tokensCached", { input: view.usage.inputTokens, output: view.usage.outputTokens, cached: view.usage.cachedTokens })
          : t("critique.noTokens")}
      </p>
    </div>
  );
}

function CritiqueSkeleton() {
  return (
    <div className="flex flex-col gap-3" aria-hidden="true">
      <div className="skeleton h-12 w-28 rounded-lg" />
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="skeleton h-2 w-full rounded-full" />
      ))}
      <div className="skeleton h-16 w-full rounded-lg" />
      <div className="skeleton h-24 w-full rounded-lg" />
    </div>
  );
}
