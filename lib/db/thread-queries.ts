import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { LoupeError } from "@/lib/errors";
import { getDb } from "./client";
import { images, imageThreads, imageThreadTurns, iterations, type Image, type ImageThread, type ImageThreadTurn, type NewImageThread, type NewImageThreadTurn } from "./schema";

export type ImageThreadWithTurns = ImageThread & { turns: ImageThreadTurn[] };

const UNIQUE_VIOLATION = "23505";

/** The caller checks that the owner owns the project. */
export async function insertImageThread(row: NewImageThread): Promise<ImageThread> {
  const db = await getDb();
  const [thread] = await db.insert(imageThreads).values(row).returning();
  return thread!;
}

/** The owner's thread with its turns in order, or null for anybody else's. */
export async function getImageThread({ ownerId, threadId }: { ownerId: string; threadId: string }): Promise<ImageThreadWithTurns | null> {
  const db = await getDb();
  const [thread] = await db
    .select()
    .from(imageThreads)
    .where(and(eq(imageThreads.id, threadId), eq(imageThreads.ownerId, ownerId)));
  if (!thread) return null;
  const turns = await db.select().from(imageThreadTurns).where(eq(imageThreadTurns.threadId, thread.id)).orderBy(asc(imageThreadTurns.position));
  return { ...thread, turns };
}

/** A project's threads, newest first, each with its turns. Owner-scoped. */
export async function listImageThreads({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<ImageThreadWithTurns[]> {
  const db = await getDb();
  const threads = await db
    .select()
    .from(imageThreads)
    .where(and(eq(imageThreads.projectId, projectId), eq(imageThreads.ownerId, ownerId)))
    .orderBy(desc(imageThreads.createdAt), desc(imageThreads.id));
  if (threads.length === 0) return [];
  const turns = await db
    .select()
    .from(imageThreadTurns)
    .where(inArray(imageThreadTurns.threadId, threads.map((t) => t.id)))
    .orderBy(asc(imageThreadTurns.position));
  return threads.map((thread) => ({ ...thread, turns: turns.filter((turn) => turn.threadId === thread.id) }));
}

/** A render of the owner's project, by image id; null when it is not theirs or not in that project. */
export async function findProjectImage({ ownerId, projectId, imageId }: { ownerId: string; projectId: string; imageId: string }): Promise<Image | null> {
  const db = await getDb();
  const rows = await db
    .select({ image: images })
    .from(images)
    .innerJoin(iterations, eq(iterations.id, images.iterationId))
    .where(and(eq(images.id, imageId), eq(iterations.projectId, projectId), eq(iterations.ownerId, ownerId)));
  return rows[0]?.image ?? null;
}

/** Throws `conflict` when another answer already took this place in the thread. */
export async function insertImageThreadTurn(row: NewImageThreadTurn): Promise<ImageThreadTurn> {
  const db = await getDb();
  try {
    const [turn] = await db.insert(imageThreadTurns).values(row).returning();
    await db.update(imageThreads).set({ updatedAt: new Date() }).where(eq(imageThreads.id, row.threadId));
    return turn!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new LoupeError("conflict", { message: "Another answer about this image was saved at the same time. Reload the dialog to see it.", cause: error });
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}
