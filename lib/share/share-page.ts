import "server-only";
import { cache } from "react";
import { lookupShare } from "./lookup";
import { loadSharedWork, type SharedWork } from "./shared-work";

export type SharePageData = { status: "not_found" } | { status: "gone" } | { status: "active"; work: SharedWork };

/**
 * Everything a share URL shows, looked up once per request (the page, its metadata and the
 * preview image all ask). Never throws for a bad token: it answers not_found.
 */
export const loadSharePage = cache(async (token: string): Promise<SharePageData> => {
  const found = await lookupShare({ token });
  if (found.status !== "active") return { status: found.status };
  const work = await loadSharedWork(found.share);
  return work ? { status: "active", work } : { status: "not_found" };
});
