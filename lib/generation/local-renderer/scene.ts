import "server-only";
import { legibleOn, mix } from "./color";
import { createCanvas, lineArt, linearGradient, num, radialGradient, type Box, type Canvas, type Frame } from "./canvas";
import type { Design, Motif } from "./interpret";
import { abstract, bauhaus, flower, geometric, organic } from "./motifs-objects";
import { city, forest, moon, mountains, ocean, planet, stars, sun } from "./motifs-landscape";
import type { Palette } from "./palette";
import type { Random } from "./random";
import { typeset } from "./typeset";

type Layout = { band?: Box; sub?: Box; frame: Frame; align: "left" | "center" | "right"; subjectSide: number };

const LANDSCAPE: Motif[] = ["mountains", "ocean", "city", "forest"];
const SKY: Motif[] = ["sun", "moon", "planet"];

function textBands(canvas: Canvas, margin: number) {
  const { design, width, height } = canvas;
  const short = Math.min(width, height);
  const bandH = design.headline ? height * 0.2 * design.headlineScale : 0;
  const subH = design.subline ? short * 0.04 : 0;
  const gap = short * 0.035;
  const extraTop = design.topSpace ? height * 0.12 : 0;
  if (design.headlinePosition === "bottom") {
    const bandY = height - margin - subH - (subH ? gap * 0.6 : 0) - bandH;
    return {
      band: bandH ? { x: margin, y: bandY, w: width - 2 * margin, h: bandH } : undefined,
      sub: subH ? { x: margin, y: bandY + bandH + gap * 0.6, w: width - 2 * margin, h: subH } : undefined,
      artTop: extraTop + (extraTop ? 0 : margin * 0.5),
      artBottom: bandY - gap,
    };
  }
  const bandY = margin + extraTop * 0.35;
  const subY = bandY + bandH + gap * 0.6;
  return {
    band: bandH ? { x: margin, y: bandY, w: width - 2 * margin, h: bandH } : undefined,
    sub: subH ? { x: margin, y: subY, w: width - 2 * margin, h: subH } : undefined,
    artTop: (subH ? subY + subH : bandY + bandH) + gap + extraTop * 0.65,
    artBottom: height - margin * 0.5,
  };
}

function layout(canvas: Canvas): Layout {
  const { design, width, random } = canvas;
  const margin = Math.round(Math.min(width, canvas.height) * 0.07);
  const { band, sub, artTop, artBottom } = textBands(canvas, margin);
  const art: Box = { x: 0, y: artTop, w: width, h: Math.max(artBottom - artTop, canvas.height * 0.25) };
  const scale = (design.scale === "close" ? 1.5 : design.scale === "wide" ? 0.62 : 1) * (design.minimal ? 0.82 : 1);
  let side = 0.5;
  let align: Layout["align"] = "center";
  if (design.composition === "left") [side, align] = [0.36, "left"];
  if (design.composition === "right") [side, align] = [0.64, "right"];
  if (design.composition === "thirds") [side, align] = random.chance(0.65) ? [2 / 3, "left"] : [1 / 3, "right"];
  const landscape = design.motifs.some((m) => LANDSCAPE.includes(m));
  const horizon = art.y + art.h * (design.scale === "wide" ? 0.52 : design.scale === "close" ? 0.66 : 0.6);
  let r = Math.min(width * 0.5, art.h * 0.5) * 0.72 * scale;
  let cy = art.y + art.h * (design.composition === "thirds" ? 0.44 : 0.5);
  if (landscape && design.motifs.some((m) => SKY.includes(m))) {
    r *= 0.72;
    // Over an open sea the sun sits on the horizon; behind land it rises above the ridges.
    const onlySea = !design.motifs.some((m) => m !== "ocean" && LANDSCAPE.includes(m));
    cy = onlySea ? horizon - r * 0.2 : horizon - art.h * 0.3;
  }
  return { band, sub, align, subjectSide: side, frame: { cx: width * side, cy, r, art, horizon } };
}

/** Gradient ground, soft colour glows and the vignette: all go to the low-resolution backdrop. */
function backdrop(canvas: Canvas, frame: Frame): void {
  const { palette, design, width, height, random } = canvas;
  const tilt = random.range(-0.25, 0.25);
  const fill = linearGradient(canvas, [[0, palette.bgTop], [1, palette.bgBottom]], { x1: 0.5 + tilt, y1: 0, x2: 0.5 - tilt, y2: 1 });
  const out = canvas.backdrop;
  out.push(`<rect width="${width}" height="${height}" fill="${fill}"/>`);
  if (!design.styles.has("flat") && !design.minimal) {
    const strong = design.styles.has("gradient") || design.moods.has("neon");
    const glows = strong ? 3 : 2;
    for (let i = 0; i < glows; i++) {
      const color = [palette.primary, palette.secondary, palette.accent][i]!;
      const cx = frame.cx + random.range(-0.45, 0.45) * width;
      const cy = frame.art.y + random.range(0.1, 0.9) * frame.art.h;
      const rx = width * random.range(0.35, 0.6);
      out.push(`<ellipse cx="${num(cx)}" cy="${num(cy)}" rx="${num(rx)}" ry="${num(rx * random.range(0.6, 1))}" fill="${radialGradient(canvas, [[0, color, strong ? 0.6 : 0.26], [1, color, 0]])}"/>`);
    }
  }
  if (palette.dark || design.styles.has("retro")) {
    const id = canvas.uid("vignette");
    canvas.defs.push(`<radialGradient id="${id}" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${palette.dark ? 0.5 : 0.22}"/></radialGradient>`);
    out.push(`<rect width="${width}" height="${height}" fill="url(#${id})"/>`);
  }
}

function patterns(canvas: Canvas, frame: Frame): string {
  const { design, palette, unit, width, height } = canvas;
  const out: string[] = [];
  const line = mix(palette.bgTop, palette.dark ? "#ffffff" : "#000000", 0.14);
  if (design.styles.has("grid")) {
    const step = 64 * unit;
    const lines: string[] = [];
    for (let x = step; x < width; x += step) lines.push(`M${num(x)} 0V${height}`);
    for (let y = step; y < height; y += step) lines.push(`M0 ${num(y)}H${width}`);
    out.push(`<path d="${lines.join("")}" stroke="${line}" stroke-width="${num(1.5 * unit)}"/>`);
  }
  if (design.styles.has("stripes")) {
    const id = canvas.uid("stripes");
    const s = 22 * unit;
    canvas.defs.push(`<pattern id="${id}" width="${num(s)}" height="${num(s)}" patternUnits="userSpaceOnUse" patternTransform="rotate(-35)"><rect width="${num(s * 0.35)}" height="${num(s)}" fill="${palette.secondary}"/></pattern>`);
    out.push(`<rect x="0" y="${num(frame.art.y)}" width="${width}" height="${num(height - frame.art.y)}" fill="url(#${id})" opacity="0.22"/>`);
  }
  if (design.styles.has("halftone")) {
    const id = canvas.uid("dots");
    const mask = canvas.uid("fade");
    const s = 18 * unit;
    canvas.defs.push(`<pattern id="${id}" width="${num(s)}" height="${num(s)}" patternUnits="userSpaceOnUse"><circle cx="${num(s / 2)}" cy="${num(s / 2)}" r="${num(s * 0.3)}" fill="${palette.accent}"/></pattern>`);
    const fade = linearGradient(canvas, [[0, "#ffffff", 0], [1, "#ffffff", 1]]);
    canvas.defs.push(`<mask id="${mask}"><rect width="${width}" height="${height}" fill="${fade}"/></mask>`);
    out.push(`<rect width="${width}" height="${height}" fill="url(#${id})" mask="url(#${mask})" opacity="0.55"/>`);
  }
  return out.join("");
}

function subject(canvas: Canvas, frame: Frame): string {
  const { motifs } = canvas.design;
  const hasSun = motifs.includes("sun");
  const draw: Record<Motif, () => string> = {
    stars: () => stars(canvas, frame),
    moon: () => moon(canvas, hasSun ? { ...frame, cx: canvas.width - frame.cx, r: frame.r * 0.6 } : frame),
    planet: () => planet(canvas, hasSun || motifs.includes("moon") ? { ...frame, cx: canvas.width - frame.cx, cy: frame.cy - frame.r * 0.3, r: frame.r * 0.55 } : frame),
    sun: () => sun(canvas, frame),
    mountains: () => mountains(canvas, frame),
    city: () => city(canvas, frame),
    forest: () => forest(canvas, frame),
    ocean: () => ocean(canvas, motifs.some((m) => m === "mountains" || m === "city" || m === "forest") ? { ...frame, horizon: frame.horizon + (canvas.height - frame.horizon) * 0.3 } : frame, hasSun),
    flower: () => flower(canvas, frame),
    bauhaus: () => bauhaus(canvas, frame),
    geometric: () => geometric(canvas, frame),
    organic: () => organic(canvas, frame),
    abstract: () => abstract(canvas, frame),
  };
  // Painter's order: sky, then land from far to near, then the subject in front.
  const order: Motif[] = ["stars", "moon", "planet", "sun", "mountains", "city", "forest", "ocean", "flower", "bauhaus", "geometric", "organic", "abstract"];
  // A Bauhaus grid is already geometric; layering both reads as clutter.
  const skip = motifs.includes("bauhaus") ? ["geometric"] : [];
  const body = order.filter((m) => motifs.includes(m) && !skip.includes(m)).map((m) => draw[m]()).join("");
  return applyEffects(canvas, body) + canvas.details.join("");
}

/**
 * Neon and watercolour without SVG filters (a blur over the whole subject costs librsvg
 * about a second): neon draws the line art several times, wide and faint under thin and
 * bright; watercolour lays three offset, translucent washes of the same shapes.
 */
function applyEffects(canvas: Canvas, body: string): string {
  const { design, unit, random } = canvas;
  if (design.moods.has("neon")) {
    // stroke-opacity and fill-opacity are inherited, unlike opacity, which would make librsvg composite an offscreen layer per pass.
    const pass = (width: number, opacity: number) => `<g stroke-width="${num(width * unit)}" stroke-linecap="round" stroke-opacity="${opacity}" fill-opacity="${opacity}">${body}</g>`;
    return pass(30, 0.07) + pass(16, 0.14) + pass(8, 0.35) + pass(3.5, 1);
  }
  if (lineArt(canvas)) return `<g stroke-width="${num(4 * unit)}">${body}</g>`;
  if (design.styles.has("watercolor")) {
    const wash = (opacity: number) => {
      const dx = random.range(-9, 9) * unit;
      const dy = random.range(-9, 9) * unit;
      return `<g fill-opacity="${opacity}" transform="translate(${num(dx)} ${num(dy)})">${body}</g>`;
    };
    return wash(0.35) + wash(0.35) + wash(0.55);
  }
  return body;
}

function overlays(canvas: Canvas): string {
  const { design, palette, width, height } = canvas;
  const out: string[] = [];
  if (design.moods.has("lowContrast")) {
    out.push(`<rect width="${width}" height="${height}" fill="${linearGradient(canvas, [[0, palette.bgTop, 0], [1, palette.bgTop, 0.35]])}"/>`);
  }
  return out.join("");
}

type TextResult = { svg: string; missing: string[] };

function headline(canvas: Canvas, lay: Layout): TextResult {
  const { design, palette, height, unit } = canvas;
  if (!design.headline || !lay.band) return { svg: "", missing: [] };
  const serif = design.styles.has("serif") || design.styles.has("retro");
  const cjk = /[\u2e80-\u9fff]/.test(design.headline);
  const band = lay.band;
  const narrow = design.headlineScale < 1 ? 0.62 : 1;
  const box = { ...band, w: band.w * narrow, x: lay.align === "right" ? band.x + band.w * (1 - narrow) : lay.align === "center" ? band.x + (band.w * (1 - narrow)) / 2 : band.x };
  const behind = mix(palette.bgTop, palette.bgBottom, (band.y + band.h / 2) / height);
  const ink = legibleOn(behind, design.moods.has("highContrast") ? [palette.ink] : [palette.ink, palette.accent, palette.primary]);
  const text = typeset({
    text: design.headline,
    box,
    align: lay.align,
    valign: design.headlinePosition === "bottom" ? "bottom" : "top",
    face: serif ? "serif" : "grotesk",
    color: ink,
    maxSize: Math.min(canvas.width, height) * 0.2 * design.headlineScale,
    tracking: serif ? -0.005 : cjk ? 0.02 : -0.012,
    lineHeight: cjk ? 1.12 : serif ? 1.02 : 0.94,
  });
  let svg = text.svg;
  if (!design.minimal && text.width > 0 && design.headlinePosition === "top") {
    const x = lay.align === "left" ? box.x : lay.align === "right" ? box.x + box.w - text.width : box.x + (box.w - text.width) / 2;
    svg += `<rect x="${num(x)}" y="${num(box.y + text.height + 18 * unit)}" width="${num(text.width)}" height="${num(Math.max(2, 3 * unit))}" fill="${ink}" opacity="0.85"/>`;
  }
  // The subtitle follows the headline as set, not the band reserved for it.
  const subBox = lay.sub && design.headlinePosition === "top" ? { ...lay.sub, y: Math.min(lay.sub.y, box.y + text.height + 40 * unit) } : lay.sub;
  const sub = design.subline && subBox
    ? typeset({ text: design.subline, box: subBox, align: lay.align, valign: "top", face: "grotesk-light", color: ink, maxSize: subBox.h, maxLines: 1, tracking: 0.04 })
    : undefined;
  return { svg: svg + (sub?.svg ?? ""), missing: [...text.missing, ...(sub?.missing ?? [])] };
}

function border(canvas: Canvas): string {
  const { design, palette, width, height, unit } = canvas;
  if (!design.styles.has("retro")) return "";
  const inset = Math.min(width, height) * 0.03;
  return `<rect x="${num(inset)}" y="${num(inset)}" width="${num(width - 2 * inset)}" height="${num(height - 2 * inset)}" rx="${num(inset)}" fill="none" stroke="${palette.ink}" stroke-width="${num(3 * unit)}" opacity="0.8"/>`;
}

export const BACKDROP_SCALE = 4;

export type Composition = {
  /** Soft layers, to rasterise at 1/BACKDROP_SCALE and scale up. */
  backdropSvg: string;
  /** Everything crisp, on a transparent ground, at full size. */
  foregroundSvg: string;
  missingGlyphs: string[];
  /**
   * The foreground's parts as separate SVG documents (same size and defs), for the Local video
   * renderer, which moves the subject, reveals the headline and keeps the border still.
   */
  layers: { subject: string; text: string; border: string };
};

/** Builds the poster as two SVG documents; text is already outlines, so no fonts are needed to rasterise it. */
export function composeSvg(input: { width: number; height: number; design: Design; palette: Palette; random: Random; subject?: (frame: Frame) => string }): Composition {
  const canvas = createCanvas(input);
  const lay = layout(canvas);
  backdrop(canvas, lay.frame);
  const pattern = patterns(canvas, lay.frame);
  // A moodboard's subject reference is drawn by the caller where the motifs would go.
  const art = input.subject ? input.subject(lay.frame) : subject(canvas, lay.frame);
  const over = overlays(canvas);
  const text = headline(canvas, lay);
  const frame = border(canvas);
  const { width, height } = input;
  const defs = `<defs>${canvas.defs.join("")}</defs>`;
  const small = (v: number) => Math.max(1, Math.round(v / BACKDROP_SCALE));
  const full = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${defs}${body}</svg>`;
  return {
    backdropSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="${small(width)}" height="${small(height)}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">${defs}${canvas.backdrop.join("")}</svg>`,
    foregroundSvg: full(`${pattern}${art}${over}${text.svg}${frame}`),
    missingGlyphs: text.missing,
    layers: { subject: full(`${pattern}${art}${over}`), text: full(text.svg), border: full(frame) },
  };
}
