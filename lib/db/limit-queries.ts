import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "./client";

// Any constant works; it only namespaces the per-owner advisory locks taken below.
const JOB_LOCK_NAMESPACE = 0x4a6f6273;

/**
 * Runs `body` holding a per-owner advisory lock (PostgreSQL only: PGlite's one connection would
 * be held by the transaction the body's own queries wait for). Instances admitting the same
 * owner's work take turns, so a count and the insert it allows are never interleaved.
 */
export async function withOwnerLock<T>({ ownerId, body }: { ownerId: string; body: () => Promise<T> }): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${JOB_LOCK_NAMESPACE}, hashtext(${ownerId}))`);
    return body();
  });
}
