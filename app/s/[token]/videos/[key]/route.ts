import { serveVideo, videoNotFound, videoSecurityHeaders } from "@/lib/server/serve-video";
import { loadSharePageData } from "@/lib/share/share-page";
import { sharedVideoKeys } from "@/lib/share/shared-work";
import { isValidVideoKey } from "@/lib/storage/videos";

/**
 * GET /s/<token>/videos/<key> — the clip of a shared iteration, with Range requests, for as
 * long as the link is active, and only a clip the link shows. As for the link's images, the link
 * is looked up on every request (lib/share/lookup.ts: a revocation takes effect at once on every
 * instance, and a player's every range request asks again), answered 410 once revoked or
 * expired. No cookie is read or set: a visitor plays it signed out. The proxy does not run here
 * (its matcher leaves well-formed share paths out), so the headers are set below. Browsers
 * revalidate (no-cache), so a revoked link stops playing.
 */
async function answer(request: Request, { params }: { params: Promise<{ token: string; key: string }> }): Promise<Response> {
  const { token, key } = await params;
  if (!isValidVideoKey(key)) return videoNotFound();
  const page = await loadSharePageData(token);
  if (page.status !== "active" || !sharedVideoKeys(page.work).has(key)) {
    return page.status === "gone" ? new Response("Gone", { status: 410, headers: { ...videoSecurityHeaders(), ...NO_REFERRER, "cache-control": "no-store" } }) : videoNotFound();
  }
  const response = await serveVideo({ request, key, cacheControl: "private, no-cache" });
  response.headers.set("referrer-policy", NO_REFERRER["referrer-policy"]);
  return response;
}

const NO_REFERRER = { "referrer-policy": "no-referrer" } as const;

export const GET = answer;
export const HEAD = answer;
