import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { baseSecurityHeaders } from "@/lib/security/headers";
import { chooseRendition, isValidImageKey, readImage, readRendition, type Rendition } from "@/lib/storage";

/*
 * Sends stored image bytes: the owner's route (/api/images/<key>) and a share link's
 * (/s/<token>/images/<key>) differ only in who may ask and how long a browser may keep it.
 */

/** Widths a page may ask for; a closed set so nobody can make the server resize to arbitrary sizes. */
const widthSchema = z.enum(["96", "256", "512", "1024"]).optional().catch(undefined);

/** Every image answer's security headers: a sandboxing CSP instead of the page one, nosniff from the base set. */
export const imageSecurityHeaders = (): Record<string, string> => ({
  ...baseSecurityHeaders({ production: env().NODE_ENV === "production" }),
  "content-security-policy": "default-src 'none'; sandbox",
});

export const imageNotFound = () => new Response("Not found", { status: 404, headers: { ...imageSecurityHeaders(), "cache-control": "no-store" } });

/**
 * The bytes under `key`: browsers that say they take AVIF or WebP get a rendition made once and
 * stored beside the original (`?w=` picks a width); anything else (curl, a test client sending
 * *\/*) gets the exact pixels the provider made. The content never changes under a key, so the
 * ETag is the key and the rendition; a matching If-None-Match answers 304 without reading bytes.
 */
export async function serveImage({ request, key, cacheControl }: { request: Request; key: string; cacheControl: string }): Promise<Response> {
  if (!isValidImageKey(key)) return imageNotFound();
  const width = widthSchema.parse(new URL(request.url).searchParams.get("w") ?? undefined);
  const rendition = chooseRendition({ key, width: width ? (Number(width) as Rendition["width"]) : null, accept: request.headers.get("accept") });
  const etag = `"${key.slice(0, 64)}.${rendition ? `${rendition.width ?? "full"}.${rendition.format}` : "original"}"`;
  // The same URL answers AVIF, WebP or the original depending on what the browser accepts.
  const headers = { ...imageSecurityHeaders(), "cache-control": cacheControl, vary: "Accept", etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (rendition) {
    const bytes = await readRendition({ key, ...rendition });
    if (!bytes) return imageNotFound();
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { ...headers, "content-type": `image/${rendition.format}`, "content-length": String(bytes.byteLength) } });
  }
  const image = await readImage(key);
  if (!image) return imageNotFound();
  return new Response(image.bytes as Uint8Array<ArrayBuffer>, { headers: { ...headers, "content-type": image.mediaType, "content-length": String(image.bytes.byteLength) } });
}
