import "server-only";
import { env } from "@/lib/env";
import { videoParamsSchema, type VideoParams } from "@/lib/schemas/video";
import { videoCapabilityFor } from "./capabilities";
import { planVideoRoutes } from "./plan";
import { connectVideoProviders } from "./providers";
import { translateVideoParams } from "./translate";

/** A model whose price is unknown is reserved at the table's dearest price per second. */
const UNKNOWN_PRICE_PER_SECOND = 0.5;

export type VideoEstimate = {
  /** What the clip may cost at list price: the first route's price × the clip length it will make. */
  usd: number;
  providerId: string;
  model: string;
  /** The clip length the model will really make (snapped), in seconds. */
  durationSeconds: number;
  /** Auto's one-line reason, or "chosen by the designer". */
  routeReason: string;
};

/**
 * The price of a clip before it is rendered, for the UI and for the daily budget's reservation.
 * Fallbacks under Auto go to the free Local video renderer, so the first route is the dearest.
 * Null when the chosen provider is not configured.
 */
export function estimateVideo(input: { params: VideoParams; image?: boolean }): VideoEstimate | null {
  const params = videoParamsSchema.parse(input.params);
  const providers = connectVideoProviders(env());
  const first = planVideoRoutes({ params, providers, image: input.image ?? false })?.[0];
  if (!first) return null;
  const provider = providers.find((p) => p.id === first.providerId)!;
  const capability = videoCapabilityFor(provider.id, first.model) ?? provider.capabilities[0]!;
  const { duration } = translateVideoParams({ capability, params });
  const perSecond = provider.local ? 0 : (capability.pricePerSecondUsd ?? UNKNOWN_PRICE_PER_SECOND);
  return { usd: Math.round(perSecond * duration * 10_000) / 10_000, providerId: first.providerId, model: first.model, durationSeconds: duration, routeReason: first.reason };
}
