import sharp from "sharp";
import { z } from "zod";
import { isValidImageKey, readImage } from "@/lib/storage";

/** Widths a page may ask for; a closed set so nobody can make the server resize to arbitrary sizes. */
const widthSchema = z.enum(["96", "256", "512", "1024"]).optional().catch(undefined);

const headers = {
  "cache-control": "public, max-age=31536000, immutable",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; sandbox",
};

/**
 * GET /api/images/<sha256>.<ext>[?w=96|256|512|1024] — stored bytes, content-addressed.
 * The key is the SHA-256 of the bytes, so a response never changes: cache it forever.
 * `w` serves a small WebP for thumbnails and responsive sizes; without it, the exact
 * pixels the provider made. A sandboxing CSP and nosniff keep a hostile file inert.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  if (!isValidImageKey(key)) return new Response("Not found", { status: 404 });
  const image = await readImage(key);
  if (!image) return new Response("Not found", { status: 404 });

  const width = widthSchema.parse(new URL(request.url).searchParams.get("w") ?? undefined);
  if (width) {
    const resized = await sharp(image.bytes, { limitInputPixels: 64_000_000 })
      .resize({ width: Number(width), withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    return new Response(new Uint8Array(resized), { headers: { ...headers, "content-type": "image/webp", "content-length": String(resized.byteLength) } });
  }
  return new Response(Buffer.from(image.bytes), {
    headers: { ...headers, "content-type": image.mediaType, "content-length": String(image.bytes.byteLength) },
  });
}
