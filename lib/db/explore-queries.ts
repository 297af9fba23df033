import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { ModelNote } from "@/lib/schemas/model-notes";
import { getDb } from "./client";
import { exploreRounds, modelNotes, type ExploreRound, type NewExploreRound } from "./schema";

/** The notes on one provider/model in a project; empty when nothing was learned yet. The caller checks ownership of the project. */
export async function getModelNotes({ ownerId, projectId, providerId, model }: { ownerId: string; projectId: string; providerId: string; model: string }): Promise<ModelNote[]> {
  const db = await getDb();
  const [row] = await db
    .select({ notes: modelNotes.notes })
    .from(modelNotes)
    .where(and(eq(modelNotes.projectId, projectId), eq(modelNotes.ownerId, ownerId), eq(modelNotes.providerId, providerId), eq(modelNotes.model, model)));
  return row?.notes ?? [];
}

/** Replaces the notes on one provider/model (the engine's update or the designer's edit). */
export async function saveModelNotes(input: { ownerId: string; projectId: string; providerId: string; model: string; notes: ModelNote[] }): Promise<void> {
  const db = await getDb();
  await db
    .insert(modelNotes)
    .values(input)
    .onConflictDoUpdate({ target: [modelNotes.projectId, modelNotes.providerId, modelNotes.model], set: { notes: input.notes, updatedAt: new Date() } });
}

/** Every provider/model of the project that has notes, for the notes editor. */
export async function listModelNotes({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<Array<{ providerId: string; model: string; notes: ModelNote[] }>> {
  const db = await getDb();
  return db
    .select({ providerId: modelNotes.providerId, model: modelNotes.model, notes: modelNotes.notes })
    .from(modelNotes)
    .where(and(eq(modelNotes.projectId, projectId), eq(modelNotes.ownerId, ownerId)))
    .orderBy(asc(modelNotes.providerId), asc(modelNotes.model));
}

/** One round of a run; a second insert of the same run and round keeps the first (a replayed request). */
export async function insertExploreRound(row: NewExploreRound): Promise<ExploreRound> {
  const db = await getDb();
  const [inserted] = await db.insert(exploreRounds).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(exploreRounds).where(and(eq(exploreRounds.runId, row.runId), eq(exploreRounds.round, row.round), eq(exploreRounds.ownerId, row.ownerId)));
  return existing!;
}

/** A project's rounds, oldest first. Owner-scoped. */
export async function listExploreRounds({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<ExploreRound[]> {
  const db = await getDb();
  return db
    .select()
    .from(exploreRounds)
    .where(and(eq(exploreRounds.projectId, projectId), eq(exploreRounds.ownerId, ownerId)))
    .orderBy(asc(exploreRounds.createdAt), asc(exploreRounds.round));
}

/** The rounds of one run, by round. Owner-scoped. */
export async function exploreRoundsOfRun({ ownerId, runIds }: { ownerId: string; runIds: string[] }): Promise<ExploreRound[]> {
  if (runIds.length === 0) return [];
  const db = await getDb();
  return db.select().from(exploreRounds).where(and(inArray(exploreRounds.runId, runIds), eq(exploreRounds.ownerId, ownerId))).orderBy(asc(exploreRounds.round));
}
