import "server-only";
import type { Share } from "@/lib/db/schema";
import type { SharedWork } from "@/lib/schemas/shared-work";

/*
 * Share pages are read far more often than they change, and every request used to cost a
 * database lookup in the proxy's gate plus the page's own queries. This cache keeps what a
 * token opens in memory for a short time.
 *
 * - On this instance, revoking a link or deleting its project drops the entry at once, so the
 *   next request answers 410 (or 404) immediately.
 * - Another instance that revoked the link is not heard of: this one keeps serving the page
 *   for at most SHARE_CACHE_TTL_MS. That is the documented window for multi-instance setups.
 * - Expiry is checked against the cached share's `expiresAt` on every read, never cached.
 *
 * It lives on globalThis because the proxy and the app are bundled separately: a module-level
 * map would be two maps, and a revoke in a server action would not reach the proxy's copy.
 */

export const SHARE_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

/** `work` is undefined until a page has loaded it (the gate only needs the row), null when the work is gone. */
export type CachedShare = { share: Share; work?: SharedWork | null; at: number };

const root = globalThis as typeof globalThis & { __loupeShareCache?: Map<string, CachedShare> };
const entries = (): Map<string, CachedShare> => (root.__loupeShareCache ??= new Map());

/** The entry for a token hash, or undefined when absent or older than the TTL. */
export function cachedShare(tokenHash: string, now = Date.now()): CachedShare | undefined {
  const map = entries();
  const hit = map.get(tokenHash);
  if (!hit) return undefined;
  if (now - hit.at > SHARE_CACHE_TTL_MS) {
    map.delete(tokenHash);
    return undefined;
  }
  return hit;
}

/** `now` is when the row was read: filling in the work later keeps the row's age, not a fresh TTL. */
export function rememberShare({ tokenHash, share, work, now = Date.now() }: { tokenHash: string; share: Share; work?: SharedWork | null; now?: number }): void {
  const map = entries();
  map.delete(tokenHash);
  map.set(tokenHash, { share, work, at: now });
  // Maps iterate in insertion order: the first key is the oldest write.
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}

/** Drops a link at once on this instance (after a revoke). */
export function forgetShare(tokenHash: string): void {
  entries().delete(tokenHash);
}

/** Drops every link of a project at once on this instance (after the project is deleted). */
export function forgetSharesOfProject(projectId: string): void {
  const map = entries();
  for (const [hash, entry] of map) if (entry.share.projectId === projectId) map.delete(hash);
}
