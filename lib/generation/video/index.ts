import "server-only";
import { env } from "@/lib/env";
import { connectVideoProviders, type VideoProviderInfo } from "./providers";

export { renderVideo, type RenderVideoInput, type RenderedVideo, type VideoStage } from "./render";
export { estimateVideo, type VideoEstimate } from "./estimate";
export { videoCapabilities, type VideoCapability, type VideoProviderId } from "./capabilities";
export type { VideoProviderInfo } from "./providers";

/** The video providers this server can use (the Local video renderer first), for the UI: names and capabilities, never keys. */
export function listVideoProviders(): VideoProviderInfo[] {
  return connectVideoProviders(env()).map(({ id, label, models, defaultModel, local, capabilities }) => ({ id, label, models, defaultModel, local, capabilities }));
}
