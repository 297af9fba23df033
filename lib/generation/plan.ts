import "server-only";
import { env } from "@/lib/env";
import type { GenerationParams } from "@/lib/schemas/params";
import type { ProviderEntry } from "./providers/types";
import { routeCandidates } from "./registry";
import { fallbackChain, routeAuto, routeExplicit, towardImageInput, usableCandidates, type Route } from "./route";

/*
 * Where a render goes, worked out in one place for render() and for its price estimate (the
 * daily budget's reservation), so the estimate prices the routes the render will really take.
 */

type PlanInput = { providers: ProviderEntry[]; reference: boolean };

function routing({ providers, reference }: PlanInput) {
  const candidates = usableCandidates({ candidates: routeCandidates(providers), reference });
  const defaults = Object.fromEntries(providers.map((p) => [p.id, p.defaultModel]));
  // With a reference, the chosen provider serves through its model that takes images (route.ts).
  const toward = (route: Route) => (reference ? towardImageInput({ route, candidates }) : route);
  return { candidates, defaults, toward };
}

/** The first choice and its fallbacks, in order; null when the chosen provider is not configured. */
export function planRoutes(input: PlanInput & { prompt: string; params: GenerationParams }): Route[] | null {
  const { params, reference } = input;
  const { candidates, defaults, toward } = routing(input);
  const auto = params.providerId === "auto";
  const chosen = auto
    ? routeAuto({ prompt: input.prompt, n: params.n, reference, candidates })
    : routeExplicit({ providerId: params.providerId, model: params.model, candidates, defaults });
  if (!chosen) return null;
  const first = toward(chosen);
  return [first, ...fallbackChain({ first, auto, candidates, defaults, maxFallbacks: env().LOUPE_PROVIDER_FALLBACKS })];
}

/** One route per Compare column, in the order given; undefined for a provider that is not configured. */
export function compareRoutes(input: PlanInput & { providerIds: readonly string[] }): Array<Route | undefined> {
  const { candidates, defaults, toward } = routing(input);
  return input.providerIds.map((providerId) => {
    const route = routeExplicit({ providerId, candidates, defaults });
    return route ? toward(route) : undefined;
  });
}
