import "server-only";
import type { VideoParams } from "@/lib/schemas/video";
import type { VideoProviderEntry } from "./providers";
import { routeVideoAuto, routeVideoExplicit, videoFallbacks, type VideoCandidate, type VideoRoute } from "./route";

/*
 * Where a clip goes, worked out in one place for renderVideo() and for its price estimate (the
 * budget's reservation), so the estimate prices the routes the render will really take.
 */

export function videoCandidates(providers: VideoProviderEntry[]): VideoCandidate[] {
  return providers.flatMap((p) => p.capabilities.map((capability) => ({ providerId: p.id, label: p.label, local: p.local, capability })));
}

/** The first choice and its fallbacks, in order; null when the chosen provider is not configured. */
export function planVideoRoutes(input: { params: VideoParams; providers: VideoProviderEntry[]; image: boolean }): VideoRoute[] | null {
  const { params } = input;
  const candidates = videoCandidates(input.providers);
  const auto = params.providerId === "auto";
  const defaults = Object.fromEntries(input.providers.map((p) => [p.id, p.defaultModel]));
  const first = auto ? routeVideoAuto({ candidates, image: input.image, audio: params.audio }) : routeVideoExplicit({ providerId: params.providerId, model: params.model, candidates, defaults });
  if (!first) return null;
  return [first, ...videoFallbacks({ first, auto, candidates })];
}
