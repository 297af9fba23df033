import "server-only";
import { after } from "next/server";
import sharp from "sharp";
import { isValidImageKey, mediaTypeOfKey } from "./keys";
import { derivedStore, imageStore } from "./stores";

/*
 * Smaller encodings of stored images for the browser: AVIF or WebP, negotiated on `Accept`,
 * at a closed set of widths. Each is made once from the original, stored beside it as a
 * derived object keyed by hash + width + format (immutable, like the original), and served
 * from there afterwards. The original bytes stay one request away (no Accept, or download).
 */

export const renditionWidths = [96, 256, 512, 1024] as const;
export type RenditionWidth = (typeof renditionWidths)[number];
export type RenditionFormat = "avif" | "webp";
/** `width` null: the full size, re-encoded. */
export type Rendition = { width: RenditionWidth | null; format: RenditionFormat };

// AVIF is the smaller format, but libaom at 1024² takes ~0.5 s on this class of machine against
// ~0.1 s for WebP, and the first viewer waits for it: AVIF only where it encodes fast.
const AVIF_MAX_WIDTH = 512;
// Full-size renditions only replace formats that are heavy on the wire; GIFs may be animated.
const REENCODE_FULL_SIZE = new Set(["image/png", "image/jpeg"]);

/** Formats the `Accept` header lists explicitly (a `*` wildcard is not a promise to decode AVIF). */
export function acceptedFormats(accept: string | null): Set<RenditionFormat> {
  const formats = new Set<RenditionFormat>();
  for (const part of (accept ?? "").toLowerCase().split(",")) {
    const [type, ...params] = part.trim().split(";");
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (!refused && (type === "image/avif" || type === "image/webp")) formats.add(type.slice(6) as RenditionFormat);
  }
  return formats;
}

/**
 * What to send for a stored image: a rendition, or null for the original bytes. A width is
 * always a rendition (WebP unless the browser says it takes AVIF); the full size is re-encoded
 * only when the browser says it takes AVIF or WebP and the original is a PNG or JPEG.
 */
export function chooseRendition({ key, width, accept }: { key: string; width: RenditionWidth | null; accept: string | null }): Rendition | null {
  const formats = acceptedFormats(accept);
  if (width !== null) return { width, format: formats.has("avif") && width <= AVIF_MAX_WIDTH ? "avif" : "webp" };
  if (!REENCODE_FULL_SIZE.has(mediaTypeOfKey(key)) || formats.size === 0) return null;
  return { width: null, format: formats.has("webp") ? "webp" : "avif" };
}

export function derivedKey({ key, width, format }: { key: string } & Rendition): string {
  return `${key.slice(0, 64)}.${width === null ? "full" : `w${width}`}.${format}`;
}

async function encode({ bytes, width, format }: { bytes: Uint8Array } & Rendition): Promise<Uint8Array> {
  let pipeline = sharp(bytes, { limitInputPixels: 64_000_000 }).rotate();
  if (width !== null) pipeline = pipeline.resize({ width, withoutEnlargement: true });
  const big = width === null || width > AVIF_MAX_WIDTH;
  const out = format === "avif" ? await pipeline.avif({ quality: 50, effort: 2 }).toBuffer() : await pipeline.webp({ quality: 78, effort: big ? 2 : 4 }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

// Recently served small renditions (thumbnails above all) stay in memory: a history tree asks
// for dozens at once. Bounded by bytes, oldest out first.
const HOT_MAX_BYTES = 16 * 1024 * 1024;
const HOT_MAX_ITEM = 256 * 1024;
type Hot = { items: Map<string, Uint8Array>; bytes: number; inflight: Map<string, Promise<Uint8Array | null>> };
const state = globalThis as typeof globalThis & { __loupeRenditions?: Hot };
const hot = (): Hot => (state.__loupeRenditions ??= { items: new Map(), bytes: 0, inflight: new Map() });

function remember(name: string, bytes: Uint8Array): void {
  const cache = hot();
  if (bytes.byteLength > HOT_MAX_ITEM || cache.items.has(name)) return;
  cache.items.set(name, bytes);
  cache.bytes += bytes.byteLength;
  for (const [oldest, value] of cache.items) {
    if (cache.bytes <= HOT_MAX_BYTES) break;
    cache.items.delete(oldest);
    cache.bytes -= value.byteLength;
  }
}

async function makeRendition(input: { key: string; original?: Uint8Array } & Rendition, name: string): Promise<Uint8Array | null> {
  const stored = input.original ? null : await derivedStore().get(name);
  if (stored) return stored;
  const original = input.original ?? (await imageStore().get(input.key));
  if (!original) return null;
  const bytes = await encode({ bytes: original, width: input.width, format: input.format });
  // A rendition that could not be cached is still a good answer; it is made again next time.
  await derivedStore()
    .put({ key: name, bytes, mediaType: `image/${input.format}` })
    .catch((error: unknown) => console.error("[loupe] could not cache a rendition", error));
  return bytes;
}

/**
 * The rendition's bytes, or null when no original is stored under the key. Concurrent
 * requests for the same rendition share one encode.
 */
export async function readRendition(input: { key: string; original?: Uint8Array } & Rendition): Promise<Uint8Array | null> {
  if (!isValidImageKey(input.key)) return null;
  const name = derivedKey(input);
  const cache = hot();
  const remembered = cache.items.get(name);
  if (remembered) return remembered;
  let pending = cache.inflight.get(name);
  if (!pending) {
    pending = makeRendition(input, name).finally(() => cache.inflight.delete(name));
    cache.inflight.set(name, pending);
  }
  const bytes = await pending;
  if (bytes) remember(name, bytes);
  return bytes;
}

/** What to send: bytes in hand, or a file streamed as it is read. */
export type RenditionBody = { bytes: Uint8Array } | { stream: ReadableStream<Uint8Array>; size: number };

/**
 * A rendition to send, with no image work once it exists: from memory when it is a hot small
 * one, else streamed from its stored file (small ones are read whole and kept hot for next
 * time); encoded (once, shared with concurrent requests) only when it was never made.
 */
export async function openRendition(input: { key: string } & Rendition): Promise<RenditionBody | null> {
  if (!isValidImageKey(input.key)) return null;
  const name = derivedKey(input);
  const remembered = hot().items.get(name);
  if (remembered) return { bytes: remembered };
  const opened = await derivedStore().open?.(name);
  if (opened && opened.size > HOT_MAX_ITEM) return opened;
  if (opened) await opened.stream.cancel();
  const bytes = await readRendition(input);
  return bytes ? { bytes } : null;
}

/** Every rendition that can exist for a key, so deleting an original leaves none behind. */
export async function deleteRenditions(key: string): Promise<void> {
  const names = ([null, ...renditionWidths] as const).flatMap((width) => (["avif", "webp"] as const).map((format) => derivedKey({ key, width, format })));
  const cache = hot();
  for (const name of names) {
    const bytes = cache.items.get(name);
    if (bytes) cache.bytes -= bytes.byteLength;
    cache.items.delete(name);
  }
  await Promise.all(names.map((name) => derivedStore().delete(name)));
}

/** The view a results panel asks for first: one image at up to 1024 px wide, in a browser that takes WebP or AVIF. */
const FIRST_VIEW = { width: 1024, accept: "image/avif,image/webp" } as const;

/**
 * Encodes the rendition a browser will ask for first, from the bytes just stored, once the
 * answer has been sent (`after`): the encode no longer takes the request's CPU on a small
 * machine, and the browser's request for it, which comes right after the answer, joins this
 * encode (or finds it done) instead of starting another from the stored file. Outside a
 * request (a background job, a test) it starts on the next turn of the event loop. Fire and
 * forget; a failure only means the browser's request makes it.
 */
export function prepareRendition({ key, original }: { key: string; original: Uint8Array }): void {
  const rendition = chooseRendition({ key, width: FIRST_VIEW.width, accept: FIRST_VIEW.accept });
  if (!rendition) return;
  const encode = () => readRendition({ key, original, ...rendition }).catch((error: unknown) => console.error("[loupe] could not prepare a rendition", error));
  try {
    after(encode);
  } catch {
    // Not inside a request: nothing to wait for.
    setImmediate(encode);
  }
}
