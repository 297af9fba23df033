import { isValidImageKey, readImage } from "@/lib/storage";

/**
 * GET /api/images/<sha256>.<ext> — stored bytes, content-addressed. The key is the
 * SHA-256 of the bytes, so a response never changes: cache it forever. A sandboxing
 * CSP and nosniff keep a hostile file from ever running as a page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  if (!isValidImageKey(key)) return new Response("Not found", { status: 404 });
  const image = await readImage(key);
  if (!image) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(image.bytes), {
    headers: {
      "content-type": image.mediaType,
      "content-length": String(image.bytes.byteLength),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
