import "server-only";
import { generateImage, type GeneratedFile, type ImageModelProviderMetadata } from "ai";
import sharp from "sharp";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { promptSchema } from "@/lib/schemas/prompt";
import { generationParamsSchema, type GenerationParams } from "@/lib/schemas/params";
import { toProviderError } from "./errors";
import { seedFromPrompt } from "./local-renderer/local-image-model";
import { configuredProviders } from "./registry";
import { routeProvider } from "./route";
import type { ProviderEntry } from "./providers/types";

export { listProviders, type ProviderInfo } from "./registry";
export { describeParams } from "./describe";

export type RenderedImage = { bytes: Uint8Array; mediaType: string; width: number; height: number; providerRevisedPrompt?: string };

export type RenderResult = {
  providerId: string;
  providerLabel: string;
  model: string;
  /** The seed used, or null when the provider has no seeds (its images cannot be reproduced). */
  seed: number | null;
  images: RenderedImage[];
  warnings: string[];
  ms: number;
};

function resolveProvider(params: GenerationParams): ProviderEntry {
  const providers = configuredProviders();
  const id = routeProvider({ requested: params.providerId, candidates: providers });
  const provider = providers.find((p) => p.id === id);
  if (!provider) throw new LoupeError("provider_unavailable", { message: `The image provider “${params.providerId}” is not configured on this server.` });
  return provider;
}

function resolveModel(provider: ProviderEntry, requested: string | undefined): string {
  // A model chosen for another provider (say, under "auto") is not an error: use this provider's default.
  if (!requested || !provider.models.includes(requested)) return provider.defaultModel;
  return requested;
}

function revisedPrompts(metadata: ImageModelProviderMetadata, key: string): Array<string | undefined> {
  const images = (metadata[key] as { images?: unknown[] } | undefined)?.images ?? [];
  return images.map((entry) => {
    const revised = (entry as { revisedPrompt?: unknown } | null)?.revisedPrompt;
    return typeof revised === "string" && revised.trim() ? revised : undefined;
  });
}

async function toRenderedImage(file: GeneratedFile, revised: string | undefined): Promise<RenderedImage> {
  const bytes = file.uint8Array;
  // Dimensions come from the bytes, not from what was asked: providers snap sizes.
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) throw new LoupeError("provider_error", { message: "The image provider returned a file that is not an image." });
  return { bytes, mediaType: file.mediaType, width: meta.width, height: meta.height, ...(revised ? { providerRevisedPrompt: revised } : {}) };
}

function describeWarning(warning: { type: string; feature?: string; details?: string; message?: string }): string {
  if (warning.type === "other") return warning.message ?? "";
  return warning.details ? `${warning.feature}: ${warning.details}` : `${warning.feature} is not supported by this model.`;
}

/** Renders a prompt through the chosen (or routed) provider, via the AI SDK's generateImage. */
export async function render(input: { prompt: string; params: GenerationParams; signal?: AbortSignal }): Promise<RenderResult> {
  const prompt = promptSchema.parse(input.prompt);
  const params = generationParamsSchema.parse(input.params);
  const provider = resolveProvider(params);
  const model = resolveModel(provider, params.model);
  const seed = provider.supportsSeed ? (params.seed ?? seedFromPrompt(prompt)) : null;
  const call = provider.prepare({ model, params });
  const config = env();
  const timeout = AbortSignal.timeout(config.LOUPE_PROVIDER_TIMEOUT_MS);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const result = await generateImage({
      model: call.model,
      prompt,
      n: call.n,
      size: call.size,
      aspectRatio: call.aspectRatio,
      seed: seed ?? undefined,
      maxRetries: config.LOUPE_PROVIDER_MAX_RETRIES,
      abortSignal: signal,
    });
    const revised = revisedPrompts(result.providerMetadata, provider.metadataKey);
    const images = await Promise.all(result.images.map((file, i) => toRenderedImage(file, revised[i])));
    return {
      providerId: provider.id,
      providerLabel: provider.label,
      model,
      seed,
      images,
      warnings: [...call.warnings, ...result.warnings.map(describeWarning)].filter(Boolean),
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    throw toProviderError(error, { label: provider.label, timedOut: timeout.aborted, cancelled: input.signal?.aborted ?? false });
  }
}
