import "server-only";
import { insertImages, updateIteration } from "@/lib/db/queries";
import type { IterationTimings } from "@/lib/db/schema";
import { isCancelRecorded } from "@/lib/db/variant-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { renderVideo, type RenderedVideo } from "@/lib/generation/video";
import { trackRender, watchCancel } from "@/lib/generation/cancellation";
import { ingestImage } from "@/lib/images/ingest";
import type { VideoParams } from "@/lib/schemas/video";
import { withDeadline, type Deadline } from "@/lib/server/deadline";
import { prepareRendition, storeImage } from "@/lib/storage";
import { storeVideoFile } from "@/lib/storage/videos";
import { extractPoster } from "@/lib/understanding";

export type RenderedClip = { costUsd: number | null };

/**
 * Renders an iteration's clip and records the outcome on its row, like renderIntoIteration
 * does for stills: the clip is streamed from the render's temporary file into storage, its
 * poster frame stored as an image (thumbnails, History, the share page's og:image), and the
 * row says who made it and what it cost. Cancel (this instance's AbortController, or the row's
 * `cancelled_at` from another) and the deadline reach the provider's polling through `signal`.
 * Answers what it cost (for the caller's paid call), or null when it failed and the row says why.
 */
export async function renderVideoIntoIteration(input: {
  iterationId: string;
  idempotencyKey: string;
  prompt: string;
  params: VideoParams;
  /** Animate: the still the clip starts from. */
  image?: { bytes: Uint8Array; mediaType: string };
  timings: IterationTimings;
  deadline?: Deadline;
}): Promise<RenderedClip | null> {
  const { iterationId } = input;
  const tracked = trackRender(input.idempotencyKey);
  const stopWatching = watchCancel({ render: tracked, isCancelled: () => isCancelRecorded(iterationId) });
  const started = performance.now();
  const elapsed = () => ({ ...input.timings, generateMs: Math.round(performance.now() - started) });
  let clip: RenderedVideo | undefined;
  try {
    const signal = input.deadline ? withDeadline(input.deadline, tracked.signal) : tracked.signal;
    clip = await renderVideo({ prompt: input.prompt, params: input.params, image: input.image, signal });
    await storeClip({ iterationId, clip, signal });
    const chosen = clip.routeReason === "chosen by the designer" ? null : clip.routeReason;
    await updateIteration({
      id: iterationId,
      patch: {
        status: "critiquing",
        providerId: clip.providerId,
        model: clip.model,
        seed: clip.seed,
        imageCostUsd: clip.costUsd ?? 0,
        routeReason: chosen,
        notes: [chosen, ...clip.notes, ...clip.warnings].filter((n): n is string => !!n),
        timings: elapsed(),
      },
    });
    return { costUsd: clip.costUsd };
  } catch (error) {
    // The prompt and settings stay on the iteration: Retry renders them again.
    const reason = tracked.signal.aborted ? cancelled() : input.deadline ? input.deadline.explain(error) : error;
    await updateIteration({ id: iterationId, patch: { status: "failed", error: toPublicError(reason), cancelledAt: tracked.signal.aborted ? new Date() : null, timings: elapsed() } });
    // A clip that arrived was paid for, even if keeping it failed.
    return clip ? { costUsd: clip.costUsd } : null;
  } finally {
    stopWatching();
    tracked.release();
    await clip?.dispose();
  }
}

const cancelled = () => new LoupeError("provider_error", { message: "Cancelled — the clip was stopped before it finished. Your prompt is kept: Generate makes it again.", retryable: true });

async function storeClip({ iterationId, clip, signal }: { iterationId: string; clip: RenderedVideo; signal: AbortSignal }): Promise<void> {
  const stored = await storeVideoFile({ path: clip.path, mediaType: clip.mediaType });
  const poster = await ingestImage({ bytes: await extractPoster({ path: clip.path, durationSeconds: clip.facts.durationSeconds, signal }) });
  const storedPoster = await storeImage(poster);
  prepareRendition({ key: storedPoster.key, original: poster.bytes });
  await insertImages([
    {
      iterationId,
      position: 0,
      storageKey: storedPoster.key,
      sha256: storedPoster.sha256,
      width: clip.facts.width,
      height: clip.facts.height,
      mediaType: storedPoster.mediaType,
      bytes: storedPoster.size,
      providerId: clip.providerId,
      model: clip.model,
      seed: clip.seed,
      ms: clip.ms,
      costUsd: clip.costUsd,
      videoKey: stored.key,
      videoBytes: stored.size,
      durationMs: Math.round(clip.facts.durationSeconds * 1000),
      hasAudio: clip.facts.audioCodec !== null,
    },
  ]);
}
