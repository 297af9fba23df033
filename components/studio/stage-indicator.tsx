"use client";

import { useEffect, useState } from "react";
import type { MessageKey } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";
import type { Stage } from "@/lib/store/studio-store";
import { useStudio } from "./studio-context";

const steps: Array<{ stage: Exclude<Stage, "idle">; label: MessageKey }> = [
  { stage: "refining", label: "stage.refining" },
  { stage: "revising", label: "stage.revising" },
  { stage: "generating", label: "stage.generating" },
  { stage: "critiquing", label: "stage.critiquing" },
];

/** Which stage is running and for how long: long provider calls should never feel frozen. */
export function StageIndicator() {
  const stage = useStudio((s) => s.stage);
  const startedAt = useStudio((s) => s.stageStartedAt);
  const elapsed = useElapsed(startedAt);
  const active = steps.find((s) => s.stage === stage);
  const t = useT();

  return (
    <div className="flex h-7 items-center gap-2 text-xs text-muted" aria-hidden="true">
      {active ? (
        <>
          <span className="relative flex size-2">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-accent opacity-60 motion-reduce:animate-none" />
            <span className="relative inline-flex size-2 rounded-full bg-accent" />
          </span>
          <span className="font-medium text-ink">{t(active.label)}</span>
          <span className="tabular-nums">{t("stage.seconds", { seconds: (elapsed / 1000).toFixed(1) })}</span>
        </>
      ) : (
        <span>{t("stage.ready")}</span>
      )}
    </div>
  );
}

function useElapsed(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, now - startedAt);
}

/** Read out to screen readers when a stage finishes or fails. */
export function StatusRegion() {
  const announcement = useStudio((s) => s.announcement);
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {announcement}
    </p>
  );
}
