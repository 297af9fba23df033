import "server-only";
import { and, count, eq, lt, sql } from "drizzle-orm";
import { getDb } from "./client";
import { jobLeases } from "./schema";

// Any constant works; it only namespaces the per-owner advisory locks taken below.
const JOB_LOCK_NAMESPACE = 0x4a6f6273;

/**
 * Takes one of an owner's `max` job slots, or answers null when all are taken. Counting and
 * inserting happen under a per-owner advisory lock, so instances racing for the last slot take
 * turns and exactly one gets it. Expired leases (a crashed instance's) are cleared first. The
 * database's clock decides expiry, so instances with skewed clocks agree.
 */
export async function acquireJobLease({ ownerId, max, ttlMs }: { ownerId: string; max: number; ttlMs: number }): Promise<string | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${JOB_LOCK_NAMESPACE}, hashtext(${ownerId}))`);
    await tx.delete(jobLeases).where(and(eq(jobLeases.ownerId, ownerId), lt(jobLeases.expiresAt, sql`now()`)));
    const [held] = await tx.select({ n: count() }).from(jobLeases).where(eq(jobLeases.ownerId, ownerId));
    if ((held?.n ?? 0) >= max) return null;
    const [lease] = await tx
      .insert(jobLeases)
      .values({ ownerId, expiresAt: sql`now() + make_interval(secs => ${ttlMs / 1000})` })
      .returning({ id: jobLeases.id });
    return lease?.id ?? null;
  });
}

export async function releaseJobLease(id: string): Promise<void> {
  const db = await getDb();
  await db.delete(jobLeases).where(eq(jobLeases.id, id));
}
