import "server-only";
import sharp from "sharp";
import { sniffImageMediaType } from "@/lib/storage/keys";
import { EditError } from "./edit-errors";
import { DEFAULT_MAX_IMAGE_PIXELS } from "./ingest";

/*
 * The painted region of an edit, read once and shared by both pipelines: generation sends it to
 * providers (each in its own format) and composites their answer through it; understanding
 * measures what changed inside and outside it.
 *
 * A Loupe mask is a PNG or WebP the size (or at least the shape) of the image it was painted on.
 * Painted means opaque on a transparent canvas (what a browser canvas exports), or white on
 * black when the file has no transparency. Coverage is kept per pixel, 0–255; a pixel counts as
 * painted from 128 up (half-covered brush edges are not the region).
 */

export const IMAGE_FORMATS = "PNG, JPEG or WebP";
export const MASK_FORMATS = "a PNG or WebP mask";
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
const MASK_TYPES = new Set(["image/png", "image/webp"]);

/** Fewer painted pixels than this share (or 64 pixels) is an empty mask. */
const MIN_PAINTED_SHARE = 0.001;
/** More than this share painted leaves nothing to keep: that is a whole-image edit. */
const MAX_PAINTED_SHARE = 0.99;
/** Masks whose shape differs from the image's by more than this are refused rather than stretched. */
const SHAPE_TOLERANCE = 0.01;
export const PAINTED = 128;

export type ImageFacts = { width: number; height: number; mediaType: "image/png" | "image/jpeg" | "image/webp" };

/** Width, height and type of an image an edit carries (the input image or a reference); refuses other formats. */
export async function readEditImage({ bytes, what }: { bytes: Uint8Array; what: string }): Promise<ImageFacts> {
  const type = sniffImageMediaType(bytes);
  if (!type || !IMAGE_TYPES.has(type)) throw new EditError({ reason: "unsupported_format", what, found: formatName(type, bytes), accepted: IMAGE_FORMATS });
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch((cause: unknown) => {
    throw new EditError({ reason: "unreadable", what }, { cause });
  });
  const { width, height } = meta.autoOrient;
  if (!width || !height) throw new EditError({ reason: "unreadable", what });
  if (width * height > DEFAULT_MAX_IMAGE_PIXELS) throw new EditError({ reason: "unreadable", what });
  return { width, height, mediaType: type as ImageFacts["mediaType"] };
}

function formatName(type: string | null, bytes: Uint8Array): string | null {
  if (type) return type.replace("image/", "").toUpperCase();
  const head = Buffer.from(bytes.subarray(0, 256)).toString("latin1").toLowerCase();
  if (head.includes("<svg")) return "SVG";
  if (head.startsWith("ii*") || head.startsWith("mm\0*")) return "TIFF";
  if (head.slice(4, 12).includes("ftyphei") || head.slice(4, 12).includes("ftypavif")) return head.includes("avif") ? "AVIF" : "HEIC";
  return null;
}

export type MaskCoverage = {
  /** One byte per pixel of the image, row by row: 0 untouched … 255 fully painted. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Share of pixels painted (coverage ≥ 128). */
  share: number;
  /** The painted pixels' bounding box. */
  bounds: { x: number; y: number; w: number; h: number };
};

/**
 * Reads a mask against the image it was painted on and checks it: a PNG or WebP, the image's
 * shape (a mask painted at display size is scaled to the image), neither empty nor everything.
 */
export async function readMask({ bytes, width, height }: { bytes: Uint8Array; width: number; height: number }): Promise<MaskCoverage> {
  const type = sniffImageMediaType(bytes);
  if (!type || !MASK_TYPES.has(type)) throw new EditError({ reason: "unsupported_format", what: "the mask", found: formatName(type, bytes), accepted: MASK_FORMATS });
  const meta = await sharp(bytes).metadata().catch((cause: unknown) => {
    throw new EditError({ reason: "unreadable", what: "the mask" }, { cause });
  });
  if (!meta.width || !meta.height) throw new EditError({ reason: "unreadable", what: "the mask" });
  const mask = { width: meta.width, height: meta.height };
  const sameShape = Math.abs(Math.log(mask.width / mask.height) - Math.log(width / height)) <= SHAPE_TOLERANCE;
  if (!sameShape) throw new EditError({ reason: "mask_size_mismatch", mask, image: { width, height } });
  const data = await coverageOf({ bytes, width, height, hasAlpha: meta.hasAlpha === true });
  const coverage = withStats({ data, width, height });
  const minimum = Math.max(64, Math.round(width * height * MIN_PAINTED_SHARE));
  if (coverage.share * width * height < minimum) throw new EditError({ reason: "empty_mask" });
  if (coverage.share > MAX_PAINTED_SHARE) throw new EditError({ reason: "full_mask", share: coverage.share });
  return coverage;
}

async function coverageOf({ bytes, width, height, hasAlpha }: { bytes: Uint8Array; width: number; height: number; hasAlpha: boolean }): Promise<Uint8Array> {
  const pipeline = sharp(bytes).resize(width, height, { fit: "fill", kernel: "linear" });
  if (hasAlpha) {
    const alpha = await pipeline.clone().extractChannel("alpha").raw().toBuffer();
    // A mask saved with an alpha channel that is opaque everywhere is a black-and-white mask.
    if (alpha.some((a) => a < 255)) return new Uint8Array(alpha.buffer, alpha.byteOffset, alpha.byteLength);
  }
  const grey = await pipeline.flatten({ background: "#000000" }).greyscale().raw().toBuffer();
  return new Uint8Array(grey.buffer, grey.byteOffset, grey.byteLength);
}

/** Painted share and bounds of a coverage map. */
export function withStats({ data, width, height }: { data: Uint8Array; width: number; height: number }): MaskCoverage {
  let count = 0;
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! < PAINTED) continue;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  const bounds = count > 0 ? { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 } : { x: 0, y: 0, w: 0, h: 0 };
  return { data, width, height, share: count / (width * height), bounds };
}

/** OpenAI's mask: a PNG of the image's size whose fully transparent pixels are the region to edit. */
export async function maskAsAlphaPng(mask: MaskCoverage): Promise<Uint8Array> {
  const rgba = Buffer.alloc(mask.width * mask.height * 4);
  for (let i = 0; i < mask.data.length; i++) rgba[i * 4 + 3] = mask.data[i]! >= PAINTED ? 0 : 255;
  return png(await sharp(rgba, { raw: { width: mask.width, height: mask.height, channels: 4 } }).png().toBuffer());
}

/** FLUX Fill's mask (fal and Black Forest Labs): black and white, white is the region to fill. */
export async function maskAsWhitePng(mask: MaskCoverage): Promise<Uint8Array> {
  const grey = Buffer.alloc(mask.width * mask.height);
  for (let i = 0; i < mask.data.length; i++) grey[i] = mask.data[i]! >= PAINTED ? 255 : 0;
  return png(await sharp(grey, { raw: { width: mask.width, height: mask.height, channels: 1 } }).toColourspace("b-w").png().toBuffer());
}

const png = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
