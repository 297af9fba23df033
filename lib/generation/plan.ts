import "server-only";
import { env } from "@/lib/env";
import type { GenerationParams } from "@/lib/schemas/params";
import { needsAnything, type EditNeeds } from "./edit/fit";
import { explicitEditRoute, planEdit } from "./edit/route-edit";
import type { ProviderEntry } from "./providers/types";
import { routeCandidates } from "./registry";
import { fallbackChain, routeAuto, routeExplicit, towardImageInput, usableCandidates, type Route } from "./route";

/*
 * Where a render goes, worked out in one place for render() and for its price estimate (the
 * daily budget's reservation), so the estimate prices the routes the render will really take.
 */

/** `needs`: an input image, a painted region or a moodboard, which only some models can take (edit/route-edit.ts). */
type PlanInput = { providers: ProviderEntry[]; reference: boolean; needs?: EditNeeds };

const defaultsOf = (providers: ProviderEntry[]) => Object.fromEntries(providers.map((p) => [p.id, p.defaultModel]));

function routing({ providers, reference }: PlanInput) {
  const candidates = usableCandidates({ candidates: routeCandidates(providers), reference });
  const defaults = defaultsOf(providers);
  // With a reference, the chosen provider serves through its model that takes images (route.ts).
  const toward = (route: Route) => (reference ? towardImageInput({ route, candidates }) : route);
  return { candidates, defaults, toward };
}

/** The first choice and its fallbacks, in order; null when the chosen provider is not configured. */
export function planRoutes(input: PlanInput & { prompt: string; params: GenerationParams }): Route[] | null {
  const { params, reference, needs } = input;
  if (needsAnything(needs)) {
    const candidates = routeCandidates(input.providers);
    return planEdit({ candidates, needs, defaults: defaultsOf(input.providers), maxFallbacks: env().LOUPE_PROVIDER_FALLBACKS, providerId: params.providerId, model: params.model });
  }
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
  const { needs } = input;
  if (needsAnything(needs)) {
    const candidates = routeCandidates(input.providers);
    return input.providerIds.map((providerId) => explicitEditRoute({ candidates, needs, defaults: defaultsOf(input.providers), providerId }));
  }
  const { candidates, defaults, toward } = routing(input);
  return input.providerIds.map((providerId) => {
    const route = routeExplicit({ providerId, candidates, defaults });
    return route ? toward(route) : undefined;
  });
}
