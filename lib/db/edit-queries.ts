import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "./client";
import { images, iterations, referenceImages, type Image, type ReferenceImage } from "./schema";

/** One of the owner's rendered images with the project and iteration it belongs to, or null. */
export async function getOwnedImage({ ownerId, imageId }: { ownerId: string; imageId: string }): Promise<(Image & { projectId: string }) | null> {
  const db = await getDb();
  const rows = await db
    .select({ image: images, projectId: iterations.projectId })
    .from(images)
    .innerJoin(iterations, eq(iterations.id, images.iterationId))
    .where(and(eq(images.id, imageId), eq(iterations.ownerId, ownerId)))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.image, projectId: row.projectId } : null;
}

/** The owner's references of one project among `ids`, in no particular order (the caller keeps its own). */
export async function getOwnedReferences({ ownerId, projectId, ids }: { ownerId: string; projectId: string; ids: string[] }): Promise<ReferenceImage[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  return db
    .select()
    .from(referenceImages)
    .where(and(inArray(referenceImages.id, ids), eq(referenceImages.ownerId, ownerId), eq(referenceImages.projectId, projectId)));
}
