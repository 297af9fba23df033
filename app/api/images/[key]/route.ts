import { readOwnerId } from "@/lib/auth/owner";
import { ownerMayRead } from "@/lib/images/image-access";
import { imageNotFound, serveImage } from "@/lib/images/serve-image";
import { isValidImageKey } from "@/lib/storage";

/**
 * GET /api/images/<sha256>.<ext>[?w=96|256|512|1024] — one of the owner's stored images.
 * Knowing the content hash is not enough: the request must carry the owner cookie of an owner
 * who has the image (a render, a reference or an image they handed to Describe), checked against a short-lived cache
 * (lib/images/image-access.ts), never a query per request. A share page shows its images
 * through the link's own URLs (app/s/[token]/images), which stop when the link does.
 * Content-addressed, so the browser keeps it for a year — privately: no shared cache may.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  if (!isValidImageKey(key)) return imageNotFound();
  const ownerId = await readOwnerId();
  if (!ownerId || !(await ownerMayRead({ ownerId, key }))) return imageNotFound();
  return serveImage({ request, key, cacheControl: "private, max-age=31536000, immutable" });
}
