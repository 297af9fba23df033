import "server-only";
import { insertImages, updateIteration } from "@/lib/db/queries";
import type { IterationTimings } from "@/lib/db/schema";
import { isCancelRecorded } from "@/lib/db/variant-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { render, type RenderedImage, type RenderResult } from "@/lib/generation";
import { trackRender, watchCancel } from "@/lib/generation/cancellation";
import { ingestImage } from "@/lib/images/ingest";
import type { GenerationParams } from "@/lib/schemas/params";
import { storeImage } from "@/lib/storage";
import { recordRenderSpend } from "./paid-calls";

/** Stores one image the moment it arrives, so a cancel or a crash later keeps it. */
async function storeVariant(iterationId: string, image: RenderedImage): Promise<void> {
  // Provider bytes are untrusted: sniffed, capped, re-encoded without metadata before they are kept.
  const clean = await ingestImage({ bytes: image.bytes });
  const stored = await storeImage(clean);
  await insertImages([
    {
      iterationId,
      position: image.index,
      storageKey: stored.key,
      sha256: stored.sha256,
      width: clean.width,
      height: clean.height,
      mediaType: stored.mediaType,
      bytes: stored.size,
      providerRevisedPrompt: image.providerRevisedPrompt ?? null,
      providerId: image.providerId,
      model: image.model,
      seed: image.seed,
      ms: image.ms,
      costUsd: image.costUsd,
    },
  ]);
}

function cancelNote(result: RenderResult): string {
  return `Cancelled — kept ${result.images.length} of ${result.requested}`;
}

/**
 * Renders an iteration's prompt and records the outcome on its row. Cancel reaches the render two
 * ways: this instance's AbortController (cancelGenerationAction on the same server), and the
 * row's `cancelled_at`, polled here, when Cancel landed on another instance.
 */
export async function renderIntoIteration(input: {
  iterationId: string;
  idempotencyKey: string;
  prompt: string;
  params: GenerationParams;
  timings: IterationTimings;
}): Promise<void> {
  const { iterationId } = input;
  // Found by its idempotency key: a random UUID only the browser that started the render knows.
  const tracked = trackRender(input.idempotencyKey);
  const stopWatching = watchCancel({ render: tracked, isCancelled: () => isCancelRecorded(iterationId) });
  const started = performance.now();
  const elapsed = () => ({ ...input.timings, generateMs: Math.round(performance.now() - started) });
  try {
    const result = await render({ prompt: input.prompt, params: input.params, signal: tracked.signal, onImage: (image) => storeVariant(iterationId, image) });
    recordRenderSpend({ costUsd: result.costUsd, prompt: input.prompt, params: input.params });
    const chosen = result.routeReason === "chosen by the designer" ? null : result.routeReason;
    const notes = [chosen, ...(result.cancelled ? [cancelNote(result)] : []), ...result.notes, ...result.warnings].filter((n): n is string => !!n);
    const nothingKept = result.images.length === 0;
    await updateIteration({
      id: iterationId,
      patch: {
        // Nothing kept is a visible failure that says it was a cancel, never a silent empty result.
        status: nothingKept ? "failed" : "critiquing",
        ...(nothingKept ? { error: toPublicError(new LoupeError("provider_error", { message: `${cancelNote(result)}: the render was cancelled before any image arrived.`, retryable: true })) } : {}),
        // A cancel that arrived after the last image changed nothing, so it is not recorded as one.
        cancelledAt: result.cancelled ? new Date() : null,
        providerId: result.providerId,
        model: result.model,
        seed: result.seed,
        imageCostUsd: result.costUsd ?? 0,
        routeReason: chosen,
        // What routing and fallback did is part of the record, beside the provider's own warnings.
        notes,
        timings: elapsed(),
      },
    });
  } catch (error) {
    // The prompt and settings stay on the iteration, so nothing the designer wrote is lost.
    await updateIteration({ id: iterationId, patch: { status: "failed", error: toPublicError(error), timings: elapsed() } });
  } finally {
    stopWatching();
    tracked.release();
  }
}
