import "server-only";
import { getDbEngine } from "@/lib/db/client";
import { findShareByTokenHash, isShareActive } from "@/lib/db/queries";
import type { Share } from "@/lib/db/schema";
import { cachedShare, forgetShare, rememberShare } from "./share-cache";
import { hashShareToken, isWellFormedShareToken } from "./token";

/** What a token opens: nothing (404), something no longer shared (410), or a live share. */
export type ShareLookup = { status: "not_found" } | { status: "gone"; share: Share } | { status: "active"; share: Share };

/**
 * Looks a token up through the short-lived share cache (see share-cache.ts): the page and its
 * images ask on every request, and most requests are for links seen seconds ago. A cached row
 * is re-read when other instances may have changed it (PostgreSQL), so a revocation or a
 * deleted project takes effect at once on every instance.
 */
export async function lookupShare({ token, now = new Date() }: { token: string; now?: Date }): Promise<ShareLookup> {
  // Malformed tokens never reach the database: no query load from scanners, no odd input in SQL.
  if (!isWellFormedShareToken(token)) return { status: "not_found" };
  const tokenHash = hashShareToken(token);
  let share = cachedShare(tokenHash)?.share;
  if (share && (await getDbEngine()) === "postgres") {
    const current = await findShareByTokenHash(tokenHash);
    if (!current || !isShareActive(current, now)) forgetShare(tokenHash);
    if (!current) return { status: "not_found" };
    share = current;
  }
  if (!share) {
    // Unknown tokens are not cached: a scanner could otherwise fill the cache with them.
    const found = await findShareByTokenHash(tokenHash);
    if (!found) return { status: "not_found" };
    rememberShare({ tokenHash, share: found });
    share = found;
  }
  // Expiry is judged on every read, so a cached row never outlives its link.
  return isShareActive(share, now) ? { status: "active", share } : { status: "gone", share };
}
