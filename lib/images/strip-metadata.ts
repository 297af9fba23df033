import "server-only";

/*
 * Metadata out of PNG, JPEG and WebP files without decoding or re-encoding a pixel: the
 * container is walked and only the parts that carry pixels and colour are copied. Text, EXIF,
 * XMP, comments, unknown chunks and anything after the end marker are left behind.
 *
 * Answers "reencode" when the file carries EXIF: its orientation may be what makes the picture
 * upright, so the caller re-encodes with the rotation applied instead (rare for providers' own
 * output). Answers "damaged" for a file whose structure does not hold together (a chunk past the
 * end, no end marker): a truncated file is refused, as the decoder used to refuse it.
 */

export type StripResult = { kind: "stripped"; bytes: Uint8Array } | { kind: "reencode" } | { kind: "damaged"; reason: string };

const damaged = (reason: string): StripResult => ({ kind: "damaged", reason });

// ── PNG ──────────────────────────────────────────────────────────────────────────────────

/** Critical chunks and the ancillary ones that change how the pixels look. */
const PNG_KEEP = new Set(["IHDR", "PLTE", "IDAT", "IEND", "gAMA", "cHRM", "sRGB", "iCCP", "tRNS", "sBIT"]);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function stripPng(bytes: Uint8Array): StripResult {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return damaged("not a PNG");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Array<[number, number]> = [[0, 8]];
  let offset = 8;
  let sawIdat = false;
  for (let first = true; ; first = false) {
    if (offset + 12 > bytes.length) return damaged("a chunk runs past the end of the file");
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return damaged("a chunk runs past the end of the file");
    const type = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!, bytes[offset + 6]!, bytes[offset + 7]!);
    if (first && type !== "IHDR") return damaged("the header chunk is not first");
    if (type === "eXIf") return { kind: "reencode" };
    if (type === "IDAT") sawIdat = true;
    if (PNG_KEEP.has(type)) kept.push([offset, end]);
    offset = end;
    // Anything after IEND (a polyglot's payload, an appended archive) is not part of the image.
    if (type === "IEND") break;
  }
  return sawIdat ? { kind: "stripped", bytes: concat(bytes, kept) } : damaged("no image data");
}

// ── JPEG ─────────────────────────────────────────────────────────────────────────────────

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

const startsWithAscii = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/**
 * Segments kept: JFIF (APP0), the ICC profile (APP2 "ICC_PROFILE"), Adobe's colour transform
 * (APP14 "Adobe": without it a CMYK or RGB-coded JPEG decodes in the wrong colours), and every
 * non-APP marker the decoder needs (tables, frame, scans). Dropped: the other APPn (EXIF and XMP
 * in APP1, Photoshop's APP13, …) and comments.
 */
function keepJpegSegment(marker: number, bytes: Uint8Array, payload: number): boolean {
  if (marker === COM) return false;
  if (marker === APP0) return startsWithAscii(bytes, payload, "JFIF\0");
  if (marker === APP2) return startsWithAscii(bytes, payload, "ICC_PROFILE\0");
  if (marker === APP14) return startsWithAscii(bytes, payload, "Adobe");
  return marker < APP0 || marker > 0xef;
}

export function stripJpeg(bytes: Uint8Array): StripResult {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return damaged("not a JPEG");
  const kept: Array<[number, number]> = [[0, 2]];
  let offset = 2;
  while (offset + 2 <= bytes.length) {
    if (bytes[offset] !== 0xff) return damaged("a segment does not start with a marker");
    const marker = bytes[offset + 1]!;
    // Fill bytes (0xFF repeated) may pad between segments.
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === EOI) return { kind: "stripped", bytes: concat(bytes, [...kept, [offset, offset + 2]]) };
    if (offset + 4 > bytes.length) break;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) return damaged("a segment runs past the end of the file");
    if (marker === APP1 && startsWithAscii(bytes, offset + 4, "Exif\0")) return { kind: "reencode" };
    if (marker === SOS) {
      const scanEnd = entropyCodedEnd(bytes, end);
      if (scanEnd < 0) return damaged("the image data has no end");
      kept.push([offset, scanEnd]);
      offset = scanEnd;
      continue;
    }
    if (keepJpegSegment(marker, bytes, offset + 4)) kept.push([offset, end]);
    offset = end;
  }
  return damaged("no end-of-image marker");
}

/** Where a scan's entropy-coded data ends: the next marker that is not stuffing (FF00) or a restart (FFD0–D7). */
function entropyCodedEnd(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    at = bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= bytes.length) return -1;
    const next = bytes[at + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      at += next === 0xff ? 1 : 2;
      continue;
    }
    return at;
  }
}

// ── WebP ─────────────────────────────────────────────────────────────────────────────────

/** Chunks that carry pixels, alpha, animation or colour; EXIF, XMP and unknown chunks go. */
const WEBP_KEEP = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

export function stripWebp(bytes: Uint8Array): StripResult {
  if (bytes.length < 20 || !startsWithAscii(bytes, 0, "RIFF") || !startsWithAscii(bytes, 8, "WEBP")) return damaged("not a WebP");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Bytes past the RIFF size are not part of the file.
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) return damaged("the file is shorter than its header says");
  const kept: Array<[number, number]> = [];
  let offset = 12;
  let sawImage = false;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) return damaged("a chunk runs past the end of the file");
    const type = String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
    const size = view.getUint32(offset + 4, true);
    // Chunks are padded to an even size.
    const end = offset + 8 + size + (size & 1);
    if (end > riffEnd) return damaged("a chunk runs past the end of the file");
    if (type === "EXIF") return { kind: "reencode" };
    if (type === "VP8 " || type === "VP8L" || type === "ANMF") sawImage = true;
    if (WEBP_KEEP.has(type)) kept.push([offset, end]);
    offset = end;
  }
  if (!sawImage) return damaged("no image data");
  const body = concat(bytes, kept);
  const out = new Uint8Array(12 + body.length);
  out.set(bytes.subarray(0, 12));
  out.set(body, 12);
  const outView = new DataView(out.buffer);
  outView.setUint32(4, out.length - 8, true);
  // VP8X's flags announce EXIF and XMP chunks; they are gone, so the flags must say so.
  if (startsWithAscii(out, 12, "VP8X")) out[20] = out[20]! & ~(VP8X_EXIF | VP8X_XMP);
  return { kind: "stripped", bytes: out };
}

// ── shared ───────────────────────────────────────────────────────────────────────────────

function concat(bytes: Uint8Array, ranges: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const total = ranges.reduce((sum, [start, end]) => sum + (end - start), 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const [start, end] of ranges) {
    out.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

export function stripMetadata({ bytes, mediaType }: { bytes: Uint8Array; mediaType: "image/png" | "image/jpeg" | "image/webp" }): StripResult {
  if (mediaType === "image/png") return stripPng(bytes);
  if (mediaType === "image/jpeg") return stripJpeg(bytes);
  return stripWebp(bytes);
}
