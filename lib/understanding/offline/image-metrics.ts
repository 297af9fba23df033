import "server-only";
import sharp from "sharp";
import { LoupeError } from "@/lib/errors";
import { colourWords, familyIds, familyOf, rgbToHsl, type FamilyId } from "./colours";

/** Every measure is in 0–1 unless said otherwise. */
export type BandStats = { lumaStd: number; edgeDensity: number };

export type ImageMetrics = {
  width: number;
  height: number;
  brightness: number;
  /** Standard deviation of luma: RMS contrast. */
  contrast: number;
  /** Hasler–Süsstrunk colourfulness, roughly 0 (grey) to 1 (vivid). */
  colourfulness: number;
  meanSaturation: number;
  /** Share of pixels per colour family, largest first. */
  palette: Array<{ family: FamilyId; share: number }>;
  /** Share of pixels matching each colour word (by id). */
  colourShares: Record<string, number>;
  /** Share of pixels on a clear edge. */
  edgeDensity: number;
  /** Variance of the Laplacian, scaled: low means soft or blurred. */
  sharpness: number;
  clipping: { shadows: number; highlights: number };
  bands: { top: BandStats; middle: BandStats; bottom: BandStats };
  /** The strongest horizontal strip that looks like a line of type, if any. */
  textBand: { centre: number; strength: number; contrast: number } | null;
  /** Centre of visual weight (edges and departures from the mean colour). */
  focus: { x: number; y: number };
};

/** Analysis runs on a small copy: the measures are about the whole picture, not its pixels. */
const ANALYSIS_EDGE = 256;
const EDGE_THRESHOLD = 0.08;
const STRIPS = 16;

type Raster = { data: Buffer; width: number; height: number; luma: Float32Array; gradient: Float32Array };

export async function measureImage(bytes: Uint8Array): Promise<ImageMetrics> {
  const { raster, width, height } = await decode(bytes);
  const tone = measureTone(raster);
  return {
    width,
    height,
    ...tone,
    ...measureColour(raster),
    edgeDensity: share(raster.gradient, (g) => g > EDGE_THRESHOLD),
    sharpness: laplacianVariance(raster),
    bands: measureBands(raster),
    textBand: findTextBand(raster),
    focus: focusOf(raster, tone.brightness),
  };
}

async function decode(bytes: Uint8Array) {
  try {
    const meta = await sharp(bytes).metadata();
    const { data, info } = await sharp(bytes)
      .rotate()
      .flatten({ background: "#ffffff" })
      .resize({ width: ANALYSIS_EDGE, height: ANALYSIS_EDGE, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const luma = new Float32Array(info.width * info.height);
    for (let i = 0; i < luma.length; i++) {
      luma[i] = (0.2126 * data[i * 3]! + 0.7152 * data[i * 3 + 1]! + 0.0722 * data[i * 3 + 2]!) / 255;
    }
    const raster: Raster = { data, width: info.width, height: info.height, luma, gradient: gradientOf(luma, info.width, info.height) };
    return { raster, width: meta.autoOrient.width, height: meta.autoOrient.height };
  } catch (cause) {
    throw new LoupeError("unsupported_media", { cause });
  }
}

function gradientOf(luma: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(luma.length);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = luma[i + 1]! - luma[i - 1]!;
      const gy = luma[i + width]! - luma[i - width]!;
      out[i] = Math.hypot(gx, gy) / 2;
    }
  }
  return out;
}

function measureTone(raster: Raster) {
  const { luma } = raster;
  const mean = luma.reduce((a, b) => a + b, 0) / luma.length;
  const variance = luma.reduce((a, b) => a + (b - mean) ** 2, 0) / luma.length;
  return {
    brightness: mean,
    contrast: Math.sqrt(variance),
    clipping: { shadows: share(luma, (v) => v < 0.03), highlights: share(luma, (v) => v > 0.97) },
  };
}

function measureColour(raster: Raster) {
  const { data } = raster;
  const pixels = data.length / 3;
  const families = new Map<FamilyId, number>(familyIds.map((id) => [id, 0]));
  const words = new Map<string, number>(colourWords.map((w) => [w.id, 0]));
  let rgSum = 0, rgSq = 0, ybSum = 0, ybSq = 0, satSum = 0;
  for (let i = 0; i < pixels; i++) {
    const r = data[i * 3]!, g = data[i * 3 + 1]!, b = data[i * 3 + 2]!;
    const rg = r - g;
    const yb = (r + g) / 2 - b;
    rgSum += rg; rgSq += rg * rg; ybSum += yb; ybSq += yb * yb;
    const hsl = rgbToHsl(r, g, b);
    satSum += hsl.s;
    const family = familyOf(hsl);
    families.set(family, (families.get(family) ?? 0) + 1);
    for (const word of colourWords) if (word.matches(hsl)) words.set(word.id, (words.get(word.id) ?? 0) + 1);
  }
  const rgMean = rgSum / pixels, ybMean = ybSum / pixels;
  const rgStd = Math.sqrt(Math.max(0, rgSq / pixels - rgMean ** 2));
  const ybStd = Math.sqrt(Math.max(0, ybSq / pixels - ybMean ** 2));
  const hasler = Math.hypot(rgStd, ybStd) + 0.3 * Math.hypot(rgMean, ybMean);
  return {
    // Hasler–Süsstrunk puts "extremely colourful" near 110 on 8-bit values.
    colourfulness: Math.min(1, hasler / 110),
    meanSaturation: satSum / pixels,
    palette: [...families.entries()]
      .map(([family, count]) => ({ family, share: count / pixels }))
      .filter((p) => p.share > 0)
      .sort((a, b) => b.share - a.share || familyIds.indexOf(a.family) - familyIds.indexOf(b.family)),
    colourShares: Object.fromEntries([...words.entries()].map(([id, count]) => [id, count / pixels])),
  };
}

function laplacianVariance({ luma, width, height }: Raster): number {
  let sum = 0, sq = 0, n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const lap = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * luma[i]!;
      sum += lap; sq += lap * lap; n++;
    }
  }
  if (n === 0) return 0;
  const variance = sq / n - (sum / n) ** 2;
  // ~0.01 is already a crisp 256 px image; scale into 0–1 for readable thresholds.
  return Math.min(1, variance / 0.01);
}

function statsOfRows(raster: Raster, from: number, to: number): BandStats {
  const { luma, gradient, width } = raster;
  let sum = 0, sq = 0, edges = 0, n = 0;
  for (let y = from; y < to; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      sum += luma[i]!; sq += luma[i]! ** 2; n++;
      if (gradient[i]! > EDGE_THRESHOLD) edges++;
    }
  }
  if (n === 0) return { lumaStd: 0, edgeDensity: 0 };
  return { lumaStd: Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2)), edgeDensity: edges / n };
}

function measureBands(raster: Raster) {
  const third = Math.round(raster.height / 3);
  return {
    top: statsOfRows(raster, 0, third),
    middle: statsOfRows(raster, third, raster.height - third),
    bottom: statsOfRows(raster, raster.height - third, raster.height),
  };
}

/**
 * A line of type is a horizontal strip that a row scan crosses many times (one crossing per
 * stroke edge), far more often than the strips around it, with strong light/dark separation.
 * This cannot read a word; it only says whether a line of type is plausible.
 */
function findTextBand(raster: Raster): ImageMetrics["textBand"] {
  const strip = raster.height / STRIPS;
  const strips = Array.from({ length: STRIPS }, (_, k) => {
    const from = Math.floor(k * strip);
    const to = Math.floor((k + 1) * strip);
    return { crossings: crossingsPerRow(raster, from, to), lumaStd: statsOfRows(raster, from, to).lumaStd };
  });
  const sorted = strips.map((s) => s.crossings).sort((a, b) => a - b);
  const median = sorted[Math.floor(STRIPS / 2)] ?? 0;
  let best: ImageMetrics["textBand"] = null;
  strips.forEach((s, k) => {
    if (s.crossings < 8 || s.crossings < 2.5 * median || s.lumaStd < 0.12) return;
    const strength = Math.min(1, (s.crossings - median) / 20);
    if (!best || strength > best.strength) best = { centre: (k + 0.5) / STRIPS, strength, contrast: s.lumaStd };
  });
  return best;
}

/** Average number of distinct vertical edges a row of the strip crosses. */
function crossingsPerRow({ luma, width }: Raster, from: number, to: number): number {
  let runs = 0;
  for (let y = from; y < to; y++) {
    let inEdge = false;
    for (let x = 1; x < width; x++) {
      const edge = Math.abs(luma[y * width + x]! - luma[y * width + x - 1]!) > 0.15;
      if (edge && !inEdge) runs++;
      inEdge = edge;
    }
  }
  return to > from ? runs / (to - from) : 0;
}

function focusOf(raster: Raster, meanLuma: number) {
  const { luma, gradient, width, height } = raster;
  let wx = 0, wy = 0, total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const w = gradient[i]! + Math.abs(luma[i]! - meanLuma) * 0.5;
      wx += w * x; wy += w * y; total += w;
    }
  }
  if (total === 0) return { x: 0.5, y: 0.5 };
  return { x: wx / total / Math.max(1, width - 1), y: wy / total / Math.max(1, height - 1) };
}

function share(values: Float32Array, test: (v: number) => boolean): number {
  let n = 0;
  for (const v of values) if (test(v)) n++;
  return values.length ? n / values.length : 0;
}
