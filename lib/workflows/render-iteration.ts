import "server-only";
import { insertImages, updateIteration } from "@/lib/db/queries";
import type { IterationTimings } from "@/lib/db/schema";
import { isCancelRecorded } from "@/lib/db/variant-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { render, type RenderEdit, type RenderedImage, type RenderReference, type RenderResult } from "@/lib/generation";
import { trackRender, watchCancel } from "@/lib/generation/cancellation";
import { ingestImage } from "@/lib/images/ingest";
import type { GenerationParams } from "@/lib/schemas/params";
import { withDeadline, type Deadline } from "@/lib/server/deadline";
import { prepareRendition, storeImage } from "@/lib/storage";

/** Stores one image the moment it arrives, so a cancel or a crash later keeps it. */
async function storeVariant(iterationId: string, image: RenderedImage): Promise<void> {
  // Provider bytes are untrusted: sniffed, capped, re-encoded without metadata before they are kept.
  const clean = await ingestImage({ bytes: image.bytes });
  const stored = await storeImage(clean);
  // The browser asks for this image's WebP as soon as the answer lands; start it now.
  prepareRendition({ key: stored.key, original: clean.bytes });
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

function deadlineNote(result: RenderResult): string {
  return `Stopped at the server's time limit — kept ${result.images.length} of ${result.requested}`;
}

/** Nothing kept is a visible failure that says why (a cancel, or the action's deadline), never a silent empty result. */
function emptyResultError(input: { result: RenderResult; deadline?: Deadline; atDeadline: boolean }) {
  if (input.atDeadline && input.deadline) return toPublicError(input.deadline.error());
  return toPublicError(new LoupeError("provider_error", { message: `${cancelNote(input.result)}: the render was cancelled before any image arrived.`, retryable: true }));
}

/**
 * Renders an iteration's prompt and records the outcome on its row; answers the render's result
 * (its cost is the caller's paid call), or null when it failed and the row says why. Cancel
 * reaches the render two ways: this instance's AbortController (a cancel on the same server),
 * and the row's `cancelled_at`, polled here, when Cancel landed on another instance.
 */
export async function renderIntoIteration(input: {
  iterationId: string;
  idempotencyKey: string;
  prompt: string;
  params: GenerationParams;
  /** Its note on the iteration says whether it went to the provider as an image or as words. */
  reference?: RenderReference;
  /** An image to continue from, a painted region, a moodboard (lib/workflows/edit/resolve-edit.ts). */
  edit?: RenderEdit;
  timings: IterationTimings;
  /** The action's deadline: a render still running when it fires is stopped, keeping what arrived. */
  deadline?: Deadline;
  /** Called when each image is stored, so the project's stream shows it before the others arrive. */
  onStored?: () => Promise<void>;
}): Promise<RenderResult | null> {
  const { iterationId } = input;
  // Found by its idempotency key: a random UUID only the browser that started the render knows.
  const tracked = trackRender(input.idempotencyKey);
  const stopWatching = watchCancel({ render: tracked, isCancelled: () => isCancelRecorded(iterationId) });
  const started = performance.now();
  const elapsed = () => ({ ...input.timings, generateMs: Math.round(performance.now() - started) });
  // Kept outside the try: a render that made images was paid for, even if recording it fails.
  let result: RenderResult | null = null;
  try {
    const signal = input.deadline ? withDeadline(input.deadline, tracked.signal) : tracked.signal;
    result = await render({
      prompt: input.prompt,
      params: input.params,
      reference: input.reference,
      edit: input.edit,
      signal,
      onImage: async (image) => {
        await storeVariant(iterationId, image);
        await input.onStored?.();
      },
    });
    // The render stops the same way for a cancel and for the deadline; only the designer's Cancel is recorded as one.
    const atDeadline = result.cancelled && !tracked.signal.aborted && !!input.deadline?.signal.aborted;
    const stopNote = result.cancelled ? [atDeadline ? deadlineNote(result) : cancelNote(result)] : [];
    const chosen = result.routeReason === "chosen by the designer" ? null : result.routeReason;
    const notes = [chosen, ...stopNote, ...result.notes, ...result.warnings].filter((n): n is string => !!n);
    const nothingKept = result.images.length === 0;
    await updateIteration({
      id: iterationId,
      patch: {
        status: nothingKept ? "failed" : "critiquing",
        ...(nothingKept ? { error: emptyResultError({ result, deadline: input.deadline, atDeadline }) } : {}),
        // A cancel that arrived after the last image changed nothing, so it is not recorded as one.
        cancelledAt: result.cancelled && !atDeadline ? new Date() : null,
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
    return result;
  } catch (error) {
    // The prompt and settings stay on the iteration, so nothing the designer wrote is lost.
    const reason = input.deadline ? input.deadline.explain(error) : error;
    await updateIteration({ id: iterationId, patch: { status: "failed", error: toPublicError(reason), timings: elapsed() } });
    return result;
  } finally {
    stopWatching();
    tracked.release();
  }
}
