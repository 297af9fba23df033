import "server-only";
import sharp from "sharp";
import { LoupeError } from "@/lib/errors";
import { sniffImageMediaType } from "@/lib/storage/keys";
import { stripMetadata } from "./strip-metadata";

/**
 * The one door for image bytes Loupe did not draw itself: provider outputs and uploads.
 * Bytes are trusted for nothing: the type comes from the signature, never a label; markup
 * hidden in an image (an HTML/SVG polyglot) is refused; the pixel count is checked before
 * decoding, so a small file that inflates to gigapixels (a decompression bomb) never
 * allocates; and what is kept has no EXIF/GPS/XMP, text or comments and no trailing bytes.
 * That is done by copying only the chunks that carry pixels and colour (./strip-metadata.ts),
 * without decoding a pixel; a file whose EXIF may hold its orientation is re-encoded upright
 * instead, and a truncated or malformed one is refused.
 */

export const INGEST_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type IngestMediaType = (typeof INGEST_MEDIA_TYPES)[number];

/** Larger than any provider's output today; the cap keeps a bad file from filling memory or disk. */
export const DEFAULT_MAX_IMAGE_BYTES = 32 * 1024 * 1024;
/** 64 megapixels: above 8192×8192 upscales, far below what a bomb inflates to. */
export const DEFAULT_MAX_IMAGE_PIXELS = 64 * 1024 * 1024;

export type IngestedImage = { bytes: Uint8Array; mediaType: IngestMediaType; width: number; height: number };

/** The type the bytes are, from their magic number; null for anything else (GIF included). */
export function sniffIngestType(bytes: Uint8Array): IngestMediaType | null {
  const type = sniffImageMediaType(bytes);
  return type && (INGEST_MEDIA_TYPES as readonly string[]).includes(type) ? (type as IngestMediaType) : null;
}

/*
 * Tags a browser would act on if it ever sniffed the bytes as HTML or SVG. XMP metadata is
 * XML too (`<?xpacket`, `<x:xmpmeta`), so only tags that have no business in an image count.
 */
const MARKUP_TAGS = ["script", "html", "svg", "body", "iframe", "object", "embed", "!doctype"];
const LONGEST_TAG = Math.max(...MARKUP_TAGS.map((tag) => tag.length));
const LT = 0x3c;
// The first letters of the tags, both cases: most `<` bytes in compressed data are followed by none of them.
const FIRST = new Set([...new Set(MARKUP_TAGS.map((tag) => tag[0]!))].flatMap((c) => [c.charCodeAt(0), c.toUpperCase().charCodeAt(0)]));

/**
 * Whether a markup tag (case-insensitive, followed by whitespace, `>` or `/`; `<!doctype` by
 * whitespace and `html`) occurs anywhere in the bytes. Scans the bytes in place for `<` (memchr
 * speed) and looks only at what follows each one: no copy of the file into a string.
 */
export function containsMarkup(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buffer.indexOf(LT); at >= 0; at = buffer.indexOf(LT, at + 1)) {
    if (!FIRST.has(buffer[at + 1]!)) continue;
    const after = buffer.toString("latin1", at + 1, Math.min(buffer.length, at + 1 + LONGEST_TAG + 16)).toLowerCase();
    if (MARKUP_TAGS.some((tag) => tagAt(after, tag))) return true;
  }
  return false;
}

function tagAt(text: string, tag: string): boolean {
  if (!text.startsWith(tag)) return false;
  const rest = text.slice(tag.length);
  if (tag === "!doctype") return /^\s+html[\s>/]/.test(rest);
  return /^[\s>/]/.test(rest);
}

function refuseUnknown(bytes: Uint8Array): never {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8").trimStart().toLowerCase();
  if (head.startsWith("<") || head.includes("<svg")) {
    throw new LoupeError("unsupported_media", { message: "SVG, HTML and other markup files are not accepted. Use PNG, JPEG or WebP." });
  }
  throw new LoupeError("unsupported_media", { message: "Only PNG, JPEG and WebP images are accepted." });
}

function formatOf(mediaType: IngestMediaType): "png" | "jpeg" | "webp" {
  return mediaType === "image/png" ? "png" : mediaType === "image/jpeg" ? "jpeg" : "webp";
}

/** Header-only read: the pixel count is known before any pixel is decoded. */
async function checkHeader({ bytes, format, maxPixels }: { bytes: Uint8Array; format: string; maxPixels: number }): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch((cause: unknown) => {
    throw new LoupeError("unsupported_media", { message: "The image is damaged and could not be read.", cause });
  });
  if (meta.format !== format || !meta.width || !meta.height) {
    throw new LoupeError("unsupported_media", { message: "The image's contents do not match its type." });
  }
  if (meta.width * meta.height > maxPixels) throw tooManyPixels(maxPixels);
  return { width: meta.width, height: meta.height };
}

function tooManyPixels(maxPixels: number): LoupeError {
  return new LoupeError("too_large", { message: `The image has too many pixels (the limit is ${Math.floor(maxPixels / 1_000_000)} megapixels).` });
}

/*
 * zlib level 1 for PNG: on a 2 MB photographic 1024² render the encode takes ~40 ms of CPU
 * against ~66 ms at sharp's default level 6 (decode ~27 ms either way), for a file ~30 % larger.
 * Every render pays this before the designer sees it, while browsers are sent WebP/AVIF
 * renditions, so the stored original's size matters less than the time. Level 0 (no
 * compression, ~8 ms) would store 1.5x the bytes and send Claude a larger image.
 */
const PNG_OPTIONS = { compressionLevel: 1 } as const;

async function reencode({ bytes, mediaType, maxPixels }: { bytes: Uint8Array; mediaType: IngestMediaType; maxPixels: number }) {
  // failOn "truncated" refuses cut-off files instead of padding them with grey; one top-to-bottom
  // pass (sequentialRead) is all an upright re-encode needs and keeps less of the image in memory.
  const pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: "truncated", sequentialRead: true }).rotate();
  const encoded =
    mediaType === "image/png" ? pipeline.png(PNG_OPTIONS) : mediaType === "image/jpeg" ? pipeline.jpeg({ quality: 92 }) : pipeline.webp({ quality: 92 });
  // No withMetadata(): sharp writes none of EXIF, GPS, XMP or comments into the new file.
  return encoded.toBuffer({ resolveWithObject: true }).catch((cause: unknown) => {
    if (cause instanceof Error && /pixel limit/i.test(cause.message)) throw tooManyPixels(maxPixels);
    throw new LoupeError("unsupported_media", { message: "The image is damaged or incomplete and could not be read.", cause });
  });
}

export async function ingestImage({
  bytes,
  maxBytes = DEFAULT_MAX_IMAGE_BYTES,
  maxPixels = DEFAULT_MAX_IMAGE_PIXELS,
}: {
  bytes: Uint8Array;
  maxBytes?: number;
  maxPixels?: number;
}): Promise<IngestedImage> {
  if (bytes.byteLength === 0) throw new LoupeError("unsupported_media", { message: "The image is empty." });
  if (bytes.byteLength > maxBytes) {
    throw new LoupeError("too_large", { message: `The image is too large (the limit is ${Math.floor(maxBytes / (1024 * 1024))} MB).` });
  }
  const mediaType = sniffIngestType(bytes);
  if (!mediaType) refuseUnknown(bytes);
  if (containsMarkup(bytes)) {
    throw new LoupeError("unsupported_media", { message: "The image contains embedded markup and was refused." });
  }
  const size = await checkHeader({ bytes, format: formatOf(mediaType), maxPixels });
  const stripped = stripMetadata({ bytes, mediaType });
  if (stripped.kind === "damaged") {
    throw new LoupeError("unsupported_media", { message: "The image is damaged or incomplete and could not be read.", cause: new Error(stripped.reason) });
  }
  if (stripped.kind === "stripped") return { bytes: stripped.bytes, mediaType, ...size };
  const { data, info } = await reencode({ bytes, mediaType, maxPixels });
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mediaType, width: info.width, height: info.height };
}

/**
 * For images a designer hands in to be read rather than rendered from: a GIF is accepted too
 * and kept as a PNG of its first frame (Loupe stores and serves PNG, JPEG and WebP only; an
 * animation is read from its first frame). Its pixel count is checked before it is decoded.
 */
export async function ingestStill(input: { bytes: Uint8Array; maxBytes?: number; maxPixels?: number }): Promise<IngestedImage> {
  const { bytes, maxPixels = DEFAULT_MAX_IMAGE_PIXELS } = input;
  if (sniffImageMediaType(bytes) !== "image/gif") return ingestImage(input);
  if (bytes.byteLength > (input.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES)) return ingestImage(input);
  await checkHeader({ bytes, format: "gif", maxPixels });
  const png = await sharp(bytes, { limitInputPixels: maxPixels, failOn: "truncated" })
    .png(PNG_OPTIONS)
    .toBuffer()
    .catch((cause: unknown) => {
      throw new LoupeError("unsupported_media", { message: "The GIF is damaged or incomplete and could not be read.", cause });
    });
  return ingestImage({ bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), maxBytes: Number.MAX_SAFE_INTEGER, maxPixels });
}
