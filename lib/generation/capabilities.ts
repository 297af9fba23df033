import "server-only";
import type { AspectRatio } from "@/lib/schemas/params";
import { DEFAULT_PROMPT_STYLE, type PromptStyle } from "@/lib/schemas/prompt-style";

/**
 * What each provider/model can do, as data. Parameter translation (translate.ts), Auto
 * routing (route.ts), the fallback order and `listProviders()` all read this one table, so
 * adding a model is adding a row. Prices are list prices per image in USD at the default
 * quality and ~1 megapixel (checked against the providers' pricing pages; they drift — treat
 * them as routing hints, not invoices). Latencies are typical seconds for one image.
 */

export type Size = `${number}x${number}`;

/** How a model takes its shape: a list of aspect ratios, a list of sizes, or any width×height on a grid. */
export type Sizing =
  | { kind: "aspectRatio"; ratios: readonly AspectRatio[] }
  | { kind: "sizes"; sizes: readonly Size[] }
  | { kind: "pixels"; longEdge: number; multiple: number };

export type ProviderId = "local" | "openai" | "google" | "fal" | "replicate" | "black-forest-labs" | "xai" | "togetherai" | "fireworks" | "luma" | "openai-compatible";

export type ImageInput = "none" | "optional" | "required";

/** How a model takes a painted region: "alpha" — a PNG whose transparent pixels are the region (OpenAI); "white" — black and white, white is the region (FLUX Fill). */
export type MaskFormat = "alpha" | "white";

/**
 * What a model does with images it is given to edit (lib/generation/edit/). Only where the AI
 * SDK package really sends them: `prompt.images` as files, `prompt.mask` as the mask.
 */
export type EditCapability = {
  /** Input images one request may carry: the image being edited plus moodboard references. */
  maxInputImages: number;
  /** It keeps an input image's composition and changes what the prompt asks ("Use as input"). */
  edits: boolean;
  /** How it takes a painted region, or null when it cannot repaint only a region. */
  mask: MaskFormat | null;
  /** A fill model: it serves only a painted region, and takes no other image. */
  maskRequired?: boolean;
  /** What its AI SDK package needs to send several images (fal's multi-image endpoints). */
  providerOptions?: Record<string, Record<string, boolean>>;
};

export type ModelCapability = {
  providerId: ProviderId;
  model: string;
  sizing: Sizing;
  /** Images the API returns for one request; the AI SDK splits larger `n` into concurrent requests. */
  maxImagesPerCall: number;
  /** Images one render may ask of this model (`n` is clamped to it, with a warning). */
  maxImages: number;
  /** Whether a seed is sent and reproduces an image. */
  seed: boolean;
  /**
   * Whether the AI SDK provider sends input images to this model (`prompt.images`), so a
   * reference goes as pixels: "none" (the reference goes as words), "optional" (it renders with
   * or without one) or "required" (an edit endpoint, only routed to when there is a reference).
   * Only where the SDK really sends bytes: Luma's SDK takes public URLs only, which a Loupe
   * server does not have to offer, and OpenAI's dall-e-3 and Google's Imagen have no edit call.
   */
  imageInput: ImageInput;
  /** How well it renders legible text (headlines, labels): 0 none … 3 reliable. */
  textRendering: 0 | 1 | 2 | 3;
  /** Overall image quality, 1 … 5, for Auto routing. */
  quality: 1 | 2 | 3 | 4 | 5;
  latencySeconds: number;
  /** USD per image; null when unknown (an arbitrary gateway). */
  priceUsd: number | null;
  /** How the model reads a prompt; refine and revise write for it (lib/schemas/prompt-style.ts). */
  promptStyle: PromptStyle;
  /** Edits, painted regions and moodboards; absent when the model takes no image to edit. */
  edit?: EditCapability;
};

const ALL_RATIOS: readonly AspectRatio[] = ["1:1", "4:5", "3:4", "2:3", "9:16", "5:4", "4:3", "3:2", "16:9"];
const FIVE_RATIOS: readonly AspectRatio[] = ["1:1", "3:4", "4:3", "9:16", "16:9"];
const GPT_IMAGE_SIZES: readonly Size[] = ["1024x1024", "1536x1024", "1024x1536"];

export const capabilities = [
  { providerId: "local", model: "poster-v1", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 4, maxImages: 4, seed: true, imageInput: "none", textRendering: 2, quality: 1, latencySeconds: 1, priceUsd: 0, edit: { maxInputImages: 9, edits: true, mask: "white" }, promptStyle: "keywords" },

  { providerId: "openai", model: "gpt-image-1", sizing: { kind: "sizes", sizes: GPT_IMAGE_SIZES }, maxImagesPerCall: 4, maxImages: 4, seed: false, imageInput: "optional", textRendering: 3, quality: 5, latencySeconds: 30, priceUsd: 0.042, edit: { maxInputImages: 16, edits: true, mask: "alpha" }, promptStyle: "natural-paragraphs" },
  { providerId: "openai", model: "gpt-image-1-mini", sizing: { kind: "sizes", sizes: GPT_IMAGE_SIZES }, maxImagesPerCall: 4, maxImages: 4, seed: false, imageInput: "optional", textRendering: 2, quality: 4, latencySeconds: 15, priceUsd: 0.011, edit: { maxInputImages: 16, edits: true, mask: "alpha" }, promptStyle: "natural-paragraphs" },
  { providerId: "openai", model: "dall-e-3", sizing: { kind: "sizes", sizes: ["1024x1024", "1792x1024", "1024x1792"] }, maxImagesPerCall: 1, maxImages: 1, seed: false, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 15, priceUsd: 0.04, promptStyle: "natural-paragraphs" },

  // Gemini image models take one image per request (the SDK refuses n > 1), so variants run concurrently.
  { providerId: "google", model: "gemini-2.5-flash-image", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "optional", textRendering: 2, quality: 4, latencySeconds: 8, priceUsd: 0.039, edit: { maxInputImages: 3, edits: true, mask: null }, promptStyle: "natural-paragraphs" },
  { providerId: "google", model: "imagen-4.0-generate-001", sizing: { kind: "aspectRatio", ratios: FIVE_RATIOS }, maxImagesPerCall: 4, maxImages: 4, seed: false, imageInput: "none", textRendering: 2, quality: 4, latencySeconds: 10, priceUsd: 0.04, promptStyle: "natural-paragraphs" },
  { providerId: "google", model: "imagen-4.0-fast-generate-001", sizing: { kind: "aspectRatio", ratios: FIVE_RATIOS }, maxImagesPerCall: 4, maxImages: 4, seed: false, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 5, priceUsd: 0.02, promptStyle: "natural-paragraphs" },

  // fal takes any width×height as `image_size: { width, height }`.
  { providerId: "fal", model: "fal-ai/flux/dev", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 1, quality: 4, latencySeconds: 5, priceUsd: 0.025, promptStyle: "natural-paragraphs" },
  { providerId: "fal", model: "fal-ai/flux/schnell", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 2, priceUsd: 0.003, promptStyle: "keywords" },
  { providerId: "fal", model: "fal-ai/flux-pro/v1.1", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 2, quality: 5, latencySeconds: 6, priceUsd: 0.04, promptStyle: "quoted-text" },
  // An edit endpoint: it needs `image_url`, so it serves only renders that carry a reference image.
  { providerId: "fal", model: "fal-ai/flux-pro/kontext", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "required", textRendering: 2, quality: 5, latencySeconds: 8, priceUsd: 0.04, edit: { maxInputImages: 1, edits: true, mask: null }, promptStyle: "quoted-text" },
  // Kontext with several images (the SDK sends `image_urls` when told to), and FLUX Fill: `image_url` + `mask_url`, white = the region.
  { providerId: "fal", model: "fal-ai/flux-pro/kontext/multi", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "required", textRendering: 2, quality: 5, latencySeconds: 9, priceUsd: 0.04, edit: { maxInputImages: 4, edits: true, mask: null, providerOptions: { fal: { useMultipleImages: true } } }, promptStyle: "quoted-text" },
  { providerId: "fal", model: "fal-ai/flux-pro/v1/fill", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "required", textRendering: 2, quality: 5, latencySeconds: 8, priceUsd: 0.05, edit: { maxInputImages: 1, edits: false, mask: "white", maskRequired: true }, promptStyle: "quoted-text" },

  { providerId: "replicate", model: "black-forest-labs/flux-schnell", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 3, priceUsd: 0.003, promptStyle: "keywords" },
  { providerId: "replicate", model: "black-forest-labs/flux-1.1-pro", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 2, quality: 5, latencySeconds: 8, priceUsd: 0.04, promptStyle: "quoted-text" },
  { providerId: "replicate", model: "ideogram-ai/ideogram-v3-turbo", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 3, quality: 4, latencySeconds: 8, priceUsd: 0.03, promptStyle: "quoted-text" },

  { providerId: "black-forest-labs", model: "flux-kontext-pro", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "optional", textRendering: 2, quality: 5, latencySeconds: 10, priceUsd: 0.04, edit: { maxInputImages: 4, edits: true, mask: null }, promptStyle: "quoted-text" },
  { providerId: "black-forest-labs", model: "flux-pro-1.1-ultra", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 2, quality: 5, latencySeconds: 12, priceUsd: 0.06, promptStyle: "quoted-text" },
  // FLUX.1 Fill: the image and a black-and-white mask (white = the region); it keeps the image's size.
  { providerId: "black-forest-labs", model: "flux-pro-1.0-fill", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "required", textRendering: 2, quality: 5, latencySeconds: 10, priceUsd: 0.05, edit: { maxInputImages: 1, edits: false, mask: "white", maskRequired: true }, promptStyle: "quoted-text" },
  { providerId: "black-forest-labs", model: "flux-pro-1.1", sizing: { kind: "pixels", longEdge: 1440, multiple: 32 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 2, quality: 5, latencySeconds: 8, priceUsd: 0.04, promptStyle: "quoted-text" },

  { providerId: "xai", model: "grok-imagine-image", sizing: { kind: "aspectRatio", ratios: ["1:1", "3:4", "4:3", "9:16", "16:9", "2:3", "3:2"] }, maxImagesPerCall: 3, maxImages: 4, seed: false, imageInput: "optional", textRendering: 2, quality: 4, latencySeconds: 10, priceUsd: 0.02, promptStyle: "natural-paragraphs" },

  { providerId: "togetherai", model: "black-forest-labs/FLUX.1-schnell", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 2, priceUsd: 0.0027, promptStyle: "keywords" },
  { providerId: "togetherai", model: "black-forest-labs/FLUX.1.1-pro", sizing: { kind: "pixels", longEdge: 1024, multiple: 16 }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 2, quality: 5, latencySeconds: 6, priceUsd: 0.04, promptStyle: "quoted-text" },

  { providerId: "fireworks", model: "accounts/fireworks/models/flux-1-schnell-fp8", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 2, priceUsd: 0.0014, promptStyle: "keywords" },
  { providerId: "fireworks", model: "accounts/fireworks/models/flux-1-dev-fp8", sizing: { kind: "aspectRatio", ratios: ALL_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: true, imageInput: "none", textRendering: 1, quality: 4, latencySeconds: 6, priceUsd: 0.014, promptStyle: "natural-paragraphs" },

  { providerId: "luma", model: "photon-1", sizing: { kind: "aspectRatio", ratios: FIVE_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: false, imageInput: "none", textRendering: 2, quality: 4, latencySeconds: 15, priceUsd: 0.015, promptStyle: "natural-paragraphs" },
  { providerId: "luma", model: "photon-flash-1", sizing: { kind: "aspectRatio", ratios: FIVE_RATIOS }, maxImagesPerCall: 1, maxImages: 4, seed: false, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 6, priceUsd: 0.004, promptStyle: "natural-paragraphs" },
] as const satisfies readonly ModelCapability[];

/** A gateway's model is unknown to the table: assume OpenAI's request shape and nothing more. */
export function gatewayCapability(input: { model: string; sizes: readonly Size[]; priceUsd: number | null }): ModelCapability {
  return { providerId: "openai-compatible", model: input.model, sizing: { kind: "sizes", sizes: input.sizes }, maxImagesPerCall: 1, maxImages: 4, seed: false, imageInput: "none", textRendering: 1, quality: 3, latencySeconds: 20, priceUsd: input.priceUsd, promptStyle: "natural-paragraphs" };
}

export function modelsOf(providerId: ProviderId): ModelCapability[] {
  return capabilities.filter((c) => c.providerId === providerId);
}

/**
 * The row for a provider's model. A model missing from the table (a newer one set through an
 * environment variable) borrows the provider's first row: same API shape, unknown strengths.
 */
export function capabilityFor(providerId: ProviderId, model: string): ModelCapability | undefined {
  const rows = modelsOf(providerId);
  const exact = rows.find((c) => c.model === model);
  if (exact) return exact;
  return rows[0] ? { ...rows[0], model } : undefined;
}

/** How prompts should be written for a model: its row's style, or natural paragraphs when the provider is unknown. */
export function promptStyleFor({ providerId, model }: { providerId: string; model: string }): PromptStyle {
  return capabilityFor(providerId as ProviderId, model)?.promptStyle ?? DEFAULT_PROMPT_STYLE;
}
