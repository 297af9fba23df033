"use client";

import { useT } from "@/lib/i18n/client";
import { formatUsd, projectCachedTokens, projectCostUsd } from "@/lib/studio/cost";
import { useStudio } from "@/components/studio/studio-context";
import { useReferences } from "@/components/studio/studio-context";

/** The project's running total in the header: every iteration's tokens and images, and reference descriptions. */
export function ProjectCost() {
  const t = useT();
  const iterations = useStudio((s) => s.iterations);
  const referencesUsd = useReferences((s) => s.references.reduce((sum, r) => sum + r.costUsd, 0));
  const cached = projectCachedTokens(iterations);
  if (iterations.length === 0 && referencesUsd === 0) return null;
  return (
    <span
      aria-label={t("cost.project")}
      title={t("cost.projectTitle", { cached })}
      className="text-xs text-muted tabular-nums"
    >
      {formatUsd(projectCostUsd({ iterations, extraUsd: referencesUsd }))}
      {cached > 0 ? t("cost.projectCached", { cached }) : ""}
    </span>
  );
}
