"use server";

import { ensureOwnerId, readOwnerId } from "@/lib/auth/owner";
import { selectImage } from "@/lib/db/variant-queries";
import { LoupeError, toResult, type Result } from "@/lib/errors";
import type { IterationView } from "@/lib/schemas/iteration";
import { parseInput } from "@/lib/schemas/parse";
import { cancelRequestSchema, selectVariantRequestSchema, type CancelRequest } from "@/lib/schemas/studio-requests";
import { cancelGeneration } from "@/lib/workflows/cancel";
import { toIterationView } from "@/lib/workflows/iteration-view";
import { loadOwnedIteration } from "@/lib/workflows/owned";
import type { z } from "zod";

/*
 * Actions on a render in progress or just finished: Cancel, and "continue from this variant".
 * Neither is paid work, so neither runs under the limits.
 */

/**
 * Cancel as a server action, for callers outside the studio page (another tab, scripts). The
 * studio itself posts to /api/generation/cancel: a page's actions are dispatched one at a time,
 * so from the page that started the render this would only run after it.
 */
export async function cancelGenerationAction(raw: CancelRequest): Promise<Result<{ stopped: boolean }>> {
  return toResult(async () => cancelGeneration({ ownerId: await readOwnerId(), ...parseInput(cancelRequestSchema, raw) }));
}

/** "Continue from this one": Apply revision and the critique panel then use this variant's critique. */
export async function selectVariantAction(raw: z.input<typeof selectVariantRequestSchema>): Promise<Result<IterationView>> {
  return toResult(async () => {
    const { iterationId, imageId } = parseInput(selectVariantRequestSchema, raw);
    const record = await loadOwnedIteration({ ownerId: await ensureOwnerId(), iterationId });
    if (imageId && !record.images.some((i) => i.id === imageId)) throw new LoupeError("not_found", { message: "That variant is not part of this iteration." });
    await selectImage({ iterationId, imageId });
    return toIterationView({ ...record, selectedImageId: imageId });
  });
}
