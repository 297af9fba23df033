import "server-only";
import type { VideoCapability } from "./capabilities";

/**
 * Which video model serves a clip, and why, in one line. Pure: it sees only the configured
 * models' capability rows, so every rule has a unit test.
 */
export type VideoCandidate = { providerId: string; label: string; local: boolean; capability: VideoCapability };
export type VideoRoute = { providerId: string; model: string; reason: string };

/** Unknown prices count as a typical mid-range price per second. */
const TYPICAL_PRICE_PER_SECOND = 0.15;
const price = (c: VideoCandidate) => c.capability.pricePerSecondUsd ?? TYPICAL_PRICE_PER_SECOND;

const byQuality = (a: VideoCandidate, b: VideoCandidate) =>
  b.capability.quality - a.capability.quality || price(a) - price(b) || a.capability.latencySeconds - b.capability.latencySeconds;

const describe = (c: VideoCandidate) => `${c.label} · ${c.capability.name}`;

/**
 * Auto: a first frame needs a model that animates an image; asked-for sound needs a model that
 * makes it; otherwise the best quality for the price. The Local video renderer serves when no
 * configured model fits (it animates images too, silently).
 */
export function routeVideoAuto(input: { candidates: VideoCandidate[]; image: boolean; audio?: boolean }): VideoRoute {
  const remote = input.candidates.filter((c) => !c.local);
  const local = input.candidates.find((c) => c.local);
  const localRoute = (reason: string): VideoRoute => {
    if (!local) throw new Error("routeVideoAuto needs at least the Local video renderer");
    return { providerId: local.providerId, model: local.capability.model, reason };
  };
  if (remote.length === 0) return localRoute("no video provider configured → Local video renderer");
  if (input.image) {
    const animators = remote.filter((c) => c.capability.imageToVideo).sort(byQuality);
    if (animators.length === 0) return localRoute("no configured video model starts from an image → Local video renderer");
    return routeTo(animators[0]!, "first frame given → a model that animates an image");
  }
  if (input.audio) {
    const withSound = remote.filter((c) => c.capability.audio !== "none").sort(byQuality);
    if (withSound.length > 0) return routeTo(withSound[0]!, "sound asked for → a model that makes a soundtrack");
  }
  return routeTo([...remote].sort(byQuality)[0]!, "best quality for the price");
}

function routeTo(candidate: VideoCandidate, rule: string): VideoRoute {
  return { providerId: candidate.providerId, model: candidate.capability.model, reason: `${rule} (${describe(candidate)})` };
}

/** An explicit choice, when the provider is configured; its default model unless a model of its own is named. */
export function routeVideoExplicit(input: { providerId: string; model?: string; candidates: VideoCandidate[]; defaults: Record<string, string> }): VideoRoute | undefined {
  const rows = input.candidates.filter((c) => c.providerId === input.providerId);
  if (rows.length === 0) return undefined;
  const model = rows.find((c) => c.capability.model === input.model)?.capability.model ?? input.defaults[input.providerId] ?? rows[0]!.capability.model;
  return { providerId: input.providerId, model, reason: "chosen by the designer" };
}

/**
 * A failed clip under Auto is made by the Local video renderer rather than by a second paid
 * provider: clips cost dollars and minutes, and a fallback must not double either. An explicit
 * choice never falls back: its error is shown and the prompt kept.
 */
export function videoFallbacks(input: { first: VideoRoute; auto: boolean; candidates: VideoCandidate[] }): VideoRoute[] {
  const local = input.candidates.find((c) => c.local);
  if (!input.auto || !local || input.first.providerId === local.providerId) return [];
  return [{ providerId: local.providerId, model: local.capability.model, reason: "fallback" }];
}
