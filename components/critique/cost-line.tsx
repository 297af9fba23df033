import type { IterationCost } from "@/lib/schemas/iteration";
import { formatUsd } from "@/lib/studio/cost";

/** What this iteration cost, by step, and what the prompt cache took off the bill. */
export function CostLine({ cost }: { cost: IterationCost }) {
  const { tokens } = cost;
  const parts = [
    ["refine", cost.refineUsd],
    ["image", cost.imageUsd],
    ["critique", cost.critiqueUsd],
    ["revision", cost.reviseUsd],
  ] as const;
  return (
    <p aria-label="Iteration cost" className="text-2xs leading-relaxed text-muted">
      <span className="font-semibold text-ink">Cost {formatUsd(cost.totalUsd)}</span>
      {" · "}
      {parts.map(([label, usd]) => `${label} ${formatUsd(usd)}`).join(" · ")}
      <br />
      {tokens.inputTokens + tokens.outputTokens > 0
        ? `${(tokens.inputTokens + tokens.outputTokens).toLocaleString("en-US")} Claude tokens · ${tokens.cachedTokens.toLocaleString("en-US")} from the prompt cache`
        : "No Claude tokens used"}
    </p>
  );
}
