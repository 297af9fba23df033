import "server-only";
import sharp from "sharp";
import { FEATHER_PX } from "@/lib/images/feather";
import { readMask, PAINTED } from "@/lib/images/mask";

/*
 * What an edit really changed, measured on the pixels: the image before, the result, and the
 * mask painted on the before image. Inside the region: how much of it changed. Outside: whether
 * anything did, and where. Sizes may differ (a provider answered at its own size): both are
 * compared at the result's size, the mask scaled with them.
 */

/** A pixel counts as changed past this difference in any channel (0–255): encoding noise stays below it. */
const CHANGED = 12;

export type RegionChange = {
  width: number;
  height: number;
  /** Share of the painted region whose pixels changed. */
  insideChanged: number;
  /** Mean absolute difference inside the region, 0–255. */
  insideDelta: number;
  /** Share of the pixels outside the region that changed (a band of FEATHER_PX around it excluded). */
  outsideChanged: number;
  /** Largest difference outside the region, 0–255. */
  outsideMax: number;
  /** Where outside changes lie, as a box in the result's pixels; null when none. */
  outsideBox: { x: number; y: number; w: number; h: number } | null;
  /** Share of the image the region covers. */
  regionShare: number;
  /** The before image had another size and was scaled to the result's. */
  rescaled: boolean;
};

async function pixels(bytes: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(bytes).rotate().flatten({ background: "#ffffff" }).resize(width, height, { fit: "fill" }).toColourspace("srgb").removeAlpha().raw().toBuffer();
}

export async function measureRegionChange({ before, after, mask }: { before: Uint8Array; after: Uint8Array; mask: Uint8Array }): Promise<RegionChange> {
  const meta = await sharp(after).metadata();
  const { width, height } = meta.autoOrient;
  const beforeMeta = await sharp(before).metadata();
  // The mask was painted on the before image: its shape is checked against that image.
  await readMask({ bytes: mask, width: beforeMeta.autoOrient.width, height: beforeMeta.autoOrient.height });
  const coverage = await readMask({ bytes: mask, width, height });
  const [a, b] = await Promise.all([pixels(before, width, height), pixels(after, width, height)]);
  const near = nearRegion(coverage.data, width, height);
  let [inside, insideChanged, insideSum, outside, outsideChanged, outsideMax] = [0, 0, 0, 0, 0, 0];
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let i = 0; i < width * height; i++) {
    const d = Math.max(Math.abs(a[i * 3]! - b[i * 3]!), Math.abs(a[i * 3 + 1]! - b[i * 3 + 1]!), Math.abs(a[i * 3 + 2]! - b[i * 3 + 2]!));
    if (coverage.data[i]! >= PAINTED) {
      inside++;
      insideSum += d;
      if (d > CHANGED) insideChanged++;
      continue;
    }
    if (near[i]) continue;
    outside++;
    outsideMax = Math.max(outsideMax, d);
    if (d <= CHANGED) continue;
    outsideChanged++;
    const x = i % width;
    const y = (i - x) / width;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return {
    width,
    height,
    insideChanged: inside > 0 ? insideChanged / inside : 0,
    insideDelta: inside > 0 ? insideSum / inside : 0,
    outsideChanged: outside > 0 ? outsideChanged / outside : 0,
    outsideMax,
    outsideBox: x1 >= 0 ? { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 } : null,
    regionShare: coverage.share,
    rescaled: beforeMeta.autoOrient.width !== width || beforeMeta.autoOrient.height !== height,
  };
}

/** Unpainted pixels within a few pixels of the region: a soft brush edge or a feather may touch them. */
function nearRegion(data: Uint8Array, width: number, height: number): Uint8Array {
  const near = new Uint8Array(width * height);
  const r = FEATHER_PX;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! === 0) continue;
      for (let dy = -r; dy <= r; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) near[yy * width + xx] = 1;
        }
      }
    }
  }
  return near;
}
