import "server-only";
import { env } from "@/lib/env";
import type { GenerationParams } from "@/lib/schemas/params";
import { configuredProviders, routeCandidates } from "./registry";
import { fallbackChain, routeAuto, routeExplicit, type Route, type RouteCandidate } from "./route";

/** Prices missing from the capability table (gateways) are reserved at the table's dearest per-image price. */
const UNKNOWN_PRICE_USD = 0.08;

/**
 * What a render may cost at list price, before it starts, for the daily budget: the price × n
 * of the dearest route it may take (its first choice or a fallback), one image per column in
 * Compare. The Local renderer as first choice is free and reserves nothing; should it ever fall
 * back to a paid provider, that cost is still counted once known.
 */
export function estimateRenderUsd({ prompt, params }: { prompt: string; params: GenerationParams }): number {
  const providers = configuredProviders();
  const candidates = routeCandidates(providers);
  const defaults = Object.fromEntries(providers.map((p) => [p.id, p.defaultModel]));
  const priceOf = (route: Route | undefined) => (route ? priceOfRoute({ route, candidates }) : 0);
  if (params.compare) return sum(params.compare.map((providerId) => priceOf(routeExplicit({ providerId, candidates, defaults }))));
  const auto = params.providerId === "auto";
  const first = auto ? routeAuto({ prompt, n: params.n, candidates }) : routeExplicit({ providerId: params.providerId, model: params.model, candidates, defaults });
  if (!first || priceOf(first) === 0) return 0;
  const chain = [first, ...fallbackChain({ first, auto, candidates, defaults, maxFallbacks: env().LOUPE_PROVIDER_FALLBACKS })];
  return params.n * Math.max(...chain.map(priceOf));
}

function priceOfRoute({ route, candidates }: { route: Route; candidates: RouteCandidate[] }): number {
  const row = candidates.find((c) => c.providerId === route.providerId && c.capability.model === route.model);
  if (row?.local) return 0;
  return row?.capability.priceUsd ?? UNKNOWN_PRICE_USD;
}

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
