import "server-only";
import { findShareByTokenHash, isShareActive } from "@/lib/db/queries";
import type { Share } from "@/lib/db/schema";
import { hashShareToken, isWellFormedShareToken } from "./token";

/** What a token opens: nothing (404), something no longer shared (410), or a live share. */
export type ShareLookup = { status: "not_found" } | { status: "gone"; share: Share } | { status: "active"; share: Share };

export async function lookupShare({ token, now = new Date() }: { token: string; now?: Date }): Promise<ShareLookup> {
  // Malformed tokens never reach the database: no query load from scanners, no odd input in SQL.
  if (!isWellFormedShareToken(token)) return { status: "not_found" };
  const share = await findShareByTokenHash(hashShareToken(token));
  if (!share) return { status: "not_found" };
  return isShareActive(share, now) ? { status: "active", share } : { status: "gone", share };
}
