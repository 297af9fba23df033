import "server-only";
import type { ModelCapability } from "./capabilities";

/**
 * Which provider and model serve a render, and why. Pure: it sees only the capability rows
 * of the configured providers and the prompt, so every rule has a unit test.
 */
export type RouteCandidate = { providerId: string; label: string; local: boolean; capability: ModelCapability };
export type Route = { providerId: string; model: string; reason: string };

/** Prices missing from the table (gateways) count as a typical mid-range price. */
const TYPICAL_PRICE = 0.04;
export const price = (c: RouteCandidate) => c.capability.priceUsd ?? TYPICAL_PRICE;

/** A quoted phrase of at least two letters: the designer wants those exact words in the image. */
export function hasQuotedText(prompt: string): boolean {
  return /["“”«»「]([^"“”«»」]*\p{L}[^"“”«»」]*\p{L}[^"“”«»」]*)["“”«»」]/u.test(prompt);
}

type Rule = { reason: string; rank: (a: RouteCandidate, b: RouteCandidate) => number };

/** Sort helpers: each comparator is a chain of tie-breakers. */
export const by = (...keys: Array<(c: RouteCandidate) => number>) => (a: RouteCandidate, b: RouteCandidate) => {
  for (const key of keys) {
    const d = key(a) - key(b);
    if (d !== 0) return d;
  }
  return 0;
};

const takesImages = (c: RouteCandidate) => c.capability.imageInput !== "none";

function pickRule(input: { prompt: string; n: number; reference: boolean; remote: RouteCandidate[] }): Rule {
  // A reference is the strongest hint there is: a model that sees it beats one that reads about it.
  if (input.reference && input.remote.some(takesImages)) {
    return { reason: "reference image → a model that takes it", rank: by((c) => (takesImages(c) ? 0 : 1), (c) => -c.capability.quality, price, (c) => c.capability.latencySeconds) };
  }
  if (hasQuotedText(input.prompt)) {
    return { reason: "quoted headline → a model strong at text", rank: by((c) => -c.capability.textRendering, (c) => -c.capability.quality, price) };
  }
  if (input.n >= 3) {
    return { reason: `${input.n} variants → a cheap, fast model`, rank: by(price, (c) => c.capability.latencySeconds, (c) => -c.capability.quality) };
  }
  // Quality first; among equals the cheaper, then the faster.
  return { reason: "best quality for the price", rank: by((c) => -c.capability.quality, price, (c) => c.capability.latencySeconds) };
}

const describe = (c: RouteCandidate) => `${c.label} · ${c.capability.model}`;

/** Auto routing: the rule that fits the prompt, applied to the remote models; the Local renderer only when there is none. */
export function routeAuto(input: { prompt: string; n: number; reference?: boolean; candidates: RouteCandidate[] }): Route {
  const remote = input.candidates.filter((c) => !c.local);
  const local = input.candidates.find((c) => c.local);
  if (remote.length === 0) {
    if (!local) throw new Error("routeAuto needs at least the local renderer");
    return { providerId: local.providerId, model: local.capability.model, reason: "no provider configured → Local renderer" };
  }
  const rule = pickRule({ prompt: input.prompt, n: input.n, reference: input.reference ?? false, remote });
  const best = [...remote].sort(rule.rank)[0]!;
  return { providerId: best.providerId, model: best.capability.model, reason: `${rule.reason} (${describe(best)})` };
}

/**
 * Honours an explicit choice when the provider is configured (undefined otherwise). A model
 * chosen for another provider is not an error: the provider's default model is used.
 */
export function routeExplicit(input: { providerId: string; model?: string; candidates: RouteCandidate[]; defaults: Record<string, string> }): Route | undefined {
  const rows = input.candidates.filter((c) => c.providerId === input.providerId);
  if (rows.length === 0) return undefined;
  const model = rows.find((c) => c.capability.model === input.model)?.capability.model ?? input.defaults[input.providerId] ?? rows[0]!.capability.model;
  return { providerId: input.providerId, model, reason: "chosen by the designer" };
}

/**
 * Where to go when the first choice fails: one model per other remote provider (its default),
 * best quality first, then the Local renderer — but only under Auto. An explicit choice never
 * silently becomes a procedural poster: if every remote provider fails, the error is shown.
 */
export function fallbackChain(input: { first: Route; auto: boolean; candidates: RouteCandidate[]; defaults: Record<string, string>; maxFallbacks: number }): Route[] {
  const seen = new Set([input.first.providerId]);
  const others = input.candidates
    .filter((c) => !c.local && !seen.has(c.providerId) && c.capability.model === (input.defaults[c.providerId] ?? c.capability.model))
    .sort(by((c) => -c.capability.quality, price, (c) => c.capability.latencySeconds))
    .filter((c) => (seen.has(c.providerId) ? false : (seen.add(c.providerId), true)))
    .map((c) => ({ providerId: c.providerId, model: c.capability.model, reason: "fallback" }));
  const local = input.candidates.find((c) => c.local);
  const tail = input.auto && local && input.first.providerId !== local.providerId ? [{ providerId: local.providerId, model: local.capability.model, reason: "fallback" }] : [];
  // The Local renderer cannot fail the way a network does, so it is kept even past the limit.
  return [...others.slice(0, input.maxFallbacks), ...tail];
}

/** Edit-only models (they need an input image) are candidates only for a render that carries a reference. */
export function usableCandidates(input: { candidates: RouteCandidate[]; reference: boolean }): RouteCandidate[] {
  // Fill models serve only a painted region (lib/generation/edit/), never a plain render or a reference.
  const usable = input.candidates.filter((c) => !c.capability.edit?.maskRequired);
  return input.reference ? usable : usable.filter((c) => c.capability.imageInput !== "required");
}

/**
 * With a reference, the designer's provider keeps serving, but through its best model that takes
 * images when the chosen one does not (fal's FLUX dev → its Kontext endpoint): the reference then
 * goes as pixels rather than words.
 */
export function towardImageInput(input: { route: Route; candidates: RouteCandidate[] }): Route {
  const rows = input.candidates.filter((c) => c.providerId === input.route.providerId);
  const current = rows.find((c) => c.capability.model === input.route.model);
  if (!current || takesImages(current)) return input.route;
  const taker = rows.filter(takesImages).sort(by((c) => -c.capability.quality, price, (c) => c.capability.latencySeconds))[0];
  return taker ? { ...input.route, model: taker.capability.model } : input.route;
}
