import "server-only";
import { and, eq, inArray, isNotNull, lt, notInArray, sql } from "drizzle-orm";
import type { PublicError } from "@/lib/errors";
import { getDb } from "./client";
import { storageKeysOfJobsInFlight } from "./job-queries";
import { idempotencyRecords, images, imageThreads, iterations, jobReservations, projects, referenceImages, refines, spendDays, spendSubjectDays, type Iteration } from "./schema";

/*
 * Queries behind the reliability promises: idempotent actions, the sweeper and the daily
 * budget. Each is one statement (or one transaction), so two processes racing on the same row
 * are settled by PostgreSQL's row locks rather than by timing.
 */

/** Puts a failed iteration back to `generating` for a retry under the same key; null when someone else already did. */
export async function claimFailedIteration({ id }: { id: string }): Promise<Iteration | null> {
  const db = await getDb();
  const rows = await db
    .update(iterations)
    .set({ status: "generating", error: null })
    .where(and(eq(iterations.id, id), eq(iterations.status, "failed")))
    .returning();
  return rows[0] ?? null;
}

/** Removes a project made for a request that turned out to be a replay, only while nothing is in it. */
export async function deleteProjectIfEmpty({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<void> {
  const db = await getDb();
  await db
    .delete(projects)
    .where(
      and(
        eq(projects.id, projectId),
        eq(projects.ownerId, ownerId),
        sql`not exists (select 1 from ${iterations} where ${iterations.projectId} = ${projectId})`,
      ),
    );
}

export type IdempotencyRecord = typeof idempotencyRecords.$inferSelect;

/** Claims a key for a new request; when the key is taken, returns the record that holds it instead. */
export async function claimIdempotencyKey(input: {
  ownerId: string;
  key: string;
  kind: string;
  requestHash: string;
}): Promise<{ claimed: boolean; record: IdempotencyRecord }> {
  const db = await getDb();
  const inserted = await db.insert(idempotencyRecords).values(input).onConflictDoNothing().returning();
  if (inserted[0]) return { claimed: true, record: inserted[0] };
  const existing = await readIdempotencyRecord(input);
  // Released between our insert and read: the caller simply claims again.
  if (!existing) return claimIdempotencyKey(input);
  return { claimed: false, record: existing };
}

export async function readIdempotencyRecord({ ownerId, key }: { ownerId: string; key: string }): Promise<IdempotencyRecord | null> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.ownerId, ownerId), eq(idempotencyRecords.key, key)));
  return rows[0] ?? null;
}

export async function completeIdempotencyKey({ ownerId, key, result }: { ownerId: string; key: string; result: unknown }): Promise<void> {
  const db = await getDb();
  await db
    .update(idempotencyRecords)
    .set({ status: "done", result })
    .where(and(eq(idempotencyRecords.ownerId, ownerId), eq(idempotencyRecords.key, key)));
}

/** A failed request gives its key back, so a retry under the same key makes a fresh attempt. */
export async function releaseIdempotencyKey({ ownerId, key }: { ownerId: string; key: string }): Promise<void> {
  const db = await getDb();
  await db
    .delete(idempotencyRecords)
    .where(and(eq(idempotencyRecords.ownerId, ownerId), eq(idempotencyRecords.key, key), eq(idempotencyRecords.status, "running")));
}

// ── Sweeper ──────────────────────────────────────────────────────────────────────────────

const unfinished = ["pending", "generating", "critiquing"] as const;

/**
 * Settles iterations that stopped moving before `before` and whose job is no longer in flight
 * (`liveKeys`: the keys of the jobs the engine still holds, which will finish or retry them): a
 * render cut off becomes `failed`, a critique cut off becomes `done` with the error (its image
 * is stored). Returns how many.
 */
export async function settleStaleIterations({
  before,
  liveKeys,
  renderError,
  critiqueError,
}: {
  before: Date;
  liveKeys: ReadonlySet<string>;
  renderError: PublicError;
  critiqueError: PublicError;
}): Promise<number> {
  const db = await getDb();
  const notLive = liveKeys.size > 0 ? notInArray(iterations.idempotencyKey, [...liveKeys]) : undefined;
  const stale = and(lt(iterations.updatedAt, before), inArray(iterations.status, [...unfinished]), notLive);
  return db.transaction(async (tx) => {
    const critiques = await tx
      .update(iterations)
      .set({ status: "done", error: critiqueError })
      .where(and(stale, eq(iterations.status, "critiquing")))
      .returning({ id: iterations.id });
    const renders = await tx
      .update(iterations)
      .set({ status: "failed", error: renderError })
      .where(stale)
      .returning({ id: iterations.id });
    return critiques.length + renders.length;
  });
}

/** Every storage key a row refers to (generated images and reference images), or an unfinished job will read. */
export async function referencedStorageKeys(): Promise<Set<string>> {
  const db = await getDb();
  const pending = await storageKeysOfJobsInFlight();
  const rows = await db
    .select({ key: images.storageKey })
    .from(images)
    .union(db.select({ key: referenceImages.storageKey }).from(referenceImages))
    .union(db.select({ key: imageThreads.storageKey }).from(imageThreads))
    // An edit's painted region is stored beside the renders.
    .union(db.select({ key: sql<string>`${iterations.maskStorageKey}` }).from(iterations).where(isNotNull(iterations.maskStorageKey)));
  return new Set([...rows.map((r) => r.key), ...pending]);
}

export async function isStorageKeyReferenced(key: string): Promise<boolean> {
  const db = await getDb();
  const found = await Promise.all([
    db.select({ key: images.storageKey }).from(images).where(eq(images.storageKey, key)).limit(1),
    db.select({ key: referenceImages.storageKey }).from(referenceImages).where(eq(referenceImages.storageKey, key)).limit(1),
    db.select({ key: imageThreads.storageKey }).from(imageThreads).where(eq(imageThreads.storageKey, key)).limit(1),
    db.select({ key: sql<string>`${iterations.maskStorageKey}` }).from(iterations).where(eq(iterations.maskStorageKey, key)).limit(1),
  ]);
  return found.some((rows) => rows.length > 0) || (await storageKeysOfJobsInFlight()).has(key);
}

/** Every stored clip a row refers to: a render's clip (its poster is an image key) or a described upload. */
export async function referencedVideoKeys(): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db
    .select({ key: sql<string>`${images.videoKey}` })
    .from(images)
    .where(isNotNull(images.videoKey))
    .union(db.select({ key: sql<string>`${imageThreads.videoKey}` }).from(imageThreads).where(isNotNull(imageThreads.videoKey)));
  return new Set(rows.map((r) => r.key));
}

export async function isVideoKeyReferenced(key: string): Promise<boolean> {
  const db = await getDb();
  const found = await Promise.all([
    db.select({ id: images.id }).from(images).where(eq(images.videoKey, key)).limit(1),
    db.select({ id: imageThreads.id }).from(imageThreads).where(eq(imageThreads.videoKey, key)).limit(1),
  ]);
  return found.some((rows) => rows.length > 0);
}

/** Forgets idempotency records old enough that no client still retries with their key. */
export async function deleteIdempotencyRecordsBefore(before: Date): Promise<void> {
  const db = await getDb();
  await db.delete(idempotencyRecords).where(lt(idempotencyRecords.createdAt, before));
}

/** Refine records no render took; their spend is already counted in the day's budget. */
export async function deleteRefinesBefore(before: Date): Promise<void> {
  const db = await getDb();
  await db.delete(refines).where(lt(refines.createdAt, before));
}

// ── Daily budget ─────────────────────────────────────────────────────────────────────────

/**
 * Adds `amountUsd` to the day's spend only if the total stays within `budgetUsd`, in one
 * statement: the row lock makes concurrent reservations (on any number of instances) queue,
 * so the budget cannot be overdrawn by a race. Returns false when it would be.
 */
export async function reserveSpend({ day, amountUsd, budgetUsd }: { day: string; amountUsd: number; budgetUsd: number }): Promise<boolean> {
  if (amountUsd > budgetUsd) return false;
  const db = await getDb();
  const rows = await db
    .insert(spendDays)
    .values({ day, committedUsd: amountUsd })
    .onConflictDoUpdate({
      target: spendDays.day,
      set: { committedUsd: sql`${spendDays.committedUsd} + ${amountUsd}` },
      setWhere: sql`${spendDays.committedUsd} + ${amountUsd} <= ${budgetUsd}`,
    })
    .returning({ day: spendDays.day });
  return rows.length > 0;
}

/** Replaces a reservation by the real cost (`deltaUsd` = real − reserved, often negative). */
export async function adjustSpend({ day, deltaUsd }: { day: string; deltaUsd: number }): Promise<void> {
  if (deltaUsd === 0) return;
  const db = await getDb();
  await db
    .update(spendDays)
    .set({ committedUsd: sql`greatest(0, ${spendDays.committedUsd} + ${deltaUsd})` })
    .where(eq(spendDays.day, day));
}

/** Notes a job's reservation, so a retry after a crash can give it back (see jobReservations). */
export async function recordJobReservation({ jobId, day, usd, studio, subjects }: { jobId: string; day: string; usd: number; studio: boolean; subjects: readonly string[] }): Promise<void> {
  const db = await getDb();
  await db.insert(jobReservations).values({ jobId, day, usd, studio, subjects: [...subjects] });
}

/** Forgets a job's reservations once its work scope has settled them. */
export async function forgetJobReservations(jobId: string): Promise<void> {
  const db = await getDb();
  await db.delete(jobReservations).where(eq(jobReservations.jobId, jobId));
}

/**
 * Gives back what an earlier attempt of this job reserved and never settled (it died with its
 * process). One statement takes the rows, so two attempts cannot both give them back.
 */
export async function giveBackJobReservations(jobId: string): Promise<number> {
  const db = await getDb();
  const taken = await db.delete(jobReservations).where(eq(jobReservations.jobId, jobId)).returning();
  for (const row of taken) {
    if (row.studio) await adjustSpend({ day: row.day, deltaUsd: -row.usd });
    for (const subject of row.subjects) await adjustSubjectSpend({ day: row.day, subject, deltaUsd: -row.usd });
  }
  return taken.reduce((sum, row) => sum + row.usd, 0);
}

/**
 * The render of an earlier attempt of this job, left `generating` when its process died: it
 * is failed, so the retry claims the same row (lib/workflows/replay.ts) instead of waiting on it.
 */
export async function failInterruptedRender({ ownerId, key, error }: { ownerId: string; key: string; error: PublicError }): Promise<number> {
  const db = await getDb();
  const rows = await db
    .update(iterations)
    .set({ status: "failed", error })
    .where(and(eq(iterations.ownerId, ownerId), eq(iterations.idempotencyKey, key), inArray(iterations.status, ["pending", "generating"])))
    .returning({ id: iterations.id });
  return rows.length;
}

/** reserveSpend for one anonymous client's row (`subject`): the same single conditional statement. */
export async function reserveSubjectSpend({ day, subject, amountUsd, budgetUsd }: { day: string; subject: string; amountUsd: number; budgetUsd: number }): Promise<boolean> {
  if (amountUsd > budgetUsd) return false;
  const db = await getDb();
  const rows = await db
    .insert(spendSubjectDays)
    .values({ day, subject, committedUsd: amountUsd })
    .onConflictDoUpdate({
      target: [spendSubjectDays.day, spendSubjectDays.subject],
      set: { committedUsd: sql`${spendSubjectDays.committedUsd} + ${amountUsd}` },
      setWhere: sql`${spendSubjectDays.committedUsd} + ${amountUsd} <= ${budgetUsd}`,
    })
    .returning({ day: spendSubjectDays.day });
  return rows.length > 0;
}

export async function adjustSubjectSpend({ day, subject, deltaUsd }: { day: string; subject: string; deltaUsd: number }): Promise<void> {
  if (deltaUsd === 0) return;
  const db = await getDb();
  await db
    .update(spendSubjectDays)
    .set({ committedUsd: sql`greatest(0, ${spendSubjectDays.committedUsd} + ${deltaUsd})` })
    .where(and(eq(spendSubjectDays.day, day), eq(spendSubjectDays.subject, subject)));
}

/** Forgets per-client spend of days before `day` (the sweeper keeps the table to about a day's clients). */
export async function deleteSubjectSpendBefore(day: string): Promise<number> {
  const db = await getDb();
  const rows = await db.delete(spendSubjectDays).where(lt(spendSubjectDays.day, day)).returning({ day: spendSubjectDays.day });
  return rows.length;
}
