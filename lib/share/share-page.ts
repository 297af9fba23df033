import "server-only";
import { cache } from "react";
import { lookupShare } from "./lookup";
import { cachedShare, rememberShare } from "./share-cache";
import type { SharedWork } from "@/lib/schemas/shared-work";
import { loadSharedWork } from "./shared-work";
import { hashShareToken } from "./token";

export type SharePageData = { status: "not_found" } | { status: "gone" } | { status: "active"; work: SharedWork };

/**
 * Everything a share URL shows, looked up once per request (the page, its metadata and the
 * preview image all ask) and kept for a few seconds across requests by the share cache.
 * Never throws for a bad token: it answers not_found.
 */
export const loadSharePage = cache((token: string) => loadSharePageData(token));

/** loadSharePage outside a React render (a route handler): the share cache still spares most queries. */
export async function loadSharePageData(token: string): Promise<SharePageData> {
  const found = await lookupShare({ token });
  if (found.status !== "active") return { status: found.status };
  const tokenHash = hashShareToken(token);
  const hit = cachedShare(tokenHash);
  let work = hit?.work;
  if (work === undefined) {
    work = await loadSharedWork({ share: found.share, token });
    rememberShare({ tokenHash, share: found.share, work, now: hit?.at });
  }
  return work ? { status: "active", work } : { status: "not_found" };
}
