import "server-only";
import { and, asc, eq, gt, lt, max } from "drizzle-orm";
import { getDb } from "./client";
import { projectEvents } from "./schema";

export type StoredProjectEvent = { id: number; type: string; data: unknown; createdAt: Date };

export async function insertProjectEvent(row: { projectId: string; ownerId: string; type: string; data: unknown }): Promise<number> {
  const db = await getDb();
  const [inserted] = await db.insert(projectEvents).values(row).returning({ id: projectEvents.id });
  return inserted!.id;
}

/** The owner's project's events after `afterId`, oldest first. */
export async function projectEventsAfter({ projectId, ownerId, afterId, limit = 200 }: { projectId: string; ownerId: string; afterId: number; limit?: number }): Promise<StoredProjectEvent[]> {
  const db = await getDb();
  return db
    .select({ id: projectEvents.id, type: projectEvents.type, data: projectEvents.data, createdAt: projectEvents.createdAt })
    .from(projectEvents)
    .where(and(eq(projectEvents.projectId, projectId), eq(projectEvents.ownerId, ownerId), gt(projectEvents.id, afterId)))
    .orderBy(asc(projectEvents.id))
    .limit(limit);
}

/** The retention window: a reload reconnects within seconds; a day covers a laptop lid. */
export async function deleteProjectEventsBefore(before: Date): Promise<void> {
  const db = await getDb();
  await db.delete(projectEvents).where(lt(projectEvents.createdAt, before));
}

/** The id of the project's newest event (0 when none): a page rendered now has seen everything up to it. */
export async function latestProjectEventId({ projectId }: { projectId: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: max(projectEvents.id) }).from(projectEvents).where(eq(projectEvents.projectId, projectId));
  return row?.id ?? 0;
}
