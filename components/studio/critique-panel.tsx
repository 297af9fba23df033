"use client";

import { useState } from "react";
import { formatScore } from "@/lib/schemas/critique";
import { AspectBars, SeverityDot, StrengthsList } from "@/components/critique/score-parts";
import type { CritiqueView } from "@/lib/schemas/iteration";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useCurrentIteration } from "./current-iteration";
import { useStudio } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";

/** Claude's (or the Offline engine's) review of the current image, and the one-click revision. */
export function CritiquePanel() {
  const iteration = useCurrentIteration();
  const stage = useStudio((s) => s.stage);
  const { critique: retry } = useStudioFlow();
  const critiquing = stage === "critiquing" || (stage === "generating" && iteration !== null);

  let body: React.ReactNode;
  if (critiquing) body = <CritiqueSkeleton />;
  else if (!iteration || iteration.images.length === 0)
    body = <p className="text-sm text-muted">The critique appears here once an image is rendered: scores, issues and a revised prompt.</p>;
  else if (iteration.critiques.length === 0 && iteration.critiqueError)
    body = (
      <div role="alert" className="flex flex-col items-start gap-3 rounded-lg border border-warn/40 bg-warn/5 p-3">
        <p className="text-sm">
          <strong className="font-semibold">Critique unavailable.</strong> {iteration.critiqueError.message} The image is
          kept.
        </p>
        <Button onClick={() => retry(iteration.id)} disabled={stage !== "idle"}>
          Retry
        </Button>
      </div>
    );
  else if (iteration.critiques.length === 0)
    body = (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-muted">This image has not been critiqued yet.</p>
        <Button onClick={() => retry(iteration.id)} disabled={stage !== "idle"}>
          Critique
        </Button>
      </div>
    );
  // Keyed by the chosen variant too, so "Continue from this one" brings its critique to the front.
  else
    body = (
      <CritiqueBody
        key={`${iteration.id}:${iteration.selectedImageId ?? "best"}`}
        critiques={iteration.critiques}
        activeId={iteration.selectedImageId ?? iteration.bestImageId}
      />
    );

  return (
    <section aria-label="Critique" className="flex min-w-0 flex-col gap-4">
      <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">Critique</h2>
      {body}
    </section>
  );
}

function CritiqueBody({ critiques, activeId }: { critiques: CritiqueView[]; activeId: string | null }) {
  // Opens on the variant the revision is written from: the chosen one, else the best-scored.
  const [index, setIndex] = useState(Math.max(0, critiques.findIndex((c) => c.imageId === activeId)));
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  const stage = useStudio((s) => s.stage);
  const { applyRevision } = useStudioFlow();
  const view = critiques[Math.min(index, critiques.length - 1)]!;
  const { result } = view;
  const accepted = result.issues.filter((i) => !rejected.has(i.id)).map((i) => i.id);

  return (
    <>
      {critiques.length > 1 ? (
        <div role="tablist" aria-label="Variant" className="flex gap-1">
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
      <AspectBars aspects={result.aspects} />
      <p className="text-sm leading-relaxed">{result.summary}</p>
      <StrengthsList strengths={result.strengths} />
      {result.issues.length > 0 ? (
        <div>
          <h3 className="mb-1.5 text-xs font-semibold text-muted">Issues and fixes</h3>
          <ul className="flex flex-col gap-2">
            {result.issues.map((issue) => {
              const isRejected = rejected.has(issue.id);
              return (
                <li
                  key={issue.id}
                  className={`rounded-lg border border-line bg-surface p-2.5 text-sm ${isRejected ? "opacity-55" : ""}`}
                >
                  <label className="flex cursor-pointer gap-2.5">
                    <input
                      type="checkbox"
                      checked={!isRejected}
                      onChange={() =>
                        setRejected((prev) => {
                          const next = new Set(prev);
                          if (next.has(issue.id)) next.delete(issue.id);
                          else next.add(issue.id);
                          return next;
                        })
                      }
                      className="mt-0.5 accent-accent"
                      aria-label={`Use this fix: ${issue.fix}`}
                    />
                    <span className="flex flex-col gap-1">
                      <span>
                        <SeverityDot severity={issue.severity} /> {issue.problem}
                      </span>
                      <span className="text-muted">
                        <span className="font-medium text-ink">Fix:</span> {issue.fix}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <div className="rounded-lg border border-line bg-sunken/60 p-3">
        <h3 className="mb-1 text-xs font-semibold text-muted">Revised prompt</h3>
        <p className="font-mono text-xs leading-relaxed whitespace-pre-wrap">{result.revisedPrompt}</p>
      </div>
      <Button
        variant="primary"
        className="h-11 text-[15px]"
        disabled={stage !== "idle"}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        onClick={() =>
          applyRevision(rejected.size > 0 ? { acceptedIssueIds: accepted } : {})
        }
      >
        Apply revision
        <span className="hidden opacity-80 sm:inline">
          <Kbd>⇧⌘↵</Kbd>
        </span>
      </Button>
    </>
  );
}

function ScoreHeader({ view }: { view: CritiqueView }) {
  const engine = view.engine === "claude" ? `Claude · ${view.model}` : "Offline engine (heuristics, not Claude)";
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
          ? `${view.usage.inputTokens.toLocaleString("en-US")} in · ${view.usage.outputTokens.toLocaleString("en-US")} out`
          : "no tokens used"}
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
