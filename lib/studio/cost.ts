import type { IterationView } from "@/lib/schemas/iteration";

/** Dollars as a designer reads them: cents when they matter, four places for sub-cent Claude calls. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** The project's running total, summed in millionths so many small calls add up exactly. */
export function projectCostUsd({ iterations, extraUsd = 0 }: { iterations: Array<Pick<IterationView, "cost">>; extraUsd?: number }): number {
  const micro = iterations.reduce((sum, i) => sum + Math.round(i.cost.totalUsd * 1_000_000), Math.round(extraUsd * 1_000_000));
  return micro / 1_000_000;
}

/** Tokens read from the prompt cache across the project: the saving prompt caching brought. */
export function projectCachedTokens(iterations: Array<Pick<IterationView, "cost">>): number {
  return iterations.reduce((sum, i) => sum + i.cost.tokens.cachedTokens, 0);
}

/** How much of the Claude input the prompt cache served, as a whole percentage. */
export function cacheSharePercent({ inputTokens, cachedTokens }: { inputTokens: number; cachedTokens: number }): number {
  return inputTokens > 0 ? Math.round((cachedTokens / inputTokens) * 100) : 0;
}
