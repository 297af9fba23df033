import "server-only";
import { chamferDistance, type Raster } from "@/lib/images/feather";
import { PAINTED, type MaskCoverage } from "@/lib/images/mask";

/*
 * Fills the painted region from its surroundings, so what was under it (an old headline, an
 * object) is gone and the new content sits on ground that continues the image around it.
 * Push–pull: the known pixels are averaged down a pyramid until every cell has a value, then
 * the pyramid is walked back up, each unknown pixel taking the bilinear value of the level
 * below. The result is smooth, follows gradients across the region, and is deterministic.
 */

/** How far outside the painted region the fill starts learning, as a share of the image's short side. */
const SOURCE_GAP = 0.012;

type Level = { w: number; h: number; values: Float32Array; weight: Float32Array };

function down(level: Level, channels: number): Level {
  const w = Math.max(1, Math.ceil(level.w / 2));
  const h = Math.max(1, Math.ceil(level.h / 2));
  const values = new Float32Array(w * h * channels);
  const weight = new Float32Array(w * h);
  for (let y = 0; y < level.h; y++) {
    for (let x = 0; x < level.w; x++) {
      const i = y * level.w + x;
      const k = level.weight[i]!;
      if (k === 0) continue;
      const j = (y >> 1) * w + (x >> 1);
      weight[j]! += k;
      for (let c = 0; c < channels; c++) values[j * channels + c]! += level.values[i * channels + c]! * k;
    }
  }
  for (let j = 0; j < w * h; j++) {
    const k = weight[j]!;
    if (k === 0) continue;
    for (let c = 0; c < channels; c++) values[j * channels + c]! /= k;
    weight[j] = Math.min(1, k);
  }
  return { w, h, values, weight };
}

/** Bilinear value of the coarser level at the fine pixel (x, y). */
function sample(coarse: Level, x: number, y: number, c: number, channels: number): number {
  const fx = Math.min(coarse.w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
  const fy = Math.min(coarse.h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(coarse.w - 1, x0 + 1);
  const y1 = Math.min(coarse.h - 1, y0 + 1);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (xx: number, yy: number) => coarse.values[(yy * coarse.w + xx) * channels + c]!;
  return (at(x0, y0) * (1 - tx) + at(x1, y0) * tx) * (1 - ty) + (at(x0, y1) * (1 - tx) + at(x1, y1) * tx) * ty;
}

function up(fine: Level, coarse: Level, channels: number): void {
  for (let y = 0; y < fine.h; y++) {
    for (let x = 0; x < fine.w; x++) {
      const i = y * fine.w + x;
      const k = fine.weight[i]!;
      if (k >= 1) continue;
      for (let c = 0; c < channels; c++) {
        const v = sample(coarse, x, y, c, channels);
        fine.values[i * channels + c] = fine.values[i * channels + c]! * k + v * (1 - k);
      }
      fine.weight[i] = 1;
    }
  }
}

/** The smallest box around the region with a margin of surrounding pixels to learn from. */
function workArea(mask: MaskCoverage, margin: number) {
  const x = Math.max(0, mask.bounds.x - margin);
  const y = Math.max(0, mask.bounds.y - margin);
  const w = Math.min(mask.width, mask.bounds.x + mask.bounds.w + margin) - x;
  const h = Math.min(mask.height, mask.bounds.y + mask.bounds.h + margin) - y;
  return { x, y, w, h };
}

type Area = ReturnType<typeof workArea>;

/** Which pixels of the work area lie within `radius` of the painted region (any coverage): the region dilated. */
function nearRegion({ mask, area, radius }: { mask: MaskCoverage; area: Area; radius: number }): Uint8Array {
  const cap = 3 * (radius + 1);
  const isSource = (i: number) => mask.data[(area.y + Math.floor(i / area.w)) * mask.width + area.x + (i % area.w)]! > 0;
  const d = chamferDistance({ width: area.w, height: area.h, cap, isSource });
  const near = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) near[i] = d[i]! <= 3 * radius ? 1 : 0;
  return near;
}

/** A copy of `image` whose painted pixels are filled from their surroundings. */
export function fillRegion({ image, mask }: { image: Raster; mask: MaskCoverage }): Raster {
  const channels = image.channels;
  const side = Math.min(mask.width, mask.height);
  const area = workArea(mask, Math.max(16, Math.round(side * 0.03)));
  /*
   * What is being removed (an old headline's letters) often runs just past the painted border,
   * most of all where a brush stroke's round end stops inside a letter. Learnt from, those
   * pixels came back into the region as faint dark specks; so the fill learns only from pixels
   * a little way out — the region dilated by ~1% of the image — and still writes only inside it.
   */
  const near = nearRegion({ mask, area, radius: Math.max(4, Math.round(side * SOURCE_GAP)) });
  const values = new Float32Array(area.w * area.h * channels);
  const weight = new Float32Array(area.w * area.h);
  for (let y = 0; y < area.h; y++) {
    for (let x = 0; x < area.w; x++) {
      const src = (area.y + y) * image.width + area.x + x;
      const i = y * area.w + x;
      weight[i] = near[i] ? 0 : 1;
      for (let c = 0; c < channels; c++) values[i * channels + c] = image.data[src * channels + c]!;
    }
  }
  const pyramid: Level[] = [{ w: area.w, h: area.h, values, weight }];
  while (pyramid.at(-1)!.w > 1 || pyramid.at(-1)!.h > 1) pyramid.push(down(pyramid.at(-1)!, channels));
  for (let l = pyramid.length - 2; l >= 0; l--) up(pyramid[l]!, pyramid[l + 1]!, channels);
  const out = Buffer.from(image.data);
  for (let y = 0; y < area.h; y++) {
    for (let x = 0; x < area.w; x++) {
      const src = (area.y + y) * image.width + area.x + x;
      if (mask.data[src]! === 0) continue;
      for (let c = 0; c < channels; c++) out[src * channels + c] = Math.round(values[(y * area.w + x) * channels + c]!);
    }
  }
  return { ...image, data: out };
}

/** The region's mean colour after the fill, as hex: the ground new content must read against. */
export function meanOfRegion({ image, mask }: { image: Raster; mask: MaskCoverage }): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]! < PAINTED) continue;
    for (let c = 0; c < 3; c++) sum[c]! += image.data[i * image.channels + c]!;
    n++;
  }
  return n > 0 ? (sum.map((v) => v / n) as [number, number, number]) : [128, 128, 128];
}

/**
 * How grainy the image is around the region: the median difference between a pixel's lightness
 * and its four neighbours', over a ring just outside it. A median, so edges crossing the ring
 * do not count as grain. 0–255.
 */
export function ringTexture({ image, mask, ring = 12 }: { image: Raster; mask: MaskCoverage; ring?: number }): number {
  const { width, height, channels, data } = image;
  const luma = (i: number) => 0.2126 * data[i * channels]! + 0.7152 * data[i * channels + 1]! + 0.0722 * data[i * channels + 2]!;
  const { x, y, w, h } = mask.bounds;
  const values: number[] = [];
  for (let yy = Math.max(1, y - ring); yy < Math.min(height - 1, y + h + ring); yy++) {
    for (let xx = Math.max(1, x - ring); xx < Math.min(width - 1, x + w + ring); xx++) {
      const i = yy * width + xx;
      if (mask.data[i]! > 0 || mask.data[i - 1]! > 0 || mask.data[i + 1]! > 0 || mask.data[i - width]! > 0 || mask.data[i + width]! > 0) continue;
      values.push(Math.abs(luma(i) - (luma(i - 1) + luma(i + 1) + luma(i - width) + luma(i + width)) / 4));
    }
  }
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

