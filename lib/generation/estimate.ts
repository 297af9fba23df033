import "server-only";
import type { GenerationParams } from "@/lib/schemas/params";
import { needsOf } from "./edit/fit";
import type { RenderEdit } from "./edit/prepare";
import { configuredProviders, routeCandidates } from "./registry";
import { compareRoutes, planRoutes } from "./plan";
import type { Route, RouteCandidate } from "./route";

/** Prices missing from the capability table (gateways) are reserved at the table's dearest per-image price. */
const UNKNOWN_PRICE_USD = 0.08;

/**
 * What a render may cost at list price, before it starts, for the daily budget: the price × n
 * of the dearest route it may take (its first choice or a fallback, as planRoutes plans them),
 * one image per column in Compare. The Local renderer as first choice is free and reserves
 * nothing; should it ever fall back to a paid provider, that cost is still counted once known.
 */
export function estimateRenderUsd({ prompt, params, reference = false, edit }: { prompt: string; params: GenerationParams; reference?: boolean; edit?: RenderEdit }): number {
  const providers = configuredProviders();
  // An edit is priced on the models that can take it (FLUX Fill for a painted region on fal…).
  const needs = edit ? needsOf(edit) : undefined;
  const candidates = routeCandidates(providers);
  const priceOf = (route: Route | undefined) => (route ? priceOfRoute({ route, candidates }) : 0);
  if (params.compare) return sum(compareRoutes({ providerIds: params.compare, providers, reference, needs }).map(priceOf));
  const routes = planRoutes({ prompt, params, providers, reference, needs });
  if (!routes || priceOf(routes[0]) === 0) return 0;
  return params.n * Math.max(...routes.map(priceOf));
}

function priceOfRoute({ route, candidates }: { route: Route; candidates: RouteCandidate[] }): number {
  const row = candidates.find((c) => c.providerId === route.providerId && c.capability.model === route.model);
  if (row?.local) return 0;
  return row?.capability.priceUsd ?? UNKNOWN_PRICE_USD;
}

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
