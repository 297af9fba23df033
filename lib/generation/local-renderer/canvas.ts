import "server-only";
import type { Design } from "./interpret";
import type { Palette } from "./palette";
import type { Random } from "./random";

/** What every drawing function shares: size, palette, randomness, and the SVG <defs> being built. */
export type Canvas = {
  width: number;
  height: number;
  /** 1 at 1024 px on the short edge: keeps strokes and details proportional. */
  unit: number;
  design: Design;
  palette: Palette;
  random: Random;
  defs: string[];
  /**
   * Soft, low-frequency layers (background gradient, glows, halos, vignette). They are
   * rasterised at a quarter of the size and scaled up: large radial gradients are the
   * slowest thing librsvg draws, and they lose nothing at low resolution.
   */
  backdrop: string[];
  /** Small crisp details drawn after the subject's effects (lit windows are not neon tubes). */
  details: string[];
  uid(prefix: string): string;
};

export type Box = { x: number; y: number; w: number; h: number };

/** Where the subject goes: a focal point and radius inside the art area, and a horizon for landscapes. */
export type Frame = { cx: number; cy: number; r: number; art: Box; horizon: number };

export function createCanvas(input: { width: number; height: number; design: Design; palette: Palette; random: Random }): Canvas {
  let counter = 0;
  return {
    ...input,
    unit: Math.min(input.width, input.height) / 1024,
    defs: [],
    backdrop: [],
    details: [],
    uid: (prefix) => `${prefix}${counter++}`,
  };
}

export const num = (value: number) => (Math.round(value * 10) / 10).toString();

/** Line art: asked for directly, or implied by neon (glowing tubes). */
export function lineArt(canvas: Canvas): boolean {
  return canvas.design.styles.has("outline") || canvas.design.moods.has("neon");
}

/** Fill, or a stroke when the prompt asks for line art. */
export function paint(canvas: Canvas, color: string, opacity = 1): string {
  const alpha = opacity < 1 ? ` opacity="${num(opacity)}"` : "";
  if (lineArt(canvas)) {
    // No stroke-width here: the enclosing group sets it, so neon can draw the same shapes at several widths.
    return `fill="none" stroke="${color}" stroke-linejoin="round"${alpha}`;
  }
  return `fill="${color}"${alpha}`;
}

export function linearGradient(canvas: Canvas, stops: Array<[number, string, number?]>, direction: { x1: number; y1: number; x2: number; y2: number } = { x1: 0, y1: 0, x2: 0, y2: 1 }): string {
  const id = canvas.uid("lg");
  const body = stops.map(([offset, color, opacity]) => `<stop offset="${offset}" stop-color="${color}"${opacity !== undefined ? ` stop-opacity="${opacity}"` : ""}/>`).join("");
  canvas.defs.push(`<linearGradient id="${id}" x1="${direction.x1}" y1="${direction.y1}" x2="${direction.x2}" y2="${direction.y2}">${body}</linearGradient>`);
  return `url(#${id})`;
}

export function radialGradient(canvas: Canvas, stops: Array<[number, string, number?]>): string {
  const id = canvas.uid("rg");
  const body = stops.map(([offset, color, opacity]) => `<stop offset="${offset}" stop-color="${color}"${opacity !== undefined ? ` stop-opacity="${opacity}"` : ""}/>`).join("");
  canvas.defs.push(`<radialGradient id="${id}">${body}</radialGradient>`);
  return `url(#${id})`;
}

/** Smooth closed curve through points (Catmull-Rom converted to cubic Béziers). */
export function smoothClosedPath(points: Array<[number, number]>): string {
  const n = points.length;
  const at = (i: number) => points[((i % n) + n) % n]!;
  let d = `M${num(at(0)[0])} ${num(at(0)[1])}`;
  for (let i = 0; i < n; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += `C${num(c1[0]!)} ${num(c1[1]!)} ${num(c2[0]!)} ${num(c2[1]!)} ${num(p2[0])} ${num(p2[1])}`;
  }
  return `${d}Z`;
}
