import "server-only";
import type { Share } from "@/lib/db/schema";
import type { SharedWork } from "@/lib/schemas/shared-work";

/*
 * Share pages are read far more often than they change. This cache keeps what a token opens
 * in memory for a short time: the share row, the shared work, and the page's rendered HTML per
 * language and origin, so a hot link is answered without a query or a render.
 *
 * Whether the link still works is never left to the cache (lookup.ts decides on every request):
 * - Expiry is checked against the share's `expiresAt` on every read, never cached.
 * - On this instance, revoking a link or deleting its project drops the entry at once.
 * - With PostgreSQL, several instances may serve one database, and another one may have
 *   revoked the link: each request then re-reads the link's row by its unique token hash (one
 *   indexed query), so a revocation anywhere is seen at once everywhere; only the rendered
 *   content (a critique added since) may be SHARE_CACHE_TTL_MS old.
 * - With PGlite the database lives inside this one process (no other process can open its data
 *   directory), so every revocation goes through this instance's `forgetShare`: no query needed.
 *
 * It lives on globalThis because the proxy, the routes and the actions are bundled separately:
 * a module-level map would be several maps, and a revoke in a server action would not reach them.
 */

export const SHARE_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 500;
const MAX_PAGES_PER_ENTRY = 8;

/** `work` is undefined until a page has loaded it (the gate only needs the row), null when the work is gone. */
export type CachedShare = { share: Share; work?: SharedWork | null; at: number; pages?: Map<string, RenderedPage> };

/** A share page as sent: its HTML and the ETag that lets a returning browser skip the body. */
export type RenderedPage = { html: string; etag: string };

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

/** The rendered page for a variant (language and origin) of a cached, unexpired entry. */
export function cachedPage({ tokenHash, variant, now = Date.now() }: { tokenHash: string; variant: string; now?: number }): RenderedPage | undefined {
  return cachedShare(tokenHash, now)?.pages?.get(variant);
}

/** Keeps a rendered page with its entry: it expires with the work it was rendered from. */
export function rememberPage({ tokenHash, variant, page }: { tokenHash: string; variant: string; page: RenderedPage }): void {
  const entry = entries().get(tokenHash);
  if (!entry) return;
  const pages = (entry.pages ??= new Map());
  // The variant carries the Host header's origin: a client sending many hosts must not grow it.
  if (pages.size >= MAX_PAGES_PER_ENTRY) pages.clear();
  pages.set(variant, page);
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
