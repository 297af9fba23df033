import "server-only";
import { baseSecurityHeaders } from "@/lib/security/headers";
import { chooseRendition, isValidImageKey, openImage, openRendition, type Rendition, type RenditionBody } from "@/lib/storage";

/*
 * Sends stored image bytes: the owner's route (/api/images/<key>) and a share link's
 * (/s/<token>/images/<key>) differ only in who may ask and how long a browser may keep it.
 */

/** Widths a page may ask for; a closed set so nobody can make the server resize to arbitrary sizes. Anything else is the full size. */
const WIDTHS = new Map<string, Rendition["width"]>([["96", 96], ["256", 256], ["512", 512], ["1024", 1024]]);

// Made once: the image routes are the most frequent requests a page makes, and these never change in a process.
const IMAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...baseSecurityHeaders({ production: process.env.NODE_ENV === "production" }),
  "content-security-policy": "default-src 'none'; sandbox",
});

/** Every image answer's security headers: a sandboxing CSP instead of the page one, nosniff from the base set. */
export const imageSecurityHeaders = (): Record<string, string> => ({ ...IMAGE_SECURITY_HEADERS });

export const imageNotFound = () => new Response("Not found", { status: 404, headers: { ...imageSecurityHeaders(), "cache-control": "no-store" } });

/**
 * The bytes under `key`: browsers that say they take AVIF or WebP get a rendition made once and
 * stored beside the original (`?w=` picks a width); anything else (curl, a test client sending
 * *\/*) gets the exact pixels the provider made. No image work per request: a rendition comes
 * from memory or is streamed from its stored file, as the original is. The content never changes
 * under a key, so the ETag is the key and the rendition; a matching If-None-Match answers 304
 * without opening anything.
 */
export async function serveImage({ request, key, cacheControl }: { request: Request; key: string; cacheControl: string }): Promise<Response> {
  if (!isValidImageKey(key)) return imageNotFound();
  const query = request.url.indexOf("?");
  const w = query < 0 ? null : new URLSearchParams(request.url.slice(query + 1)).get("w");
  const rendition = chooseRendition({ key, width: (w && WIDTHS.get(w)) || null, accept: request.headers.get("accept") });
  const etag = `"${key.slice(0, 64)}.${rendition ? `${rendition.width ?? "full"}.${rendition.format}` : "original"}"`;
  // The same URL answers AVIF, WebP or the original depending on what the browser accepts.
  const headers: Record<string, string> = { ...IMAGE_SECURITY_HEADERS, "cache-control": cacheControl, vary: "Accept", etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (rendition) {
    const body = await openRendition({ key, ...rendition });
    return body ? send({ body, headers, mediaType: `image/${rendition.format}` }) : imageNotFound();
  }
  const image = await openImage(key);
  return image ? send({ body: image.body, headers, mediaType: image.mediaType }) : imageNotFound();
}

function send({ body, headers, mediaType }: { body: RenditionBody; headers: Record<string, string>; mediaType: string }): Response {
  const bytes = "bytes" in body ? body.bytes : null;
  const size = bytes ? bytes.byteLength : (body as { size: number }).size;
  const content = bytes ? (bytes as Uint8Array<ArrayBuffer>) : (body as { stream: ReadableStream<Uint8Array> }).stream;
  return new Response(content, { headers: { ...headers, "content-type": mediaType, "content-length": String(size) } });
}
