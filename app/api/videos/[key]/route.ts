import { readOwnerId } from "@/lib/auth/owner";
import { ownerHasVideoKey } from "@/lib/db/queries";
import { serveVideo, videoNotFound } from "@/lib/server/serve-video";
import { isValidVideoKey } from "@/lib/storage/videos";

/**
 * GET /api/videos/<sha256>.<webm|mp4|mov> — one of the owner's clips, with HTTP Range requests
 * so the player can seek. Like the owner's images, knowing the hash is not enough: the request
 * must carry the cookie of an owner who has the clip. A share page plays its clip through the
 * link's own URL (/s/<token>/videos/<key>), which stops when the link does.
 */
async function answer(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  if (!isValidVideoKey(key)) return videoNotFound();
  const ownerId = await readOwnerId();
  if (!ownerId || !(await ownerHasVideoKey({ ownerId, videoKey: key }))) return videoNotFound();
  return serveVideo({ request, key, cacheControl: "private, max-age=31536000, immutable" });
}

export const GET = answer;
export const HEAD = answer;
