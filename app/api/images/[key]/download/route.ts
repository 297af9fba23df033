import { z } from "zod";
import { readOwnerId } from "@/lib/auth/owner";
import { findOwnedImage } from "@/lib/db/queries";
import { withPromptMetadata } from "@/lib/images/with-prompt-metadata";
import { isValidImageKey, readImage } from "@/lib/storage";

const formatSchema = z.enum(["png", "webp"]).catch("png");

/** GET /api/images/<key>/download?format=png|webp — the owner's image as a file, prompt embedded. */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  const ownerId = await readOwnerId();
  if (!ownerId || !isValidImageKey(key)) return new Response("Not found", { status: 404 });
  const owned = await findOwnedImage({ ownerId, storageKey: key });
  const image = owned ? await readImage(key) : null;
  if (!owned || !image) return new Response("Not found", { status: 404 });

  const format = formatSchema.parse(new URL(request.url).searchParams.get("format"));
  const body = await withPromptMetadata({ bytes: image.bytes, format, prompt: owned.renderedPrompt });
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": `image/${format}`,
      "content-disposition": `attachment; filename="loupe-${key.slice(0, 12)}.${format}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
