import "server-only";
import { InvalidArgumentError, type ImageModelV3, type ImageModelV3CallOptions, type SharedV3Warning } from "@ai-sdk/provider";
import { MAX_SEED } from "@/lib/schemas/params";
import { prepareLocalEdit, readLocalEdit, renderLocalEdit } from "../local-edit/local-edit";
import { hashString } from "./random";
import { renderPoster } from "./render-poster";

export const LOCAL_PROVIDER = "loupe.local";
export const LOCAL_MODEL_ID = "poster-v1";
export const LOCAL_MAX_IMAGES = 4;
const LONG_EDGE = 1024;
const MAX_EDGE = 2048;
const MIN_EDGE = 64;

type Size = { width: number; height: number };

/** Pixel size for a call: an explicit `WxH`, else the aspect ratio at 1024 px on the long edge. */
export function localImageSize(options: { size?: string; aspectRatio?: string }): Size {
  const clamp = (v: number) => Math.min(MAX_EDGE, Math.max(MIN_EDGE, Math.round(v)));
  const size = options.size?.match(/^(\d+)x(\d+)$/);
  if (size) return { width: clamp(Number(size[1])), height: clamp(Number(size[2])) };
  const ratio = options.aspectRatio?.match(/^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/);
  if (ratio) {
    const w = Number(ratio[1]);
    const h = Number(ratio[2]);
    if (w > 0 && h > 0) return w >= h ? { width: LONG_EDGE, height: clamp((LONG_EDGE * h) / w) } : { width: clamp((LONG_EDGE * w) / h), height: LONG_EDGE };
  }
  return { width: LONG_EDGE, height: LONG_EDGE };
}

/** A seed from the prompt text, so an unseeded render is still reproducible. */
export function seedFromPrompt(prompt: string): number {
  return hashString(prompt) % (MAX_SEED + 1);
}

function callWarnings(options: ImageModelV3CallOptions): SharedV3Warning[] {
  const warnings: SharedV3Warning[] = [];
  if (options.size && options.aspectRatio) warnings.push({ type: "other", message: "Both size and aspect ratio were given; the local renderer used the size." });
  return warnings;
}

/**
 * Settles with the work, or rejects as soon as the signal fires: a cancelled render answers at
 * once instead of after the poster in progress (whose result is then dropped).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * The Local renderer as an AI SDK image model: `generateImage` drives it exactly like a
 * remote provider. Deterministic: the same prompt, seed and size give the same PNG bytes.
 */
export function createLocalImageModel(modelId: string = LOCAL_MODEL_ID): ImageModelV3 {
  return {
    specificationVersion: "v3",
    provider: LOCAL_PROVIDER,
    modelId,
    maxImagesPerCall: LOCAL_MAX_IMAGES,
    async doGenerate(options) {
      const prompt = options.prompt?.trim();
      if (!prompt) throw new InvalidArgumentError({ argument: "prompt", message: "The local renderer needs a text prompt." });
      options.abortSignal?.throwIfAborted();
      const warnings = callWarnings(options);
      const { width, height } = localImageSize({ size: options.size, aspectRatio: options.aspectRatio });
      const seed = options.seed ?? seedFromPrompt(prompt);
      // An input image, a painted region or a moodboard: see lib/generation/local-edit/.
      const edit = readLocalEdit(options);
      if (edit) return generateEdit({ options, edit, prompt, seed, width, height, warnings, modelId });
      const images: Uint8Array[] = [];
      const metadata: Array<{ seed: number; width: number; height: number; recognized: string[] }> = [];
      const missing = new Set<string>();
      for (let i = 0; i < options.n; i++) {
        const imageSeed = (seed + i) % (MAX_SEED + 1);
        const poster = await untilAborted(renderPoster({ prompt, seed: imageSeed, width, height }), options.abortSignal);
        images.push(poster.png);
        metadata.push({ seed: imageSeed, width, height, recognized: poster.design.recognized });
        poster.missingGlyphs.forEach((c) => missing.add(c));
      }
      if (missing.size > 0) {
        warnings.push({ type: "other", message: `The local renderer's fonts have no glyph for ${[...missing].map((c) => `“${c}”`).join(" ")}; those characters were left out of the headline.` });
      }
      return {
        images,
        warnings,
        providerMetadata: { local: { images: metadata } },
        response: { timestamp: new Date(), modelId, headers: undefined },
      };
    },
  };
}

type EditCall = { modelId: string; options: ImageModelV3CallOptions; edit: NonNullable<ReturnType<typeof readLocalEdit>>; prompt: string; seed: number; width: number; height: number; warnings: SharedV3Warning[] };

/** Edits on the Local renderer: every variant starts from the same decoded input, each with its own seed. */
async function generateEdit({ modelId, options, edit, prompt, seed, width, height, warnings }: EditCall) {
  const prepared = await untilAborted(prepareLocalEdit(edit), options.abortSignal);
  const images: Uint8Array[] = [];
  const metadata: Array<{ seed: number; width: number; height: number; did: string[]; moodboard: string[] }> = [];
  const missing = new Set<string>();
  for (let i = 0; i < options.n; i++) {
    const imageSeed = (seed + i) % (MAX_SEED + 1);
    const result = await untilAborted(renderLocalEdit({ prepared, prompt, seed: imageSeed, width, height }), options.abortSignal);
    images.push(result.png);
    metadata.push({ seed: imageSeed, width: result.width, height: result.height, did: result.did, moodboard: result.notes });
    result.missing.forEach((c) => missing.add(c));
  }
  if (missing.size > 0) warnings.push({ type: "other", message: `The local renderer's fonts have no glyph for ${[...missing].map((c) => `“${c}”`).join(" ")}; those characters were left out.` });
  return { images, warnings, providerMetadata: { local: { images: metadata } }, response: { timestamp: new Date(), modelId, headers: undefined } };
}
