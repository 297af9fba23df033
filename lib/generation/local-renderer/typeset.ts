import "server-only";
import type { Font, PathCommand } from "opentype.js";
import { num, type Box } from "./canvas";
import { fontForChar, latinFonts, type FontFace } from "./fonts";

export type TypesetInput = {
  text: string;
  box: Box;
  align: "left" | "center" | "right";
  valign: "top" | "bottom";
  face: FontFace;
  color: string;
  maxSize: number;
  maxLines?: number;
  /** Extra space between letters, in em. */
  tracking?: number;
  lineHeight?: number;
};

export type TypesetResult = { svg: string; width: number; height: number; size: number; missing: string[] };

type Glyphed = { char: string; font: Font | undefined };
/** A run that cannot be broken: a Latin word, or a single CJK character. */
type Unit = { glyphs: Glyphed[]; spaceBefore: boolean };

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

function toUnits(text: string, face: FontFace): Unit[] {
  const units: Unit[] = [];
  let pendingSpace = false;
  let current: Unit | undefined;
  for (const char of Array.from(text)) {
    if (/\s/.test(char)) {
      pendingSpace = true;
      current = undefined;
      continue;
    }
    const glyph = { char, font: fontForChar(char, face) };
    if (CJK.test(char) || !current) {
      current = { glyphs: [glyph], spaceBefore: pendingSpace && units.length > 0 };
      units.push(current);
      if (CJK.test(char)) current = undefined;
    } else {
      current.glyphs.push(glyph);
    }
    pendingSpace = false;
  }
  return units;
}

function advance(glyphs: Glyphed[], tracking: number): number {
  let width = 0;
  glyphs.forEach((g, i) => {
    if (!g.font) return;
    const glyph = g.font.charToGlyph(g.char);
    width += (glyph.advanceWidth ?? 0) / g.font.unitsPerEm + tracking;
    const prev = glyphs[i - 1];
    if (prev?.font === g.font) width += g.font.getKerningValue(g.font.charToGlyph(prev.char), glyph) / g.font.unitsPerEm;
  });
  return width;
}

function wrap(units: Unit[], widths: number[], space: number, limit: number): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  let width = 0;
  units.forEach((unit, i) => {
    const add = (line.length > 0 && unit.spaceBefore ? space : 0) + widths[i]!;
    if (line.length > 0 && width + add > limit + 1e-9) {
      lines.push(line);
      line = [i];
      width = widths[i]!;
    } else {
      line.push(i);
      width += add;
    }
  });
  if (line.length > 0) lines.push(line);
  return lines;
}

function lineWidth(line: number[], units: Unit[], widths: number[], space: number): number {
  return line.reduce((sum, index, position) => sum + widths[index]! + (position > 0 && units[index]!.spaceBefore ? space : 0), 0);
}

/** The largest size at which the text fits the box, trying 1..maxLines balanced lines. */
function bestLayout(input: TypesetInput, units: Unit[], widths: number[], space: number) {
  const lineHeight = input.lineHeight ?? 1;
  const total = lineWidth(units.map((_, i) => i), units, widths, space);
  const widest = Math.max(...widths);
  let best = { size: 0, lines: [] as number[][] };
  for (let n = 1; n <= (input.maxLines ?? 3); n++) {
    // Smallest line limit that still wraps into n lines: balances the lines.
    let lo = widest;
    let hi = Math.max(total, widest);
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2;
      if (wrap(units, widths, space, mid).length <= n) hi = mid;
      else lo = mid;
    }
    const lines = wrap(units, widths, space, hi);
    const maxWidth = Math.max(...lines.map((l) => lineWidth(l, units, widths, space)));
    const size = Math.min(input.box.w / maxWidth, input.box.h / (lines.length * lineHeight), input.maxSize);
    if (size > best.size * 1.04) best = { size, lines };
  }
  return best;
}

function capHeight(face: FontFace): number {
  const font = latinFonts(face)[0]!;
  const os2 = font.tables.os2 as { sCapHeight?: number } | undefined;
  return (os2?.sCapHeight ?? font.ascender * 0.7) / font.unitsPerEm;
}

/** Our own serialiser: opentype.js 2.0's toPathData turns some values (e.g. 72.00000000000001) into NaN. */
function pathData(commands: PathCommand[]): string {
  return commands
    .map((c) => {
      switch (c.type) {
        case "M":
        case "L":
          return `${c.type}${num(c.x)} ${num(c.y)}`;
        case "Q":
          return `Q${num(c.x1)} ${num(c.y1)} ${num(c.x)} ${num(c.y)}`;
        case "C":
          return `C${num(c.x1)} ${num(c.y1)} ${num(c.x2)} ${num(c.y2)} ${num(c.x)} ${num(c.y)}`;
        default:
          return "Z";
      }
    })
    .join("");
}

function linePath(units: Unit[], line: number[], start: { x: number; y: number }, size: number, tracking: number, space: number): string {
  let x = start.x;
  const parts: string[] = [];
  line.forEach((index, position) => {
    const unit = units[index]!;
    if (position > 0 && unit.spaceBefore) x += space * size;
    unit.glyphs.forEach((g, i) => {
      if (!g.font) return;
      const glyph = g.font.charToGlyph(g.char);
      const prev = unit.glyphs[i - 1];
      if (prev?.font === g.font) x += (g.font.getKerningValue(g.font.charToGlyph(prev.char), glyph) / g.font.unitsPerEm) * size;
      parts.push(pathData(glyph.getPath(x, start.y, size, undefined, g.font).commands));
      x += ((glyph.advanceWidth ?? 0) / g.font.unitsPerEm + tracking) * size;
    });
  });
  return parts.join("");
}

/** Lays text out as glyph outlines (SVG paths), so rasterising needs no installed font. */
export function typeset(input: TypesetInput): TypesetResult {
  const tracking = input.tracking ?? 0;
  const units = toUnits(input.text, input.face);
  const missing = [...new Set(units.flatMap((u) => u.glyphs.filter((g) => !g.font).map((g) => g.char)))];
  const drawable = units.filter((u) => u.glyphs.some((g) => g.font));
  if (drawable.length === 0) return { svg: "", width: 0, height: 0, size: 0, missing };
  const main = latinFonts(input.face)[0]!;
  const space = main.charToGlyph(" ").advanceWidth! / main.unitsPerEm + tracking;
  const widths = drawable.map((u) => advance(u.glyphs, tracking));
  const { size, lines } = bestLayout(input, drawable, widths, space);
  const lineHeight = (input.lineHeight ?? 1) * size;
  const cap = capHeight(input.face) * size;
  const height = cap + (lines.length - 1) * lineHeight;
  const top = input.valign === "top" ? input.box.y : input.box.y + input.box.h - height;
  let width = 0;
  const paths = lines.map((line, i) => {
    const w = lineWidth(line, drawable, widths, space) * size;
    width = Math.max(width, w);
    const x = input.align === "left" ? input.box.x : input.align === "right" ? input.box.x + input.box.w - w : input.box.x + (input.box.w - w) / 2;
    return linePath(drawable, line, { x, y: top + cap + i * lineHeight }, size, tracking, space);
  });
  return { svg: `<path fill="${input.color}" d="${paths.join("")}"/>`, width, height, size, missing };
}
