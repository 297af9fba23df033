import "server-only";
import sharp from "sharp";
import { hexToHsl, rgbToHex } from "../local-renderer/color";

/*
 * What the Local renderer can read from a moodboard reference's pixels: its main colours, its
 * tone and texture, and where its weight sits. Deterministic (no random starts), and small: a
 * reference is looked at as a 64 px thumbnail.
 */

const EDGE = 64;

export type ReferenceLook = {
  /** Main colours as hex, most common first. */
  colours: string[];
  brightness: number;
  /** Mean HSL saturation of the pixels. */
  saturation: number;
  /** Standard deviation of luma (RMS contrast). */
  contrast: number;
  /** Fine texture: mean difference between a pixel's luma and its neighbours'. */
  texture: number;
  /** Mean hue of the clearly coloured pixels (degrees), null when the image is nearly grey. */
  hue: number | null;
  /** Centre of visual weight, 0–1 across and down. */
  focus: { x: number; y: number };
  /** How far the weight spreads from its centre (0 = a point, ~0.4 = everywhere). */
  spread: number;
};

type Thumb = { data: Buffer; width: number; height: number };

async function thumbnail(bytes: Uint8Array): Promise<Thumb> {
  const { data, info } = await sharp(bytes).rotate().flatten({ background: "#ffffff" }).resize(EDGE, EDGE, { fit: "inside" }).toColourspace("srgb").removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const lumaAt = (data: Buffer, i: number) => (0.2126 * data[i * 3]! + 0.7152 * data[i * 3 + 1]! + 0.0722 * data[i * 3 + 2]!) / 255;

export async function lookOf(bytes: Uint8Array): Promise<ReferenceLook> {
  const thumb = await thumbnail(bytes);
  const { data, width, height } = thumb;
  const count = width * height;
  const luma = Float32Array.from({ length: count }, (_, i) => lumaAt(data, i));
  const brightness = luma.reduce((a, b) => a + b, 0) / count;
  const contrast = Math.sqrt(luma.reduce((sum, l) => sum + (l - brightness) ** 2, 0) / count);
  return { colours: mainColours(thumb), brightness, saturation: meanSaturation(thumb), contrast, texture: textureOf(luma, width, height), hue: meanHue(thumb), ...weightOf({ thumb, luma, brightness }) };
}

function meanSaturation({ data, width, height }: Thumb): number {
  let sum = 0;
  for (let i = 0; i < width * height; i++) sum += hexToHsl(rgbToHex([data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!])).s;
  return sum / (width * height);
}

/** Circular mean of the hue of pixels with real colour, weighted by their saturation. */
function meanHue({ data, width, height }: Thumb): number | null {
  let [x, y, weight] = [0, 0, 0];
  for (let i = 0; i < width * height; i++) {
    const { h, s, l } = hexToHsl(rgbToHex([data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!]));
    if (s < 0.25 || l < 0.12 || l > 0.92) continue;
    x += Math.cos((h * Math.PI) / 180) * s;
    y += Math.sin((h * Math.PI) / 180) * s;
    weight += s;
  }
  if (weight < width * height * 0.05) return null;
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

function textureOf(luma: Float32Array, width: number, height: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const around = (luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]!) / 4;
      sum += Math.abs(luma[i]! - around);
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

/** Weight = edges plus departure from the mean tone: where the eye goes. */
function weightOf({ thumb, luma, brightness }: { thumb: Thumb; luma: Float32Array; brightness: number }): Pick<ReferenceLook, "focus" | "spread"> {
  const { width, height } = thumb;
  let [sx, sy, total] = [0, 0, 0];
  const weights = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const gx = x > 0 && x < width - 1 ? luma[i + 1]! - luma[i - 1]! : 0;
      const gy = y > 0 && y < height - 1 ? luma[i + width]! - luma[i - width]! : 0;
      const w = Math.hypot(gx, gy) + Math.abs(luma[i]! - brightness) * 0.5;
      weights[i] = w;
      sx += w * (x + 0.5);
      sy += w * (y + 0.5);
      total += w;
    }
  }
  if (total === 0) return { focus: { x: 0.5, y: 0.5 }, spread: 0.4 };
  const focus = { x: sx / total / width, y: sy / total / height };
  let spread = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) spread += weights[y * width + x]! * ((( x + 0.5) / width - focus.x) ** 2 + ((y + 0.5) / height - focus.y) ** 2);
  }
  return { focus, spread: Math.sqrt(spread / total) };
}

/**
 * The main colours by k-means in RGB (k = 4), started from the most common coarse colour and
 * then each colour farthest from those chosen, so the same image always gives the same answer.
 */
function mainColours({ data, width, height }: Thumb): string[] {
  const pixels = Array.from({ length: width * height }, (_, i) => [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!] as [number, number, number]);
  const distance = (a: number[], b: number[]) => (a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2 + (a[2]! - b[2]!) ** 2;
  const centres: number[][] = [mostCommon(pixels)];
  while (centres.length < 4) {
    const farthest = pixels.reduce((best, p) => (Math.min(...centres.map((c) => distance(p, c))) > Math.min(...centres.map((c) => distance(best, c))) ? p : best), pixels[0]!);
    if (Math.min(...centres.map((c) => distance(farthest, c))) < 30 * 30) break;
    centres.push([...farthest]);
  }
  let sizes = centres.map(() => 0);
  for (let round = 0; round < 8; round++) {
    const sums = centres.map(() => [0, 0, 0]);
    sizes = centres.map(() => 0);
    for (const p of pixels) {
      const k = nearest(centres, p, distance);
      sums[k]![0]! += p[0];
      sums[k]![1]! += p[1];
      sums[k]![2]! += p[2];
      sizes[k]! += 1;
    }
    centres.forEach((c, k) => {
      if (sizes[k]! > 0) centres[k] = sums[k]!.map((v) => v / sizes[k]!);
    });
  }
  return centres
    .map((c, k) => ({ hex: rgbToHex(c as [number, number, number]), size: sizes[k]! }))
    .filter((c) => c.size > 0)
    .sort((a, b) => b.size - a.size)
    .map((c) => c.hex);
}

function nearest(centres: number[][], p: number[], distance: (a: number[], b: number[]) => number): number {
  let best = 0;
  for (let k = 1; k < centres.length; k++) if (distance(p, centres[k]!) < distance(p, centres[best]!)) best = k;
  return best;
}

/** The centre of the most populated 32-level colour cell. */
function mostCommon(pixels: Array<[number, number, number]>): number[] {
  const cells = new Map<number, { n: number; sum: [number, number, number] }>();
  for (const [r, g, b] of pixels) {
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    const cell = cells.get(key) ?? { n: 0, sum: [0, 0, 0] };
    cell.n++;
    cell.sum[0] += r;
    cell.sum[1] += g;
    cell.sum[2] += b;
    cells.set(key, cell);
  }
  const top = [...cells.entries()].sort((a, b) => b[1].n - a[1].n || a[0] - b[0])[0]![1];
  return top.sum.map((v) => v / top.n);
}
