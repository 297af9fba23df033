import { imageNotFound, imageSecurityHeaders, serveImage } from "@/lib/images/serve-image";
import { loadSharePageData } from "@/lib/share/share-page";
import { sharedImageKeys } from "@/lib/share/shared-work";
import { isValidImageKey } from "@/lib/storage";

/**
 * GET /s/<token>/images/<sha256>.<ext>[?w=…] — an image of a shared iteration, for as long as the
 * link is active: the link is looked up on every request (lib/share/lookup.ts: a revocation
 * takes effect at once on every instance), answered 410 once revoked or expired, and the image
 * must be one the link shows. The proxy does not run here; the headers are set below. Browsers
 * must revalidate every use (`no-cache`, answered 304 from the ETag without reading bytes), so a
 * revoked link's images stop showing even from a visitor's cache, and no shared cache keeps them.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; key: string }> }): Promise<Response> {
  const { token, key } = await params;
  if (!isValidImageKey(key)) return imageNotFound();
  const page = await loadSharePageData(token);
  if (page.status !== "active" || !sharedImageKeys(page.work).has(key)) {
    return page.status === "gone" ? new Response("Gone", { status: 410, headers: { ...imageSecurityHeaders(), ...NO_REFERRER, "cache-control": "no-store" } }) : imageNotFound();
  }
  const response = await serveImage({ request, key, cacheControl: "private, no-cache" });
  response.headers.set("referrer-policy", NO_REFERRER["referrer-policy"]);
  return response;
}

const NO_REFERRER = { "referrer-policy": "no-referrer" } as const;
