import "server-only";
import sharp from "sharp";
import type { Raster } from "@/lib/images/feather";
import { hexToRgb, legibleOn, mix, withHsl } from "../local-renderer/color";
import type { Box } from "../local-renderer/canvas";
import type { Design } from "../local-renderer/interpret";
import type { Palette } from "../local-renderer/palette";
import type { Random } from "../local-renderer/random";
import { composeSvg } from "../local-renderer/scene";
import { typeset } from "../local-renderer/typeset";

/* Drawing new content into part of an existing image: a headline, a motif, or a recolour. */

/** A headline set as large as fits, centred in the box, in ink that reads on the ground behind it. */
export function headlineSvg({ text, box, design, palette, ground }: { text: string; box: Box; design: Design; palette: Palette; ground: string }): { svg: string; missing: string[] } {
  const serif = design.styles.has("serif") || design.styles.has("retro");
  const ink = legibleOn(ground, [palette.ink, palette.accent, palette.primary]);
  const inset = { x: box.x + box.w * 0.06, y: box.y + box.h * 0.1, w: box.w * 0.88, h: box.h * 0.8 };
  const options = { text, align: "center" as const, valign: "top" as const, face: serif ? ("serif" as const) : ("grotesk" as const), color: ink, maxSize: inset.h, tracking: serif ? -0.005 : -0.012, lineHeight: serif ? 1.02 : 0.94 };
  const measured = typeset({ ...options, box: inset });
  // Set once to learn its height, then again centred vertically in the box.
  const top = inset.y + Math.max(0, (inset.h - measured.height) / 2);
  const set = typeset({ ...options, box: { ...inset, y: top, h: inset.h - (top - inset.y) } });
  return { svg: set.svg, missing: set.missing };
}

/** The prompt's subject drawn to fill a box, on a transparent ground (the Local renderer's motifs). */
export function motifSvg({ box, design, palette, random }: { box: Box; design: Design; palette: Palette; random: Random }): string {
  const inner: Design = { ...design, headline: undefined, subline: undefined, topSpace: false };
  const composed = composeSvg({ width: Math.max(1, Math.round(box.w)), height: Math.max(1, Math.round(box.h)), design: inner, palette, random });
  return composed.layers.subject;
}

/** An SVG document of `width`×`height` holding `body` (already in that coordinate space). */
export function svgDocument({ width, height, body }: { width: number; height: number; body: string }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

/** SVG drawn over a raster at a position; returns a raster of the same size and channels. */
export async function drawOver({ raster, svg, left = 0, top = 0 }: { raster: Raster; svg: string; left?: number; top?: number }): Promise<Raster> {
  const { width, height, channels } = raster;
  let pipeline = sharp(raster.data, { raw: { width, height, channels } }).composite([{ input: Buffer.from(svg), left: Math.round(left), top: Math.round(top) }]);
  pipeline = channels === 4 ? pipeline.ensureAlpha() : pipeline.removeAlpha();
  const data = await pipeline.raw().toBuffer();
  return { data, width, height, channels };
}

/**
 * Recolours pixels by their own lightness (shadows → a deep shade of the colour, highlights → a
 * pale one), so an object takes the colour and keeps its shading. `weights` says how much of
 * each pixel changes (0–1).
 */
export function recolour({ raster, colour, weights, strength = 1 }: { raster: Raster; colour: string; weights?: Float32Array; strength?: number }): Raster {
  const ramp = gradientRamp([withHsl(colour, { l: 0.1 }), colour, withHsl(colour, { l: 0.92 })]);
  return mapByLightness({ raster, ramp, weights, strength });
}

/** 256 colours from dark to light through the given stops. */
export function gradientRamp(stops: string[]): Uint8Array {
  const ramp = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    const [r, g, b] = hexToRgb(mix(stops[k]!, stops[k + 1]!, t - k));
    ramp.set([r, g, b], i * 3);
  }
  return ramp;
}

export function mapByLightness({ raster, ramp, weights, strength = 1 }: { raster: Raster; ramp: Uint8Array; weights?: Float32Array; strength?: number }): Raster {
  const { data, channels } = raster;
  const out = Buffer.from(data);
  for (let i = 0; i < raster.width * raster.height; i++) {
    const a = (weights ? weights[i]! : 1) * strength;
    if (a <= 0) continue;
    const p = i * channels;
    const l = Math.round(0.2126 * data[p]! + 0.7152 * data[p + 1]! + 0.0722 * data[p + 2]!);
    for (let c = 0; c < 3; c++) out[p + c] = Math.round(data[p + c]! + (ramp[l * 3 + c]! - data[p + c]!) * a);
  }
  return { ...raster, data: out };
}
