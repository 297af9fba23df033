"use server";

import { z } from "zod";
import { ensureOwnerId } from "@/lib/auth/owner";
import { getIteration, loadIteration } from "@/lib/db/queries";
import { selectImage } from "@/lib/db/variant-queries";
import { LoupeError, toResult, type Result } from "@/lib/errors";
import type { IterationView } from "@/lib/schemas/iteration";
import { parseInput as parse } from "@/lib/schemas/parse";
import { toIterationView } from "@/lib/workflows/iteration-view";
import { cancelGeneration } from "@/lib/workflows/cancel";

/*
 * Actions on a render in progress or just finished: Cancel, and "continue from this variant".
 * Kept out of actions.ts: neither meets the understanding pipeline.
 */

const id = z.uuid();

/**
 * Cancel as a server action, for callers outside the studio page (another tab, scripts). The
 * studio itself posts to /api/generation/cancel: a page's actions are dispatched one at a time,
 * so from the page that started the render this would only run after it.
 */
export async function cancelGenerationAction(raw: { idempotencyKey: string }): Promise<Result<{ stopped: boolean }>> {
  return toResult(() => cancelGeneration(raw));
}

const selectInputSchema = z.object({ iterationId: id, imageId: id.nullable() });

/** "Continue from this one": Apply revision and the critique panel then use this variant's critique. */
export async function selectVariantAction(raw: z.input<typeof selectInputSchema>): Promise<Result<IterationView>> {
  return toResult(async () => {
    const { iterationId, imageId } = parse(selectInputSchema, raw);
    const ownerId = await ensureOwnerId();
    const owned = await getIteration({ ownerId, iterationId });
    const record = owned ? await loadIteration({ iterationId }) : null;
    if (!record) throw new LoupeError("not_found", { message: "That iteration was not found." });
    if (imageId && !record.images.some((i) => i.id === imageId)) throw new LoupeError("not_found", { message: "That variant is not part of this iteration." });
    await selectImage({ iterationId, imageId });
    return toIterationView({ ...record, selectedImageId: imageId });
  });
}
