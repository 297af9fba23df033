import "server-only";
import type { SharedV3ProviderOptions } from "@ai-sdk/provider";
import { generateImage, type GeneratedFile, type ImageModelProviderMetadata } from "ai";
import sharp from "sharp";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { promptSchema } from "@/lib/schemas/prompt";
import { generationParamsSchema, MAX_SEED, type GenerationParams } from "@/lib/schemas/params";
import { failureReason, toProviderError } from "./errors";
import { seedFromPrompt } from "./local-renderer/local-image-model";
import { configuredProviders } from "./registry";
import { compareRoutes, planRoutes } from "./plan";
import { referencedPrompt, type RenderReference } from "./reference";
import type { Route } from "./route";
import { capabilityFor, type ModelCapability } from "./capabilities";
import { editPrompt, fitToInput, type EditPrompt } from "./edit/send";
import { prepareEdit, type PreparedEdit, type RenderEdit } from "./edit/prepare";
import type { EditNeeds } from "./edit/fit";
import { translateParams } from "./translate";
import { withProviderSlot } from "./provider-slots";
import type { ProviderEntry } from "./providers/types";

export { listProviders, type ProviderInfo } from "./registry";
export { capabilities, promptStyleFor, type ModelCapability } from "./capabilities";
export type { RenderReference } from "./reference";
export { estimateRenderUsd } from "./estimate";
export type { RenderEdit } from "./edit/prepare";
export { needsOf, type EditNeeds } from "./edit/fit";
export { EditError } from "@/lib/images/edit-errors";

export type RenderedImage = {
  /** Which variant this is (0-based), whatever order the calls finished in. */
  index: number;
  bytes: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
  providerRevisedPrompt?: string;
  /** Who made this image: variants may come from different providers after a fallback, or in compare mode. */
  providerId: string;
  providerLabel: string;
  model: string;
  seed: number | null;
  /** Time of this image's own call. */
  ms: number;
  costUsd: number | null;
};

export type RenderResult = {
  providerId: string;
  providerLabel: string;
  model: string;
  /** The seed used, or null when the provider has no seeds (its images cannot be reproduced). */
  seed: number | null;
  /** The images that arrived, in variant order. */
  images: RenderedImage[];
  /** How the request was adapted to the model (size snapped, n clamped, seed ignored…). */
  warnings: string[];
  /** What happened on the way: "fell back from OpenAI to Local renderer: timeout". */
  notes: string[];
  /** Why this provider served the render: Auto's one-line reason, or "chosen by the designer". */
  routeReason: string;
  /** List price of the images from the capability table; null when unknown. */
  costUsd: number | null;
  /** Wall time of the whole render: variants run concurrently, so close to the slowest call. */
  ms: number;
  /** How many images were asked for (after clamping to the model's limit). */
  requested: number;
  /** True when the designer cancelled; `images` holds those that had already arrived. */
  cancelled: boolean;
};

export type RenderInput = {
  prompt: string;
  params: GenerationParams;
  signal?: AbortSignal;
  /** A reference image: sent as an image to models that take one, as its description to the rest (see reference.ts). */
  reference?: RenderReference;
  /**
   * An image to continue from, a region painted on it, a moodboard (lib/generation/edit/):
   * routed only to models that can take them, and checked before any call. Not with `reference`.
   */
  edit?: RenderEdit;
  /** Called as each image arrives (before the others finish), so the caller can store it at once. */
  onImage?: (image: RenderedImage) => Promise<void> | void;
};

function revisedPrompt(metadata: ImageModelProviderMetadata, key: string): string | undefined {
  const entry = ((metadata[key] as { images?: unknown[] } | undefined)?.images ?? [])[0];
  const revised = (entry as { revisedPrompt?: unknown } | null | undefined)?.revisedPrompt;
  return typeof revised === "string" && revised.trim() ? revised : undefined;
}

/**
 * The file's bytes. The AI SDK's `uint8Array` decodes base64 with atob and a per-byte loop
 * (~20 ms for a 2 MB render); Node's decoder takes ~3 ms. Providers that answer with base64
 * (OpenAI's b64_json) hold only the string until someone asks for bytes.
 */
function fileBytes(file: GeneratedFile): Uint8Array {
  const held = file as GeneratedFile & { uint8ArrayData?: Uint8Array; base64Data?: string };
  if (held.uint8ArrayData === undefined && typeof held.base64Data === "string") {
    const buffer = Buffer.from(held.base64Data, "base64");
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  return file.uint8Array;
}

async function imageFacts(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  // Dimensions come from the bytes, not from what was asked: providers snap sizes.
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) throw new LoupeError("provider_error", { message: "The image provider returned a file that is not an image." });
  return { width: meta.width, height: meta.height };
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

type Call = ReturnType<typeof translateParams>;
type Variant = { provider: ProviderEntry; model: string; capability: ModelCapability; call: Call; prompt: string | EditPrompt; providerOptions?: SharedV3ProviderOptions; index: number; seed: number | null; signal?: AbortSignal };

/** One image, one request: variants are separate calls so each can arrive, be stored and survive a cancel on its own. */
async function renderVariant(input: Variant): Promise<{ image: RenderedImage; warnings: string[] }> {
  const { provider, model, capability, call } = input;
  const config = env();
  // The timeout guards network calls; the Local renderer is in-process and bounded, and is the last resort.
  const timeout = provider.local ? new AbortController().signal : AbortSignal.timeout(config.LOUPE_PROVIDER_TIMEOUT_MS);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const result = await generateImage({
      model: provider.imageModel(model),
      prompt: input.prompt,
      n: 1,
      size: call.size,
      aspectRatio: call.aspectRatio,
      seed: input.seed ?? undefined,
      providerOptions: input.providerOptions,
      maxRetries: config.LOUPE_PROVIDER_MAX_RETRIES,
      abortSignal: signal,
    });
    const file = result.images[0];
    if (!file) throw new LoupeError("provider_error", { message: `${provider.label} returned no image.`, retryable: true });
    const revised = revisedPrompt(result.providerMetadata, provider.metadataKey);
    const bytes = fileBytes(file);
    const image: RenderedImage = {
      index: input.index,
      bytes,
      mediaType: file.mediaType,
      ...(await imageFacts(bytes)),
      ...(revised ? { providerRevisedPrompt: revised } : {}),
      providerId: provider.id,
      providerLabel: provider.label,
      model,
      seed: input.seed,
      ms: Math.round(performance.now() - started),
      costUsd: capability.priceUsd,
    };
    return { image, warnings: result.warnings.filter((w) => !aboutUnsentOption(w, call)).map(describeWarning).filter(Boolean) };
  } catch (error) {
    throw toProviderError(error, { label: provider.label, timedOut: timeout.aborted, cancelled: input.signal?.aborted ?? false });
  }
}

/** `note` says how a reference reached this route's model (as an image, or as words), when there is one. */
type Batch = { images: RenderedImage[]; failed: Array<{ index: number; error: LoupeError }>; warnings: string[]; note?: string };

/** Renders the given variant slots on one route, all at once; each image is handed to `onImage` as it lands. */
async function renderBatch(input: { provider: ProviderEntry; route: Route; prompt: string; params: GenerationParams; slots: number[]; baseSeed: number; signal?: AbortSignal; reference?: RenderReference; edit?: PreparedEdit; onImage?: RenderInput["onImage"] }): Promise<Batch> {
  const { provider, route, edit } = input;
  const capability = capabilityFor(provider.id, route.model) ?? provider.capabilities[0]!;
  const call = translateParams({ capability, params: { ...input.params, n: input.slots.length } });
  const slots = input.slots.slice(0, call.n);
  const sent: { prompt: string | EditPrompt; note?: string; providerOptions?: SharedV3ProviderOptions } = edit
    ? await editPrompt({ prompt: input.prompt, edit, capability, label: provider.label, local: provider.local })
    : input.reference
      ? referencedPrompt({ prompt: input.prompt, reference: input.reference, capability, label: provider.label })
      : { prompt: input.prompt, note: undefined };
  const batch: Batch = { images: [], failed: [], warnings: [...call.warnings], note: sent.note };
  await Promise.all(
    slots.map(async (index) => {
      // Seeded models get seed, seed+1, … so variants differ and each one can be reproduced.
      const seed = call.sendSeed ? (input.baseSeed + index) % (MAX_SEED + 1) : null;
      try {
        const rendered = await withProviderSlot(provider.id, () => renderVariant({ provider, model: route.model, capability, call, prompt: sent.prompt, providerOptions: sent.providerOptions, index, seed, signal: input.signal }));
        const warnings = rendered.warnings;
        // The Local renderer honours the input itself; a provider's answer is fitted to the input here.
        const image = edit && !provider.local ? await fitToInput({ image: rendered.image, edit }) : rendered.image;
        // An image that made it is kept even if a cancel lands now: it is paid for and stored.
        await input.onImage?.(image);
        batch.images.push(image);
        batch.warnings.push(...warnings);
      } catch (error) {
        batch.failed.push({ index, error: error instanceof LoupeError ? error : toProviderError(error, { label: provider.label, timedOut: false, cancelled: false }) });
      }
    }),
  );
  return batch;
}

function unavailable(providerId: string): LoupeError {
  return new LoupeError("provider_unavailable", { message: `The image provider “${providerId}” is not configured on this server.` });
}

function summarise(input: { images: RenderedImage[]; serving: { provider: ProviderEntry; model: string; seed: number | null }; started: number }) {
  const images = [...input.images].sort((a, b) => a.index - b.index);
  const prices = images.map((i) => i.costUsd);
  const costUsd = prices.length > 0 && prices.every((p) => p !== null) ? Math.round(prices.reduce((sum, p) => sum + p!, 0) * 10_000) / 10_000 : prices.length === 0 ? 0 : null;
  const head = images[0];
  return {
    providerId: head?.providerId ?? input.serving.provider.id,
    providerLabel: head?.providerLabel ?? input.serving.provider.label,
    model: head?.model ?? input.serving.model,
    seed: input.serving.seed,
    images,
    costUsd,
    ms: Math.round(performance.now() - input.started),
  };
}

/**
 * Throws `provider_unavailable` when no configured provider can take the render (an unknown or
 * unconfigured id, or a Compare column without one) — the same refusal `render` would make, but
 * before the caller has created anything for it.
 */
export function checkRenderable({ prompt, params, reference, needs }: { prompt: string; params: GenerationParams; reference: boolean; needs?: EditNeeds }): void {
  const providers = configuredProviders();
  if (params.compare) {
    // An explicit column that cannot take the edit throws its EditError here, before anything is made.
    const columns = compareRoutes({ providerIds: params.compare, providers, reference, needs });
    const missing = columns.findIndex((route) => route === undefined);
    if (missing >= 0) throw unavailable(params.compare[missing]!);
    return;
  }
  if (!planRoutes({ prompt, params, providers, reference, needs })) throw unavailable(params.providerId);
}

/**
 * Renders a prompt through the chosen (or routed) provider via the AI SDK's generateImage, one
 * concurrent call per variant. Variants that fail move to the next provider in the fallback
 * chain, and the switch is recorded in `notes`. A cancel stops every call at once and keeps the
 * images that already arrived. If nothing could be rendered, the first failure is thrown (it is
 * the one about the provider the designer asked for). With `params.compare`, see renderCompare.
 */
export async function render(input: RenderInput): Promise<RenderResult> {
  const prompt = promptSchema.parse(input.prompt);
  const parsed = generationParamsSchema.parse(input.params);
  if (input.edit && input.reference) throw new LoupeError("bad_request", { message: "Send the reference as part of the moodboard (edit.references), not beside it." });
  const edit = input.edit ? await prepareEdit(input.edit) : undefined;
  // An edit keeps the input image's shape: every model is asked for the nearest it offers.
  const params = edit?.aspectRatio ? { ...parsed, aspectRatio: edit.aspectRatio } : parsed;
  if (params.compare) return renderCompare({ ...input, prompt, params, providerIds: params.compare, prepared: edit });
  const providers = configuredProviders();
  const routes = planRoutes({ prompt, params, providers, reference: input.reference !== undefined, needs: edit?.needs });
  if (!routes) throw unavailable(params.providerId);
  const provider = (id: string) => providers.find((p) => p.id === id)!;
  const baseSeed = params.seed ?? seedFromPrompt(prompt);
  const started = performance.now();
  const firstCapability = capabilityFor(provider(routes[0]!.providerId).id, routes[0]!.model) ?? provider(routes[0]!.providerId).capabilities[0]!;
  const requested = Math.min(params.n, firstCapability.maxImages);
  // The clamp to the first model's limit is explained once here; each batch explains its own shape.
  const clamped = translateParams({ capability: firstCapability, params }).warnings;
  let pending = Array.from({ length: requested }, (_, i) => i);
  const images: RenderedImage[] = [];
  const warnings: string[] = [...clamped];
  const notes: string[] = [];
  const failures: LoupeError[] = [];
  let serving = { provider: provider(routes[0]!.providerId), model: routes[0]!.model, seed: firstCapability.seed ? baseSeed : null };
  for (const [i, route] of routes.entries()) {
    if (pending.length === 0 || input.signal?.aborted) break;
    const current = provider(route.providerId);
    const batch = await renderBatch({ provider: current, route, prompt, params, slots: pending, baseSeed, signal: input.signal, reference: input.reference, edit, onImage: input.onImage });
    if (batch.note) notes.push(batch.note);
    if (batch.images.length > 0 && images.length === 0) serving = { provider: current, model: route.model, seed: capabilityFor(current.id, route.model)?.seed ? baseSeed : null };
    images.push(...batch.images);
    warnings.push(...batch.warnings);
    pending = batch.failed.map((f) => f.index).sort((a, b) => a - b);
    const failure = batch.failed[0]?.error;
    if (!failure || input.signal?.aborted) break;
    failures.push(failure);
    const next = routes[i + 1];
    const part = batch.images.length > 0 ? ` for ${pending.length} of ${pending.length + batch.images.length} variants` : "";
    if (next) notes.push(`fell back from ${current.label} to ${provider(next.providerId).label}${part}: ${failureReason(failure)}`);
    else if (images.length > 0) notes.push(`${pending.length} of ${requested} variants failed: ${failure.message}`);
  }
  const cancelled = input.signal?.aborted === true && images.length < requested;
  if (images.length === 0 && !cancelled) throw allFailed(failures);
  return { ...summarise({ images, serving, started }), warnings: [...new Set(warnings)], notes, routeReason: routes[0]!.reason, requested, cancelled };
}

/**
 * Compare mode: one image of the same prompt from each chosen provider, all at once. No
 * fallback here — a column that fails says so, since swapping in another provider would defeat
 * the comparison. Variant i is the i-th provider of the list.
 */
async function renderCompare(input: RenderInput & { prompt: string; params: GenerationParams; providerIds: string[]; prepared?: PreparedEdit }): Promise<RenderResult> {
  const providers = configuredProviders();
  const columns = compareRoutes({ providerIds: input.providerIds, providers, reference: input.reference !== undefined, needs: input.prepared?.needs });
  const routes = columns.map((route, index) => route ?? unavailable(input.providerIds[index]!));
  const missing = routes.find((r): r is LoupeError => r instanceof LoupeError);
  if (missing) throw missing;
  const started = performance.now();
  const baseSeed = input.params.seed ?? seedFromPrompt(input.prompt);
  const batches = await Promise.all(
    (routes as Route[]).map((route, index) => {
      const provider = providers.find((p) => p.id === route.providerId)!;
      // The same seed for every column (where seeds exist), so the comparison is of models, not luck:
      // renderBatch adds the slot index, so it is taken off here.
      return renderBatch({ provider, route, prompt: input.prompt, params: { ...input.params, compare: undefined }, slots: [index], baseSeed: (baseSeed - index + MAX_SEED + 1) % (MAX_SEED + 1), signal: input.signal, reference: input.reference, edit: input.prepared, onImage: input.onImage }).then((batch) => ({ provider, batch }));
    }),
  );
  const images = batches.flatMap((b) => b.batch.images);
  const notes = batches.flatMap(({ provider, batch }) => [...(batch.note ? [batch.note] : []), ...batch.failed.map((f) => `${provider.label} failed: ${f.error.message}`)]);
  const cancelled = input.signal?.aborted === true && images.length < routes.length;
  if (images.length === 0 && !cancelled) throw allFailed(batches.flatMap((b) => b.batch.failed.map((f) => f.error)));
  const first = batches[0]!;
  const serving = { provider: first.provider, model: (routes[0] as Route).model, seed: capabilityFor(first.provider.id, (routes[0] as Route).model)?.seed ? baseSeed : null };
  const warnings = batches.flatMap(({ provider, batch }) => batch.warnings.map((w) => `${provider.label}: ${w}`));
  return { ...summarise({ images, serving, started }), warnings: [...new Set(warnings)], notes, routeReason: "chosen by the designer", requested: routes.length, cancelled };
}

function allFailed(failures: LoupeError[]): LoupeError {
  const [first, ...rest] = failures;
  if (rest.length === 0) return first!;
  const others = rest.map((f) => f.message.replace(/\.$/, "")).join("; ");
  return new LoupeError(first!.code, { message: `${first!.message} Fallbacks failed too: ${others}.`, retryable: first!.retryable, retryAfterSeconds: first!.retryAfterSeconds, cause: first });
}
