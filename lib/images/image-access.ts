import "server-only";
import { ownerHasStorageKey } from "@/lib/db/queries";

/*
 * Whether an owner may fetch a stored image by its content address. An image is not public
 * because someone learnt its hash (a share page showed it, a screenshot of a URL): the owner's
 * own URLs need the owner's cookie and an image of theirs. The image route is the most frequent
 * request a page makes, so the answer is kept in memory — a hit costs a map lookup, and the
 * database is asked once per owner and image per OWNED_TTL_MS.
 */

const OWNED_TTL_MS = 10 * 60_000;
// A render's images are committed before the browser hears of them, so "not yours" rarely turns
// into "yours"; kept briefly anyway, and short enough that a scan of guessed keys stays cheap.
const NOT_OWNED_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

type Entry = { owned: boolean; at: number };
const globalStore = globalThis as typeof globalThis & { __loupeImageAccess?: Map<string, Entry> };
const entries = (): Map<string, Entry> => (globalStore.__loupeImageAccess ??= new Map());

export async function ownerMayRead({ ownerId, key, now = Date.now() }: { ownerId: string; key: string; now?: number }): Promise<boolean> {
  const map = entries();
  const id = `${ownerId}:${key}`;
  const hit = map.get(id);
  if (hit && now - hit.at < (hit.owned ? OWNED_TTL_MS : NOT_OWNED_TTL_MS)) return hit.owned;
  const owned = await ownerHasStorageKey({ ownerId, storageKey: key });
  map.delete(id);
  map.set(id, { owned, at: now });
  // Maps iterate in insertion order: the first key is the oldest write.
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return owned;
}

/** Forgets what this instance knows about an owner's images (after the owner deletes a project). */
export function forgetImageAccess(ownerId: string): void {
  const map = entries();
  for (const id of map.keys()) if (id.startsWith(`${ownerId}:`)) map.delete(id);
}
