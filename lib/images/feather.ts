import "server-only";
import sharp from "sharp";
import { PAINTED, type MaskCoverage } from "./mask";

/*
 * Putting new pixels into an image through a painted region. The edge is feathered inward only:
 * the blend ramps from the region's border to full strength a few pixels inside it, so every
 * pixel outside the region keeps the input's exact value and the seam still does not show.
 */

/** How far inside the region the blend reaches full strength, in pixels. */
export const FEATHER_PX = 3;

/**
 * Blend weight per pixel, 0–1: 0 outside the painted region, rising to 1 at `radius` pixels
 * inside it (a 3-4 chamfer distance, close to Euclidean). The image's own border is not an
 * edge of the region, so a region that touches it is not faded there.
 */
export function featherWeights(mask: Pick<MaskCoverage, "data" | "width" | "height">, radius = FEATHER_PX): Float32Array {
  const { data, width, height } = mask;
  const d = chamferDistance({ width, height, cap: 3 * (radius + 1), isSource: (i) => data[i]! < PAINTED });
  const weights = new Float32Array(width * height);
  for (let i = 0; i < d.length; i++) weights[i] = Math.min(1, d[i]! / (3 * radius));
  return weights;
}

/**
 * Each pixel's distance to the nearest source pixel, in thirds of a pixel (a 3-4 chamfer: two
 * passes, close to Euclidean), capped at `cap`. Beyond the raster's border there is no source.
 */
export function chamferDistance({ width, height, cap, isSource }: { width: number; height: number; cap: number; isSource: (i: number) => boolean }): Int32Array {
  const d = new Int32Array(width * height);
  for (let i = 0; i < d.length; i++) d[i] = isSource(i) ? 0 : cap;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? cap : d[y * width + x]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      d[i] = Math.min(d[i]!, at(x - 1, y) + 3, at(x, y - 1) + 3, at(x - 1, y - 1) + 4, at(x + 1, y - 1) + 4);
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      d[i] = Math.min(d[i]!, at(x + 1, y) + 3, at(x, y + 1) + 3, at(x + 1, y + 1) + 4, at(x - 1, y + 1) + 4);
    }
  }
  return d;
}

export type Raster = { data: Buffer; width: number; height: number; channels: 3 | 4 };

/** The image's pixels at a given size, upright, with its alpha channel kept when it has one. */
export async function rasterOf({ bytes, width, height, fit = "fill" }: { bytes: Uint8Array; width: number; height: number; fit?: "fill" | "cover" }): Promise<Raster> {
  const meta = await sharp(bytes).metadata();
  const channels = meta.hasAlpha ? 4 : 3;
  let pipeline = sharp(bytes).rotate().toColourspace("srgb");
  const { width: w, height: h } = meta.autoOrient;
  if (w !== width || h !== height) pipeline = pipeline.resize(width, height, { fit, kernel: "lanczos3" });
  pipeline = channels === 4 ? pipeline.ensureAlpha() : pipeline.removeAlpha();
  const data = await pipeline.raw().toBuffer();
  return { data, width, height, channels };
}

/** `top` blended over `base` by per-pixel weights (same size); where a weight is 0 the base pixel is copied as it is. */
export function blendRasters({ base, top, weights }: { base: Raster; top: Raster; weights: Float32Array }): Raster {
  const { width, height, channels } = base;
  const out = Buffer.from(base.data);
  const step = top.channels;
  for (let i = 0; i < width * height; i++) {
    const a = weights[i]!;
    if (a <= 0) continue;
    for (let c = 0; c < channels; c++) {
      const b = base.data[i * channels + c]!;
      // A top without alpha is opaque.
      const t = c < step ? top.data[i * step + c]! : 255;
      out[i * channels + c] = Math.round(b + (t - b) * a);
    }
  }
  return { data: out, width, height, channels };
}

/** PNG bytes of a raster (zlib level 3: several times faster than the default, a few per cent larger). */
export async function encodePng(raster: Raster): Promise<Uint8Array> {
  const buffer = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } }).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * An edit's result put back into its input: `edited` (any size; it is fitted to the input) goes
 * in through the painted region with an inward feather, the rest is the input's own pixels.
 */
export async function compositeThroughMask({ input, edited, mask }: { input: Uint8Array; edited: Uint8Array; mask: MaskCoverage }): Promise<Uint8Array> {
  const base = await rasterOf({ bytes: input, width: mask.width, height: mask.height });
  const top = await rasterOf({ bytes: edited, width: mask.width, height: mask.height });
  return encodePng(blendRasters({ base, top, weights: featherWeights(mask) }));
}
