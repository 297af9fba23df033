import "server-only";
import { env } from "@/lib/env";
import { baseSecurityHeaders } from "@/lib/security/headers";
import { isValidVideoKey, videoMediaTypeOfKey, videoStore, type ByteRange } from "@/lib/storage/videos";

/*
 * Sends a stored clip with HTTP Range support, so a player can seek without fetching the whole
 * file: `Range: bytes=a-b` answers 206 with that slice, a range past the end answers 416, no
 * range answers the whole clip (200). Every answer streams from storage, never buffering it.
 */

export const videoSecurityHeaders = (): Record<string, string> => ({
  ...baseSecurityHeaders({ production: env().NODE_ENV === "production" }),
  "content-security-policy": "default-src 'none'; sandbox",
});

export const videoNotFound = () => new Response("Not found", { status: 404, headers: { ...videoSecurityHeaders(), "cache-control": "no-store" } });

export type RangeAsk = { kind: "none" } | { kind: "range"; range: ByteRange } | { kind: "unsatisfiable" };

/**
 * One `bytes=` range of a `size`-byte file (RFC 9110 §14.1.2): `a-b`, `a-` and the suffix `-n`.
 * Several ranges, another unit or a malformed header are ignored (the whole file is a valid
 * answer to those); a range that starts past the end is unsatisfiable.
 */
export function parseRange(header: string | null, size: number): RangeAsk {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return { kind: "none" };
  const [first, last] = [match[1]!, match[2]!];
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "range", range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return { kind: "none" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "range", range: { start, end } };
}

export async function serveVideo({ request, key, cacheControl }: { request: Request; key: string; cacheControl: string }): Promise<Response> {
  if (!isValidVideoKey(key)) return videoNotFound();
  const store = videoStore();
  const size = await store.size(key);
  if (size === null) return videoNotFound();
  const etag = `"${key.slice(0, 64)}"`;
  const headers: Record<string, string> = { ...videoSecurityHeaders(), "cache-control": cacheControl, etag, "accept-ranges": "bytes", "content-type": videoMediaTypeOfKey(key) };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  // The bytes under a key never change, so If-Range needs no check beyond the ETag it names.
  const ifRange = request.headers.get("if-range");
  const ask = ifRange && ifRange !== etag ? ({ kind: "none" } as const) : parseRange(request.headers.get("range"), size);
  if (ask.kind === "unsatisfiable") return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
  const head = request.method === "HEAD";
  if (ask.kind === "range") {
    const { start, end } = ask.range;
    const partial = { ...headers, "content-range": `bytes ${start}-${end}/${size}`, "content-length": String(end - start + 1) };
    return new Response(head ? null : await store.open({ key, range: ask.range }), { status: 206, headers: partial });
  }
  return new Response(head ? null : await store.open({ key }), { status: 200, headers: { ...headers, "content-length": String(size) } });
}
