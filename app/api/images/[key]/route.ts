import { z } from "zod";
import { env } from "@/lib/env";
import { baseSecurityHeaders } from "@/lib/security/headers";
import { chooseRendition, isValidImageKey, readImage, readRendition, type Rendition } from "@/lib/storage";

/** Widths a page may ask for; a closed set so nobody can make the server resize to arbitrary sizes. */
const widthSchema = z.enum(["96", "256", "512", "1024"]).optional().catch(undefined);

// proxy.ts skips this route (its matcher): images are public and need no nonce, so the route
// sets every security header itself, with a sandboxing CSP in place of the page one.
const securityHeaders = (): Record<string, string> => ({
  // nosniff comes with the base headers: a hostile file is never read as anything but its type.
  ...baseSecurityHeaders({ production: env().NODE_ENV === "production" }),
  "content-security-policy": "default-src 'none'; sandbox",
});

const headers = () => ({
  ...securityHeaders(),
  "cache-control": "public, max-age=31536000, immutable",
  // The same URL answers AVIF, WebP or the original depending on what the browser accepts.
  vary: "Accept",
});

/**
 * GET /api/images/<sha256>.<ext>[?w=96|256|512|1024] — stored bytes, content-addressed.
 * The key is the SHA-256 of the bytes, so a response never changes: cache it forever.
 * Browsers that say they take AVIF or WebP get a rendition made once and stored beside the
 * original (`w` picks a width); anything else (curl, the download button, a test client
 * sending *\/*) gets the exact pixels the provider made. A sandboxing CSP and nosniff keep a
 * hostile file inert.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const { key } = await params;
  if (!isValidImageKey(key)) return notFound();
  const width = widthSchema.parse(new URL(request.url).searchParams.get("w") ?? undefined);
  const rendition = chooseRendition({ key, width: width ? (Number(width) as Rendition["width"]) : null, accept: request.headers.get("accept") });
  if (rendition) {
    const bytes = await readRendition({ key, ...rendition });
    if (!bytes) return notFound();
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { ...headers(), "content-type": `image/${rendition.format}`, "content-length": String(bytes.byteLength) },
    });
  }
  const image = await readImage(key);
  if (!image) return notFound();
  return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
    headers: { ...headers(), "content-type": image.mediaType, "content-length": String(image.bytes.byteLength) },
  });
}

const notFound = () => new Response("Not found", { status: 404, headers: { ...securityHeaders(), "cache-control": "no-store" } });
