import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "./client";
import { autoRuns } from "./schema";

export type AutoRun = typeof autoRuns.$inferSelect;
export type NewAutoRun = typeof autoRuns.$inferInsert;
export type AutoRunPatch = Partial<Pick<AutoRun, "status" | "round" | "results" | "drafts" | "outcome" | "bestIterationId" | "error" | "cancelRequested">>;

/** A new run, or the run already started under this id (a replayed start). */
export async function insertAutoRun(row: NewAutoRun & { id: string }): Promise<AutoRun> {
  const db = await getDb();
  const [inserted] = await db.insert(autoRuns).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(autoRuns).where(and(eq(autoRuns.id, row.id), eq(autoRuns.ownerId, row.ownerId)));
  if (!existing) throw new Error("an auto-iterate run id was taken by another owner");
  return existing;
}

export async function loadAutoRun({ ownerId, runId }: { ownerId: string; runId: string }): Promise<AutoRun | null> {
  const db = await getDb();
  const [row] = await db.select().from(autoRuns).where(and(eq(autoRuns.id, runId), eq(autoRuns.ownerId, ownerId)));
  return row ?? null;
}

export async function updateAutoRun({ runId, patch }: { runId: string; patch: AutoRunPatch }): Promise<AutoRun | null> {
  const db = await getDb();
  const [row] = await db.update(autoRuns).set(patch).where(eq(autoRuns.id, runId)).returning();
  return row ?? null;
}

/** The project's most recent run, shown when the project opens (running, or how it ended). */
export async function latestAutoRun({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<AutoRun | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(autoRuns)
    .where(and(eq(autoRuns.projectId, projectId), eq(autoRuns.ownerId, ownerId)))
    .orderBy(desc(autoRuns.createdAt))
    .limit(1);
  return row ?? null;
}
