import "server-only";
import type { PromptStyle } from "@/lib/schemas/prompt-style";
import type { VideoAspectRatio, VideoResolution } from "@/lib/schemas/video";

/**
 * What each video model can do, as data: the sibling of the image table (../capabilities.ts),
 * read by parameter translation, Auto routing, the price estimate and the provider list. Adding
 * a model is adding a row. Prices are approximate list prices per second of clip in USD at the
 * model's default resolution; they drift — routing hints and the budget's reservation, not
 * invoices. Latency is a typical wait for a 5 s clip, in seconds.
 */

export type VideoProviderId = "local" | "fal" | "google" | "replicate" | "xai";

export type VideoCapability = {
  providerId: VideoProviderId;
  model: string;
  /** A name for people ("Luma Ray 2"). */
  name: string;
  /** Clip lengths the model makes, in seconds; a request is snapped to the nearest. */
  durations: readonly number[];
  aspectRatios: readonly VideoAspectRatio[];
  /** Resolutions offered, the default first. */
  resolutions: readonly VideoResolution[];
  /** "always": the model adds a soundtrack to every clip; "none": clips are silent. */
  audio: "none" | "always";
  /** Whether the model starts from an image the SDK sends as the first frame ("Animate"). */
  imageToVideo: boolean;
  /** Whether a seed is sent and reproduces a clip. */
  seed: boolean;
  quality: 1 | 2 | 3 | 4 | 5;
  latencySeconds: number;
  /** USD per second of clip; null when unknown. */
  pricePerSecondUsd: number | null;
  /** How the model reads a prompt (lib/schemas/prompt-style.ts): every hosted video model takes sentences about the shot. */
  promptStyle: PromptStyle;
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ALL_RATIOS: readonly VideoAspectRatio[] = ["16:9", "9:16", "1:1", "4:3", "3:4"];
const WIDE_AND_TALL: readonly VideoAspectRatio[] = ["16:9", "9:16"];

export const videoCapabilities = [
  { providerId: "local", model: "motion-v1", name: "Local video renderer", durations: range(1, 15), aspectRatios: ALL_RATIOS, resolutions: ["480p", "360p", "720p"], audio: "none", imageToVideo: true, seed: true, quality: 1, latencySeconds: 5, pricePerSecondUsd: 0, promptStyle: "keywords" },

  // fal's SDK submits to its queue as fal-ai/{model}; any other fal video model id works through LOUPE_FAL_VIDEO_MODEL.
  { providerId: "fal", model: "luma-ray-2", name: "Luma Ray 2", durations: [5, 9], aspectRatios: ALL_RATIOS, resolutions: ["720p", "1080p"], audio: "none", imageToVideo: false, seed: false, quality: 4, latencySeconds: 60, pricePerSecondUsd: 0.1, promptStyle: "natural-paragraphs" },
  { providerId: "fal", model: "luma-ray-2-flash", name: "Luma Ray 2 Flash", durations: [5, 9], aspectRatios: ALL_RATIOS, resolutions: ["720p", "1080p"], audio: "none", imageToVideo: false, seed: false, quality: 3, latencySeconds: 25, pricePerSecondUsd: 0.04, promptStyle: "natural-paragraphs" },
  { providerId: "fal", model: "minimax-video", name: "MiniMax Video-01", durations: [6], aspectRatios: ["16:9"], resolutions: ["720p"], audio: "none", imageToVideo: false, seed: false, quality: 3, latencySeconds: 120, pricePerSecondUsd: 0.083, promptStyle: "natural-paragraphs" },
  { providerId: "fal", model: "hunyuan-video", name: "Hunyuan Video", durations: [5], aspectRatios: WIDE_AND_TALL, resolutions: ["720p", "480p"], audio: "none", imageToVideo: false, seed: true, quality: 3, latencySeconds: 120, pricePerSecondUsd: 0.08, promptStyle: "natural-paragraphs" },

  // Veo through the Gemini API's predictLongRunning; the SDK sends a start image as the first frame.
  { providerId: "google", model: "veo-3.0-fast-generate-001", name: "Veo 3 Fast", durations: [4, 6, 8], aspectRatios: WIDE_AND_TALL, resolutions: ["720p", "1080p"], audio: "always", imageToVideo: true, seed: true, quality: 4, latencySeconds: 60, pricePerSecondUsd: 0.15, promptStyle: "natural-paragraphs" },
  { providerId: "google", model: "veo-3.0-generate-001", name: "Veo 3", durations: [4, 6, 8], aspectRatios: WIDE_AND_TALL, resolutions: ["720p", "1080p"], audio: "always", imageToVideo: true, seed: true, quality: 5, latencySeconds: 120, pricePerSecondUsd: 0.4, promptStyle: "natural-paragraphs" },
  { providerId: "google", model: "veo-3.1-fast-generate-preview", name: "Veo 3.1 Fast", durations: [4, 6, 8], aspectRatios: WIDE_AND_TALL, resolutions: ["720p", "1080p"], audio: "always", imageToVideo: true, seed: true, quality: 4, latencySeconds: 60, pricePerSecondUsd: 0.15, promptStyle: "natural-paragraphs" },
  { providerId: "google", model: "veo-3.1-generate-preview", name: "Veo 3.1", durations: [4, 6, 8], aspectRatios: WIDE_AND_TALL, resolutions: ["720p", "1080p"], audio: "always", imageToVideo: true, seed: true, quality: 5, latencySeconds: 120, pricePerSecondUsd: 0.4, promptStyle: "natural-paragraphs" },
  { providerId: "google", model: "veo-2.0-generate-001", name: "Veo 2", durations: [5, 6, 7, 8], aspectRatios: WIDE_AND_TALL, resolutions: ["720p"], audio: "none", imageToVideo: true, seed: true, quality: 4, latencySeconds: 90, pricePerSecondUsd: 0.35, promptStyle: "natural-paragraphs" },

  { providerId: "replicate", model: "minimax/video-01", name: "MiniMax Video-01", durations: [6], aspectRatios: ["16:9"], resolutions: ["720p"], audio: "none", imageToVideo: false, seed: false, quality: 3, latencySeconds: 180, pricePerSecondUsd: 0.083, promptStyle: "natural-paragraphs" },

  { providerId: "xai", model: "grok-imagine-video", name: "Grok Imagine Video", durations: range(1, 15), aspectRatios: ALL_RATIOS, resolutions: ["720p", "480p"], audio: "always", imageToVideo: true, seed: false, quality: 4, latencySeconds: 60, pricePerSecondUsd: 0.05, promptStyle: "natural-paragraphs" },
] as const satisfies readonly VideoCapability[];

export function videoModelsOf(providerId: VideoProviderId): VideoCapability[] {
  return videoCapabilities.filter((c) => c.providerId === providerId);
}

/**
 * The row for a provider's video model. A model missing from the table (set through a
 * LOUPE_*_VIDEO_MODEL variable) borrows the provider's first row: same API, unknown strengths.
 */
export function videoCapabilityFor(providerId: VideoProviderId, model: string): VideoCapability | undefined {
  const rows = videoModelsOf(providerId);
  const exact = rows.find((c) => c.model === model);
  if (exact) return exact;
  return rows[0] ? { ...rows[0], model, name: model } : undefined;
}
