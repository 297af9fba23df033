import "server-only";
import { generateImage, type GeneratedFile, type ImageModelProviderMetadata } from "ai";
import sharp from "sharp";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { promptSchema } from "@/lib/schemas/prompt";
import { generationParamsSchema, type GenerationParams } from "@/lib/schemas/params";
import { failureReason, toProviderError } from "./errors";
import { seedFromPrompt } from "./local-renderer/local-image-model";
import { configuredProviders, routeCandidates } from "./registry";
import { fallbackChain, routeAuto, routeExplicit, type Route } from "./route";
import { capabilityFor } from "./capabilities";
import { translateParams } from "./translate";
import type { ProviderEntry } from "./providers/types";

export { listProviders, type ProviderInfo } from "./registry";
export { describeParams } from "./describe";
export { capabilities, type ModelCapability } from "./capabilities";

export type RenderedImage = { bytes: Uint8Array; mediaType: string; width: number; height: number; providerRevisedPrompt?: string };

export type RenderResult = {
  providerId: string;
  providerLabel: string;
  model: string;
  /** The seed used, or null when the provider has no seeds (its images cannot be reproduced). */
  seed: number | null;
  images: RenderedImage[];
  /** How the request was adapted to the model (size snapped, n clamped, seed ignored…). */
  warnings: string[];
  /** What happened on the way: "fell back from OpenAI to Local renderer: timeout". */
  notes: string[];
  /** Why this provider served the render: Auto's one-line reason, or "chosen by the designer". */
  routeReason: string;
  /** List price of the images from the capability table; null when unknown. */
  costUsd: number | null;
  /** Time of the successful call only (fallback attempts are in `notes`). */
  ms: number;
};

type Attempt = Omit<RenderResult, "notes" | "routeReason">;

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

/** Some SDKs warn about an option that was not sent (Together flags `aspectRatio` when given a size); that is noise to the designer. */
function aboutUnsentOption(warning: { type: string; feature?: string }, call: { size?: string; aspectRatio?: string }): boolean {
  if (warning.type !== "unsupported") return false;
  return (warning.feature === "aspectRatio" && call.aspectRatio === undefined) || (warning.feature === "size" && call.size === undefined);
}

async function attempt(input: { provider: ProviderEntry; model: string; prompt: string; params: GenerationParams; signal?: AbortSignal }): Promise<Attempt> {
  const { provider, model, prompt, params } = input;
  const capability = capabilityFor(provider.id, model) ?? provider.capabilities[0]!;
  const call = translateParams({ capability, params });
  const seed = call.sendSeed ? (params.seed ?? seedFromPrompt(prompt)) : null;
  const config = env();
  // The timeout guards network calls; the Local renderer is in-process and bounded, and is the last resort.
  const timeout = provider.local ? new AbortController().signal : AbortSignal.timeout(config.LOUPE_PROVIDER_TIMEOUT_MS);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const result = await generateImage({
      model: provider.imageModel(model),
      prompt,
      n: call.n,
      maxImagesPerCall: capability.maxImagesPerCall,
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
      warnings: [...call.warnings, ...result.warnings.filter((w) => !aboutUnsentOption(w, call)).map(describeWarning)].filter(Boolean),
      costUsd: capability.priceUsd === null ? null : Math.round(capability.priceUsd * images.length * 10_000) / 10_000,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    throw toProviderError(error, { label: provider.label, timedOut: timeout.aborted, cancelled: input.signal?.aborted ?? false });
  }
}

function plan(input: { prompt: string; params: GenerationParams; providers: ProviderEntry[] }): Route[] {
  const { params, providers } = input;
  const candidates = routeCandidates(providers);
  const defaults = Object.fromEntries(providers.map((p) => [p.id, p.defaultModel]));
  const auto = params.providerId === "auto";
  const first = auto
    ? routeAuto({ prompt: input.prompt, n: params.n, candidates })
    : routeExplicit({ providerId: params.providerId, model: params.model, candidates, defaults });
  if (!first) throw new LoupeError("provider_unavailable", { message: `The image provider “${params.providerId}” is not configured on this server.` });
  return [first, ...fallbackChain({ first, auto, candidates, defaults, maxFallbacks: env().LOUPE_PROVIDER_FALLBACKS })];
}

/**
 * Renders a prompt through the chosen (or routed) provider via the AI SDK's generateImage.
 * When a provider fails or times out, the next one in the fallback chain is tried and the
 * switch is recorded in `notes`; a cancel stops at once. If every attempt fails, the first
 * failure is thrown (it is the one about the provider the designer asked for).
 */
export async function render(input: { prompt: string; params: GenerationParams; signal?: AbortSignal }): Promise<RenderResult> {
  const prompt = promptSchema.parse(input.prompt);
  const params = generationParamsSchema.parse(input.params);
  const providers = configuredProviders();
  const routes = plan({ prompt, params, providers });
  const notes: string[] = [];
  const failures: LoupeError[] = [];
  for (const [i, route] of routes.entries()) {
    const provider = providers.find((p) => p.id === route.providerId)!;
    try {
      const result = await attempt({ provider, model: route.model, prompt, params, signal: input.signal });
      return { ...result, notes, routeReason: routes[0]!.reason };
    } catch (error) {
      const failure = error instanceof LoupeError ? error : toProviderError(error, { label: provider.label, timedOut: false, cancelled: false });
      if (input.signal?.aborted) throw failure;
      failures.push(failure);
      const next = routes[i + 1];
      if (next) notes.push(`fell back from ${provider.label} to ${providers.find((p) => p.id === next.providerId)!.label}: ${failureReason(failure)}`);
    }
  }
  throw allFailed(failures);
}

function allFailed(failures: LoupeError[]): LoupeError {
  const [first, ...rest] = failures;
  if (rest.length === 0) return first!;
  const others = rest.map((f) => f.message.replace(/\.$/, "")).join("; ");
  return new LoupeError(first!.code, { message: `${first!.message} Fallbacks failed too: ${others}.`, retryable: first!.retryable, retryAfterSeconds: first!.retryAfterSeconds, cause: first });
}
