import "server-only";
import { findShareByTokenHash, isShareActive } from "@/lib/db/queries";
import type { Share } from "@/lib/db/schema";
import { cachedShare, rememberShare } from "./share-cache";
import { hashShareToken, isWellFormedShareToken } from "./token";

/** What a token opens: nothing (404), something no longer shared (410), or a live share. */
export type ShareLookup = { status: "not_found" } | { status: "gone"; share: Share } | { status: "active"; share: Share };

/**
 * Looks a token up through the short-lived share cache (see share-cache.ts): the proxy's gate
 * and the page ask on every request, and most requests are for links seen seconds ago.
 */
export async function lookupShare({ token, now = new Date() }: { token: string; now?: Date }): Promise<ShareLookup> {
  // Malformed tokens never reach the database: no query load from scanners, no odd input in SQL.
  if (!isWellFormedShareToken(token)) return { status: "not_found" };
  const tokenHash = hashShareToken(token);
  let share = cachedShare(tokenHash)?.share;
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
