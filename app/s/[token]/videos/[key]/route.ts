import { loadSharePageData } from "@/lib/share/share-page";
import { serveVideo, videoNotFound } from "@/lib/server/serve-video";
import { isValidVideoKey } from "@/lib/storage/videos";

/**
 * GET /s/<token>/videos/<key> — the clip of a shared iteration, with Range requests, for as
 * long as the link is active, and only a clip the link shows. No cookie is read or set: a
 * visitor plays it signed out. Browsers revalidate (no-cache), so a revoked link stops playing.
 */
async function answer(request: Request, { params }: { params: Promise<{ token: string; key: string }> }): Promise<Response> {
  const { token, key } = await params;
  if (!isValidVideoKey(key)) return videoNotFound();
  const page = await loadSharePageData(token);
  if (page.status === "gone") return new Response("Gone", { status: 410, headers: { "cache-control": "no-store" } });
  const shown = page.status === "active" && [page.work.featured, ...page.work.earlier].some((it) => it.variants.some((v) => v.video?.key === key));
  if (!shown) return videoNotFound();
  return serveVideo({ request, key, cacheControl: "private, no-cache" });
}

export const GET = answer;
export const HEAD = answer;
