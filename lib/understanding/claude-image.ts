import "server-only";
import sharp from "sharp";
import { LoupeError } from "@/lib/errors";
import type { CritiqueImage } from "./types";

/** Claude sees at most ~1568 px on the long edge; larger images only cost latency and tokens. */
export const CLAUDE_MAX_EDGE = 1568;
/** The API's per-image limit is 5 MB of base64-decoded bytes; stay safely under it. */
export const CLAUDE_MAX_BYTES = 5 * 1024 * 1024 - 64 * 1024;

const passThroughTypes = new Set(["image/jpeg", "image/png", "image/webp"]);

export type ClaudeImage = {
  base64: string;
  mediaType: "image/jpeg" | "image/png" | "image/webp";
  width: number;
  height: number;
};

/**
 * Downscales and, when needed, re-encodes an image so that Claude accepts it: long edge
 * ≤ 1568 px, bytes under 5 MB, JPEG/PNG/WebP. Already-fitting images go through untouched so
 * Claude judges exactly the pixels the designer sees.
 */
export async function prepareImageForClaude(image: CritiqueImage): Promise<ClaudeImage> {
  const meta = await readMetadata(image.bytes);
  const oriented = meta.autoOrient;
  const fits = Math.max(oriented.width, oriented.height) <= CLAUDE_MAX_EDGE && image.bytes.byteLength <= CLAUDE_MAX_BYTES;
  const mediaType = `image/${meta.format}`;
  if (fits && passThroughTypes.has(mediaType) && (meta.orientation ?? 1) === 1) {
    return {
      base64: Buffer.from(image.bytes).toString("base64"),
      mediaType: mediaType as ClaudeImage["mediaType"],
      width: oriented.width,
      height: oriented.height,
    };
  }
  return reencode({ bytes: image.bytes, keepAlpha: meta.hasAlpha === true });
}

async function readMetadata(bytes: Uint8Array) {
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.autoOrient.width || !meta.autoOrient.height) throw new Error("image without dimensions");
    return meta;
  } catch (cause) {
    throw new LoupeError("unsupported_media", { cause });
  }
}

async function reencode({ bytes, keepAlpha }: { bytes: Uint8Array; keepAlpha: boolean }): Promise<ClaudeImage> {
  // Step down the size until it fits; photographic noise can defeat a single pass.
  for (const [edge, quality] of [
    [CLAUDE_MAX_EDGE, 88],
    [CLAUDE_MAX_EDGE, 75],
    [1280, 75],
    [1024, 70],
  ] as const) {
    const pipeline = sharp(bytes).rotate().resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true });
    const encoded = keepAlpha
      ? await pipeline.webp({ quality }).toBuffer({ resolveWithObject: true })
      : await pipeline.jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    if (encoded.data.byteLength <= CLAUDE_MAX_BYTES) {
      return {
        base64: encoded.data.toString("base64"),
        mediaType: keepAlpha ? "image/webp" : "image/jpeg",
        width: encoded.info.width,
        height: encoded.info.height,
      };
    }
  }
  throw new LoupeError("too_large");
}
