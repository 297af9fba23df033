import "server-only";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvalidArgumentError, type Experimental_VideoModelV3 as VideoModelV3, type Experimental_VideoModelV3CallOptions as VideoModelV3CallOptions, type Experimental_VideoModelV3File as VideoModelV3File, type SharedV3Warning } from "@ai-sdk/provider";
import { MAX_SEED } from "@/lib/schemas/params";
import { seedFromPrompt } from "../local-renderer/local-image-model";
import { drawFrame, motionFor, rasteriseScene, rasteriseStill, type ClipLayers } from "./scene-clip";
import { createWebmWriter } from "./webm-vp8";

export const LOCAL_VIDEO_PROVIDER = "loupe.local-video";
export const LOCAL_VIDEO_MODEL_ID = "motion-v1";
export const LOCAL_VIDEO_FPS = 24;
export const LOCAL_VIDEO_MAX_SECONDS = 15;
export const LOCAL_VIDEO_DEFAULT_SECONDS = 5;
/** The short edge of the default size (480p): a 5 s clip renders in a few seconds on one core. */
export const LOCAL_VIDEO_SHORT_EDGE = 480;
const MAX_EDGE = 1920;
const MIN_EDGE = 64;

type Size = { width: number; height: number };

/** Even sizes: every encoder and player handles them, and 4:2:0 chroma needs them. */
const even = (value: number) => Math.max(MIN_EDGE, Math.min(MAX_EDGE, Math.round(value / 2) * 2));

/** Pixel size of a clip: an explicit `WxH` resolution, else the aspect ratio at `shortEdge`. */
export function localVideoSize(options: { resolution?: string; aspectRatio?: string; shortEdge?: number }): Size {
  const size = options.resolution?.match(/^(\d+)x(\d+)$/);
  if (size) return { width: even(Number(size[1])), height: even(Number(size[2])) };
  const short = options.shortEdge ?? LOCAL_VIDEO_SHORT_EDGE;
  const ratio = options.aspectRatio?.match(/^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/);
  const [w, h] = ratio && Number(ratio[1]) > 0 && Number(ratio[2]) > 0 ? [Number(ratio[1]), Number(ratio[2])] : [16, 9];
  return w >= h ? { width: even((short * w) / h), height: even(short) } : { width: even(short), height: even((short * h) / w) };
}

function callWarnings(options: VideoModelV3CallOptions): SharedV3Warning[] {
  const warnings: SharedV3Warning[] = [];
  if (options.fps !== undefined && options.fps !== LOCAL_VIDEO_FPS) warnings.push({ type: "unsupported", feature: "fps", details: `The Local video renderer draws ${LOCAL_VIDEO_FPS} frames a second.` });
  if (options.generateAudio) warnings.push({ type: "unsupported", feature: "generateAudio", details: "The Local video renderer makes silent clips." });
  if (options.frameImages?.some((f) => f.frameType === "last_frame")) warnings.push({ type: "unsupported", feature: "frameImages", details: "The Local video renderer takes a first frame only; the last frame was ignored." });
  if (options.inputReferences?.length) warnings.push({ type: "unsupported", feature: "inputReferences", details: "The Local video renderer draws from the prompt; reference inputs were ignored." });
  if (options.duration !== undefined && (options.duration < 1 || options.duration > LOCAL_VIDEO_MAX_SECONDS)) warnings.push({ type: "other", message: `Clips are 1–${LOCAL_VIDEO_MAX_SECONDS} s; the duration was clamped.` });
  return warnings;
}

function startImage(options: VideoModelV3CallOptions): VideoModelV3File | undefined {
  return options.frameImages?.find((f) => f.frameType === "first_frame")?.image ?? options.image;
}

function imageBytes(file: VideoModelV3File): Uint8Array {
  if (file.type === "url") throw new InvalidArgumentError({ argument: "image", message: "The Local video renderer needs the first frame's bytes, not a URL." });
  return typeof file.data === "string" ? new Uint8Array(Buffer.from(file.data, "base64")) : file.data;
}

/**
 * Renders a clip to a WebM file in a private temporary folder and returns its bytes (a few
 * hundred kB per second), removing the folder either way. Frames are drawn one at a time.
 */
async function renderClip(input: { layers: ClipLayers; prompt: string; seed: number; duration: number; signal?: AbortSignal }): Promise<{ bytes: Uint8Array; frames: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), "loupe-local-video-"));
  const { width, height } = input.layers;
  const frames = Math.max(1, Math.round(input.duration * LOCAL_VIDEO_FPS));
  const motion = motionFor({ prompt: input.prompt, seed: input.seed });
  try {
    const writer = await createWebmWriter({ path: path.join(dir, "clip.webm"), width, height, fps: LOCAL_VIDEO_FPS });
    try {
      for (let k = 0; k < frames; k++) {
        input.signal?.throwIfAborted();
        const out = new Uint8Array(width * height * 3);
        drawFrame({ layers: input.layers, motion, t: k / LOCAL_VIDEO_FPS, duration: input.duration, out });
        await writer.add(out);
      }
      await writer.finish();
    } catch (error) {
      await writer.cancel().catch(() => undefined);
      throw error;
    }
    return { bytes: new Uint8Array(await readFile(path.join(dir, "clip.webm"))), frames };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The Local video renderer as an AI SDK video model: `experimental_generateVideo` drives it
 * like a remote provider. It animates the Local renderer's scene (camera push-in and pan, the
 * subject floating against the backdrop, the headline wiped in); with a first-frame image it
 * animates that image instead, starting on its exact pixels. Deterministic: the same prompt,
 * seed, size and duration give the same WebM bytes.
 */
export function createLocalVideoModel(modelId: string = LOCAL_VIDEO_MODEL_ID): VideoModelV3 {
  return {
    specificationVersion: "v3",
    provider: LOCAL_VIDEO_PROVIDER,
    modelId,
    maxVideosPerCall: 1,
    async doGenerate(options) {
      const prompt = options.prompt?.trim() ?? "";
      const image = startImage(options);
      if (!prompt && !image) throw new InvalidArgumentError({ argument: "prompt", message: "The Local video renderer needs a text prompt or a first frame." });
      options.abortSignal?.throwIfAborted();
      const warnings = callWarnings(options);
      const { width, height } = localVideoSize({ resolution: options.resolution, aspectRatio: options.aspectRatio === "adaptive" ? undefined : options.aspectRatio });
      const duration = Math.min(LOCAL_VIDEO_MAX_SECONDS, Math.max(1, options.duration ?? LOCAL_VIDEO_DEFAULT_SECONDS));
      const seed = (options.seed ?? seedFromPrompt(prompt || "image")) % (MAX_SEED + 1);
      const layers = image ? await rasteriseStill({ image: imageBytes(image), width, height }) : await rasteriseScene({ prompt, seed, width, height });
      if (layers.missingGlyphs.length > 0) {
        warnings.push({ type: "other", message: `The local renderer's fonts have no glyph for ${layers.missingGlyphs.map((c) => `“${c}”`).join(" ")}; those characters were left out of the headline.` });
      }
      const clip = await renderClip({ layers, prompt, seed, duration, signal: options.abortSignal });
      return {
        videos: [{ type: "binary", data: clip.bytes, mediaType: "video/webm" }],
        warnings,
        providerMetadata: { local: { videos: [{ seed, width, height, fps: LOCAL_VIDEO_FPS, duration, frames: clip.frames, firstFrame: image ? "input image" : "scene", recognized: layers.design?.recognized ?? [] }] } },
        response: { timestamp: new Date(), modelId, headers: undefined },
      };
    },
  };
}
