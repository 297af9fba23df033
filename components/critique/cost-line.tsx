"use client";

import { useT } from "@/lib/i18n/client";
import type { IterationCost } from "@/lib/schemas/iteration";
import { cacheSharePercent, formatUsd } from "@/lib/studio/cost";

/** What this iteration cost, by step, and what the prompt cache took off the bill. */
export function CostLine({ cost }: { cost: IterationCost }) {
  const t = useT();
  const { tokens } = cost;
  const parts = [
    ["cost.refine", cost.refineUsd],
    ["cost.image", cost.imageUsd],
    ["cost.critique", cost.critiqueUsd],
    ["cost.revision", cost.reviseUsd],
  ] as const;
  return (
    <p aria-label={t("cost.label")} className="text-2xs leading-relaxed text-muted">
      <span className="font-semibold text-ink">{t("cost.total", { usd: formatUsd(cost.totalUsd) })}</span>
      {" · "}
      {parts.map(([key, usd]) => t(key, { usd: formatUsd(usd) })).join(" · ")}
      <br />
      {tokens.inputTokens + tokens.outputTokens > 0
        ? t("cost.tokens", { tokens: tokens.inputTokens + tokens.outputTokens, cached: tokens.cachedTokens })
        : t("cost.noTokens")}
      {tokens.inputTokens > 0 ? ` · ${t("cost.cacheShare", { share: cacheSharePercent(tokens) })}` : null}
    </p>
  );
}
