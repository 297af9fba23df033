import "server-only";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AISDKError } from "@ai-sdk/provider";
import { experimental_generateVideo as generateVideo, NoVideoGeneratedError, type GeneratedFile } from "ai";
import { withProviderSlot } from "../provider-slots";
import { env, type Env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { MediaError } from "@/lib/media/errors";
import { checkDecodes, probeVideo, type VideoFacts } from "@/lib/media/probe";
import { promptSchema } from "@/lib/schemas/prompt";
import { videoParamsSchema, type VideoParams } from "@/lib/schemas/video";
import { createSafeFetch, policyFromEnv } from "@/lib/security/safe-fetch";
import { toProviderError } from "../errors";
import { seedFromPrompt } from "../local-renderer/local-image-model";
import { videoCapabilityFor } from "./capabilities";
import { createVideoDownloader, type DownloadedVideo } from "./download";
import { planVideoRoutes } from "./plan";
import { connectVideoProviders, type VideoProviderEntry } from "./providers";
import type { VideoRoute } from "./route";
import { translateVideoParams } from "./translate";

export type VideoStage = "rendering" | "downloading" | "checking";

export type RenderVideoInput = {
  prompt: string;
  params: VideoParams;
  /** Image-to-video ("Animate"): the clip starts from this image. */
  image?: { bytes: Uint8Array; mediaType: string };
  signal?: AbortSignal;
  /** Where the clip's temporary folder is made (default: the system's temp folder). */
  tempDir?: string;
  /** Told as the work moves on, for progress in the UI. */
  onStage?: (stage: VideoStage, detail: { providerId: string; model: string }) => void;
};

export type RenderedVideo = {
  /** The clip on disk, in a folder of its own: move or stream it into storage, then call `dispose`. */
  path: string;
  mediaType: VideoFacts["mediaType"];
  facts: VideoFacts;
  providerId: string;
  providerLabel: string;
  model: string;
  /** The seed sent, or null when the model has none (the clip cannot be reproduced). */
  seed: number | null;
  /** List price: the model's price per second × the clip length asked of it. */
  costUsd: number | null;
  /** Wall time of the whole render, fallbacks included. */
  ms: number;
  /** How the request was adapted to the model (duration snapped, ratio changed…). */
  warnings: string[];
  /** What happened on the way ("fell back from fal to Local video renderer: …"). */
  notes: string[];
  routeReason: string;
  dispose(): Promise<void>;
};

/**
 * Renders one clip through the chosen (or routed) provider with the AI SDK's
 * `experimental_generateVideo`, and returns it as a checked file on disk: downloaded by
 * streaming under LOUPE_VIDEO_MAX_BYTES, probed (a codec browsers play), its first frame
 * decoded. The provider's job is bounded by LOUPE_VIDEO_TIMEOUT_MS; the caller's signal cancels
 * it. Under Auto a failed clip is made by the Local video renderer instead (see route.ts).
 */
export async function renderVideo(input: RenderVideoInput): Promise<RenderedVideo> {
  const prompt = input.image ? input.prompt.trim() : promptSchema.parse(input.prompt);
  const params = videoParamsSchema.parse(input.params);
  const config = env();
  const providers = connectVideoProviders(config);
  const routes = planVideoRoutes({ params, providers, image: input.image !== undefined });
  if (!routes) throw new LoupeError("provider_unavailable", { message: `The video provider “${params.providerId}” is not configured on this server.` });
  const started = performance.now();
  const notes: string[] = [];
  let firstFailure: LoupeError | undefined;
  for (const [i, route] of routes.entries()) {
    const provider = providers.find((p) => p.id === route.providerId)!;
    try {
      const clip = await renderOn({ input: { ...input, prompt, params }, provider, route, config });
      return { ...clip, notes, routeReason: routes[0]!.reason, ms: Math.round(performance.now() - started) };
    } catch (error) {
      const failure = error instanceof LoupeError ? error : toProviderError(error, { label: provider.label, timedOut: false, cancelled: input.signal?.aborted ?? false });
      firstFailure ??= failure;
      const next = routes[i + 1];
      if (!next || input.signal?.aborted) break;
      notes.push(`fell back from ${provider.label} to ${providers.find((p) => p.id === next.providerId)!.label}: ${failure.message}`);
    }
  }
  throw firstFailure!;
}

type Clip = Omit<RenderedVideo, "notes" | "routeReason" | "ms">;

async function renderOn(input: { input: RenderVideoInput & { params: VideoParams }; provider: VideoProviderEntry; route: VideoRoute; config: Env }): Promise<Clip> {
  const { provider, route, config } = input;
  const { prompt, params, image, signal } = input.input;
  const capability = videoCapabilityFor(provider.id, route.model) ?? provider.capabilities[0]!;
  if (image && !capability.imageToVideo) {
    throw new LoupeError("bad_request", { message: `${provider.label} · ${capability.name} cannot start a clip from an image. Choose Auto, or a model that animates images.` });
  }
  const call = translateVideoParams({ capability, params: { ...params, seed: params.seed ?? seedFromPrompt(prompt || "image") } });
  const dir = await mkdtemp(path.join(input.input.tempDir ?? tmpdir(), "loupe-video-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  // The provider's whole job, polling included, is bounded; the Local renderer is in-process and bounded by itself.
  const deadline = provider.local ? undefined : AbortSignal.timeout(config.LOUPE_VIDEO_TIMEOUT_MS);
  const abortSignal = deadline && signal ? AbortSignal.any([signal, deadline]) : (deadline ?? signal);
  const downloader = createVideoDownloader({
    dir,
    maxBytes: config.LOUPE_VIDEO_MAX_BYTES,
    // The downloader counts the bytes itself (and names the size when it refuses); the guard keeps its host and address checks.
    fetch: createSafeFetch({ ...policyFromEnv(config), maxBytes: Number.MAX_SAFE_INTEGER, timeoutMs: config.LOUPE_VIDEO_TIMEOUT_MS }),
    label: provider.label,
  });
  const stage = (name: VideoStage) => input.input.onStage?.(name, { providerId: provider.id, model: route.model });
  try {
    stage("rendering");
    const options = provider.callOptions({ call, capability, poll: { intervalMs: config.LOUPE_VIDEO_POLL_INTERVAL_MS, timeoutMs: config.LOUPE_VIDEO_TIMEOUT_MS } });
    const result = await withProviderSlot(provider.id, () => generateVideo({
      model: provider.videoModel(route.model),
      prompt: image ? { image: image.bytes, text: prompt || undefined } : prompt,
      duration: call.duration,
      aspectRatio: call.aspectRatio,
      ...(options.resolution ? { resolution: options.resolution } : {}),
      ...(call.seed !== undefined ? { seed: call.seed } : {}),
      providerOptions: options.providerOptions as never,
      // A retry would submit a second paid job; retrying is the job engine's decision, with its idempotency key.
      maxRetries: 0,
      abortSignal,
      download: (request) => {
        stage("downloading");
        return downloader.download(request);
      },
    }));
    stage("checking");
    const file = await fileOf({ video: result.video, downloaded: downloader.fileFor(result.video.uint8Array), dir });
    const facts = await checkClip({ path: file.path, config, signal });
    return {
      path: file.path,
      mediaType: facts.mediaType,
      facts,
      providerId: provider.id,
      providerLabel: provider.label,
      model: route.model,
      seed: call.seed ?? null,
      costUsd: capability.pricePerSecondUsd === null ? null : Math.round(capability.pricePerSecondUsd * call.duration * 10_000) / 10_000,
      warnings: [...call.warnings, ...result.warnings.map(describeWarning).filter(Boolean)],
      dispose,
    };
  } catch (error) {
    await dispose();
    throw toVideoError(error, { label: provider.label, deadline, signal, timeoutMs: config.LOUPE_VIDEO_TIMEOUT_MS });
  }
}

/** The downloaded file, or (for models that answer with bytes, like the Local renderer) the bytes written out. */
async function fileOf(input: { video: GeneratedFile; downloaded: DownloadedVideo | undefined; dir: string }): Promise<{ path: string }> {
  if (input.downloaded) return input.downloaded;
  const target = path.join(input.dir, "clip");
  await writeFile(target, input.video.uint8Array);
  return { path: target };
}

async function checkClip(input: { path: string; config: Env; signal?: AbortSignal }): Promise<VideoFacts> {
  const facts = await probeVideo({ path: input.path, signal: input.signal });
  if (facts.bytes > input.config.LOUPE_VIDEO_MAX_BYTES) throw new MediaError({ reason: "too_large", bytes: facts.bytes, maxBytes: input.config.LOUPE_VIDEO_MAX_BYTES });
  if (facts.durationSeconds > input.config.LOUPE_VIDEO_MAX_SECONDS) throw new MediaError({ reason: "too_long", seconds: facts.durationSeconds, maxSeconds: input.config.LOUPE_VIDEO_MAX_SECONDS });
  await checkDecodes({ path: input.path, signal: input.signal });
  return facts;
}

function describeWarning(warning: { type: string; feature?: string; details?: string; message?: string }): string {
  if (warning.type === "other") return warning.message ?? "";
  return warning.details ? `${warning.feature}: ${warning.details}` : `${warning.feature} is not supported by this model.`;
}

const POLL_TIMEOUT = /_VIDEO_GENERATION_TIMEOUT$/;

/** Whatever the render threw, as a LoupeError: a job past its deadline reads as one that never finished. */
function toVideoError(error: unknown, context: { label: string; deadline?: AbortSignal; signal?: AbortSignal; timeoutMs: number }): LoupeError {
  if (error instanceof LoupeError) return error;
  const timedOut = (context.deadline?.aborted ?? false) && !context.signal?.aborted;
  if (timedOut || (AISDKError.isInstance(error) && POLL_TIMEOUT.test(error.name))) {
    return new MediaError({ reason: "never_finished", label: context.label, seconds: context.timeoutMs / 1000 }, { cause: error });
  }
  if (NoVideoGeneratedError.isInstance(error)) return new LoupeError("provider_error", { message: `${context.label} returned no clip.`, retryable: true, cause: error });
  if (AISDKError.isInstance(error) && /_VIDEO_(GENERATION_(FAILED|ERROR|EXPIRED|CANCELED)|MODERATION_ERROR)$/.test(error.name)) {
    const detail = error.message.length > 200 ? `${error.message.slice(0, 199)}…` : error.message;
    return new LoupeError("provider_error", { message: `${context.label}: ${detail}`, cause: error });
  }
  return toProviderError(error, { label: context.label, timedOut: false, cancelled: context.signal?.aborted ?? false });
}
