"use client";

import { useReferenceStore } from "@/lib/store/reference-store";
import { formatUsd, projectCachedTokens, projectCostUsd } from "@/lib/studio/cost";
import { useStudio } from "@/components/studio/studio-context";

/** The project's running total in the header: every iteration's tokens and images, and reference descriptions. */
export function ProjectCost() {
  const iterations = useStudio((s) => s.iterations);
  const referencesUsd = useReferenceStore((s) => s.references.reduce((sum, r) => sum + r.costUsd, 0));
  const cached = projectCachedTokens(iterations);
  if (iterations.length === 0 && referencesUsd === 0) return null;
  return (
    <span
      aria-label="Project cost"
      title={`Claude tokens and provider list prices for this project. ${cached.toLocaleString("en-US")} tokens came from the prompt cache at a tenth of the price.`}
      className="text-xs text-muted tabular-nums"
    >
      {formatUsd(projectCostUsd({ iterations, extraUsd: referencesUsd }))}
      {cached > 0 ? ` · ${cached.toLocaleString("en-US")} cached` : ""}
    </span>
  );
}
