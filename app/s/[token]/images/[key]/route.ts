import { imageNotFound, serveImage } from "@/lib/images/serve-image";
import { loadSharePageData } from "@/lib/share/share-page";
import { sharedImageKeys } from "@/lib/share/shared-work";
import { isValidImageKey } from "@/lib/storage";

/**
 * GET /s/<token>/images/<sha256>.<ext>[?w=…] — an image of a shared iteration, for as long as the
 * link is active. The proxy's share gate answers 410 for a revoked or expired link before this
 * runs (at once on the instance that revoked it, within the share cache's few seconds on others);
 * here the image must also be one the link shows. Browsers must revalidate every use
 * (`no-cache`, answered 304 from the ETag without reading bytes), so a revoked link's images
 * stop showing even from a visitor's cache, and no shared cache keeps them.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; key: string }> }): Promise<Response> {
  const { token, key } = await params;
  if (!isValidImageKey(key)) return imageNotFound();
  const page = await loadSharePageData(token);
  if (page.status !== "active" || !sharedImageKeys(page.work).has(key)) {
    return page.status === "gone" ? new Response("Gone", { status: 410, headers: { "cache-control": "no-store" } }) : imageNotFound();
  }
  return serveImage({ request, key, cacheControl: "private, no-cache" });
}
