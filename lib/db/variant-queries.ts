import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { getDb } from "./client";
import { iterations } from "./schema";

/**
 * Cancel is recorded on the iteration row so that whichever instance is rendering it (scale-out)
 * stops at its next check. Only a render still in progress can be cancelled; returns its id.
 */
export async function recordCancel({ ownerId, idempotencyKey }: { ownerId: string | null; idempotencyKey: string }): Promise<string | null> {
  const db = await getDb();
  // Without an owner (a first render has not delivered its cookie yet) the unguessable key alone names the render.
  const owner = ownerId ? eq(iterations.ownerId, ownerId) : undefined;
  const rows = await db
    .update(iterations)
    .set({ cancelledAt: new Date() })
    .where(and(owner, eq(iterations.idempotencyKey, idempotencyKey), eq(iterations.status, "generating")))
    .returning({ id: iterations.id });
  return rows[0]?.id ?? null;
}

export async function isCancelRecorded(iterationId: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .select({ id: iterations.id })
    .from(iterations)
    .where(and(eq(iterations.id, iterationId), isNotNull(iterations.cancelledAt)));
  return rows.length > 0;
}

/** The designer's "continue from this one"; null returns to the best-scored variant. */
export async function selectImage({ iterationId, imageId }: { iterationId: string; imageId: string | null }): Promise<void> {
  const db = await getDb();
  await db.update(iterations).set({ selectedImageId: imageId }).where(eq(iterations.id, iterationId));
}
