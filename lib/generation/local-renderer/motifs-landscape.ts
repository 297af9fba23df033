import "server-only";
import { adjust, hexToHsl, mix } from "./color";
import { lineArt, linearGradient, num, paint, radialGradient, type Canvas, type Frame } from "./canvas";

/** Sky and landscape motifs: drawn across the width, around a horizon line. */

/** The palette colour closest to a hue range, if it is saturated enough to read as that colour. */
function colorNearHue(canvas: Canvas, hues: [number, number]): string | undefined {
  const { primary, secondary, accent } = canvas.palette;
  return [primary, secondary, accent].find((c) => {
    const { h, s } = hexToHsl(c);
    const inRange = hues[0] <= hues[1] ? h >= hues[0] && h <= hues[1] : h >= hues[0] || h <= hues[1];
    return s > 0.35 && inRange;
  });
}

/** A sun stays warm whatever the palette: the warmest palette colour, or a golden one. */
function sunColors(canvas: Canvas): [string, string] {
  const warm = colorNearHue(canvas, [330, 60]) ?? mix(canvas.palette.secondary, "#ffb547", 0.65);
  return [mix(warm, "#fff1c1", 0.45), adjust(warm, { h: -12, l: -0.04 })];
}

export function sun(canvas: Canvas, frame: Frame): string {
  const { design, unit } = canvas;
  const r = frame.r * 0.92;
  const [top, bottom] = sunColors(canvas);
  const fill = linearGradient(canvas, [[0, top], [1, bottom]]);
  if (!design.minimal) {
    canvas.backdrop.push(`<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r * 1.7)}" fill="${radialGradient(canvas, [[0.55, top, 0.35], [1, top, 0]])}"/>`);
  }
  let clip = "";
  if (design.styles.has("retro") || design.styles.has("stripes")) {
    // Retro sun: slices cut out of the lower half, thicker towards the horizon.
    const id = canvas.uid("sunclip");
    let y = frame.cy - r;
    const bands: string[] = [];
    for (let i = 0; i < 6; i++) {
      const gapY = frame.cy + r * (0.05 + i * 0.17);
      bands.push(`<rect x="${num(frame.cx - r)}" y="${num(y)}" width="${num(2 * r)}" height="${num(gapY - y)}"/>`);
      y = gapY + Math.max(2 * unit, r * 0.025 * (i + 1));
    }
    bands.push(`<rect x="${num(frame.cx - r)}" y="${num(y)}" width="${num(2 * r)}" height="${num(frame.cy + r - y)}"/>`);
    canvas.defs.push(`<clipPath id="${id}">${bands.join("")}</clipPath>`);
    clip = ` clip-path="url(#${id})"`;
  }
  return lineArt(canvas)
    ? `<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r)}" ${paint(canvas, bottom)}${clip}/>`
    : `<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r)}" fill="${fill}"${clip}/>`;
}

export function moon(canvas: Canvas, frame: Frame): string {
  const { palette } = canvas;
  const r = frame.r * 0.7;
  const light = mix(palette.accent, "#fdf6e3", 0.6);
  const id = canvas.uid("crescent");
  const offset = r * canvas.random.range(0.35, 0.55);
  // The mask covers only the moon's box: a full-canvas mask costs tens of milliseconds.
  const box = `maskUnits="userSpaceOnUse" x="${num(frame.cx - r - 2)}" y="${num(frame.cy - r - 2)}" width="${num(2 * r + 4)}" height="${num(2 * r + 4)}"`;
  canvas.defs.push(
    `<mask id="${id}" ${box}><rect x="${num(frame.cx - r - 2)}" y="${num(frame.cy - r - 2)}" width="${num(2 * r + 4)}" height="${num(2 * r + 4)}" fill="white"/><circle cx="${num(frame.cx + offset)}" cy="${num(frame.cy - offset * 0.5)}" r="${num(r * 0.92)}" fill="black"/></mask>`,
  );
  canvas.backdrop.push(`<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r * 1.9)}" fill="${radialGradient(canvas, [[0.4, light, 0.25], [1, light, 0]])}"/>`);
  return `<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r)}" ${paint(canvas, light)} mask="url(#${id})"/>`;
}

export function stars(canvas: Canvas, frame: Frame): string {
  const { random, unit, palette, width } = canvas;
  const count = canvas.design.minimal ? 24 : 70;
  const color = mix(palette.accent, "#ffffff", 0.6);
  const skyBottom = Math.max(frame.art.y + 40 * unit, frame.horizon);
  const dots = Array.from({ length: count }, () => {
    const x = random.range(0, width);
    const y = random.range(0, skyBottom);
    const r = random.range(0.8, 2.6) * unit;
    return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${color}" opacity="${num(random.range(0.35, 1))}"/>`;
  });
  const sparkles = Array.from({ length: 4 }, () => {
    const x = random.range(0.08, 0.92) * width;
    const y = random.range(0, skyBottom);
    const s = random.range(7, 14) * unit;
    const w = s * 0.18;
    return `<path fill="${color}" d="M${num(x)} ${num(y - s)}L${num(x + w)} ${num(y - w)}L${num(x + s)} ${num(y)}L${num(x + w)} ${num(y + w)}L${num(x)} ${num(y + s)}L${num(x - w)} ${num(y + w)}L${num(x - s)} ${num(y)}L${num(x - w)} ${num(y - w)}Z"/>`;
  });
  return dots.join("") + sparkles.join("");
}

export function planet(canvas: Canvas, frame: Frame): string {
  const { palette, random, unit } = canvas;
  const r = frame.r * 0.78;
  const body = linearGradient(canvas, [[0, mix(palette.secondary, "#ffffff", 0.15)], [1, adjust(palette.primary, { l: -0.12 })]], { x1: 0, y1: 0, x2: 1, y2: 1 });
  const tilt = random.range(-24, -10);
  const ring = (half: "back" | "front") => {
    const rx = r * 1.75;
    const ry = r * 0.36;
    const sweep = half === "back" ? 1 : 0;
    return `<path transform="rotate(${num(tilt)} ${num(frame.cx)} ${num(frame.cy)})" fill="none" stroke="${palette.accent}" stroke-width="${num(Math.max(3 * unit, r * 0.07))}" stroke-linecap="round" d="M${num(frame.cx - rx)} ${num(frame.cy)}A${num(rx)} ${num(ry)} 0 0 ${sweep} ${num(frame.cx + rx)} ${num(frame.cy)}"/>`;
  };
  const bands = Array.from({ length: 3 }, (_, i) => {
    const y = frame.cy - r * 0.45 + i * r * 0.38;
    return `<ellipse cx="${num(frame.cx)}" cy="${num(y)}" rx="${num(r * 0.98)}" ry="${num(r * 0.07)}" fill="${palette.primary}" opacity="0.35"/>`;
  });
  const clip = canvas.uid("planet");
  canvas.defs.push(`<clipPath id="${clip}"><circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r)}"/></clipPath>`);
  const sphere = lineArt(canvas)
    ? `<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r)}" ${paint(canvas, palette.secondary)}/>`
    : `<circle cx="${num(frame.cx)}" cy="${num(frame.cy)}" r="${num(r)}" fill="${body}"/><g clip-path="url(#${clip})">${bands.join("")}</g>`;
  return ring("back") + sphere + ring("front");
}

/** Midpoint displacement: a ridge line of 2^depth + 1 heights in [0, 1]. */
function ridge(canvas: Canvas, depth: number, roughness: number): number[] {
  const n = 2 ** depth;
  const heights = new Array<number>(n + 1).fill(0);
  heights[0] = canvas.random.range(0.1, 0.6);
  heights[n] = canvas.random.range(0.1, 0.6);
  let spread = 0.7;
  for (let step = n; step > 1; step /= 2) {
    for (let i = step / 2; i < n; i += step) {
      heights[i] = (heights[i - step / 2]! + heights[i + step / 2]!) / 2 + canvas.random.range(-spread, spread);
    }
    spread *= roughness;
  }
  const min = Math.min(...heights);
  const max = Math.max(...heights);
  return heights.map((h) => (h - min) / (max - min || 1));
}

export function mountains(canvas: Canvas, frame: Frame): string {
  const { palette, design, width, height } = canvas;
  const layers = design.minimal ? 2 : design.scale === "wide" ? 4 : 3;
  const far = mix(mix(palette.bgBottom, palette.secondary, 0.45), "#ffffff", palette.dark ? 0 : 0.12);
  const near = palette.dark ? mix(palette.primary, palette.bgTop, 0.55) : adjust(palette.primary, { l: -0.18 });
  const peak = frame.art.h * (design.scale === "close" ? 0.5 : design.scale === "wide" ? 0.22 : 0.34);
  return Array.from({ length: layers }, (_, i) => {
    const t = i / (layers - 1);
    const base = frame.horizon + (height - frame.horizon) * 0.16 * i;
    const heights = ridge(canvas, 5, i === 0 ? 0.55 : 0.5);
    const amplitude = peak * (1 - i * 0.2);
    const points = heights.map((h, j) => `L${num((j / (heights.length - 1)) * width)} ${num(base - h * amplitude)}`).join("");
    return `<path ${paint(canvas, mix(far, near, t))} d="M0 ${height}${points}L${width} ${height}Z"/>`;
  }).join("");
}

function wavePath(canvas: Canvas, y: number, amplitude: number, wavelength: number): string {
  const { width, height, random } = canvas;
  const phase = random.range(0, Math.PI * 2);
  const phase2 = random.range(0, Math.PI * 2);
  const step = Math.max(4, width / 160);
  let d = `M0 ${height}`;
  for (let x = 0; x <= width + step; x += step) {
    const wy = y + amplitude * Math.sin((2 * Math.PI * x) / wavelength + phase) + amplitude * 0.35 * Math.sin((2 * Math.PI * x) / (wavelength * 0.43) + phase2);
    d += `L${num(Math.min(x, width))} ${num(wy)}`;
  }
  return `${d}L${width} ${height}Z`;
}

export function ocean(canvas: Canvas, frame: Frame, withSun: boolean): string {
  const { palette, design, width, height, unit } = canvas;
  const layers = design.minimal ? 3 : 5;
  const top = frame.horizon + (height - frame.horizon) * 0.08;
  const water = colorNearHue(canvas, [165, 250]) ?? palette.primary;
  const light = mix(water, "#ffffff", palette.dark ? 0.15 : 0.45);
  const deep = palette.dark ? mix(water, palette.bgBottom, 0.45) : adjust(water, { l: -0.15 });
  const waves = Array.from({ length: layers }, (_, i) => {
    const t = i / (layers - 1);
    const y = top + (height - top) * Math.pow(t, 1.15) * 0.82;
    const amplitude = (6 + i * 7) * unit * (design.scale === "close" ? 1.8 : 1);
    return `<path ${paint(canvas, mix(light, deep, t))} d="${wavePath(canvas, y, amplitude, width / canvas.random.range(1.6, 3.2))}"/>`;
  }).join("");
  if (!withSun) return waves;
  const glint = mix(palette.secondary, "#fff1c1", 0.5);
  const reflection = Array.from({ length: 6 }, (_, i) => {
    const w = frame.r * (1.5 - i * 0.22);
    const y = top + (height - top) * (0.05 + i * 0.11);
    return `<rect x="${num(frame.cx - w / 2)}" y="${num(y)}" width="${num(w)}" height="${num(Math.max(2, 7 * unit - i * unit))}" rx="${num(3 * unit)}" fill="${glint}" opacity="${num(0.75 - i * 0.1)}"/>`;
  }).join("");
  return waves + reflection;
}

export function city(canvas: Canvas, frame: Frame): string {
  const { palette, random, width, height, unit, design } = canvas;
  const rows = design.minimal ? 1 : 2;
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    const front = row === rows - 1;
    const color = front ? (palette.dark ? mix(palette.primary, "#000000", 0.45) : adjust(palette.primary, { l: -0.2 })) : mix(palette.secondary, palette.bgBottom, 0.4);
    const base = frame.horizon + (height - frame.horizon) * (front ? 0.35 : 0.15);
    let x = -random.range(0, 30) * unit;
    while (x < width) {
      const w = random.range(0.05, 0.11) * width;
      const h = frame.art.h * random.range(front ? 0.18 : 0.28, front ? 0.42 : 0.55) * (design.scale === "close" ? 1.3 : 1);
      out.push(`<rect x="${num(x)}" y="${num(base - h)}" width="${num(w + unit)}" height="${num(height - base + h)}" ${paint(canvas, color)}/>`);
      if (front && !design.minimal) canvas.details.push(windows(canvas, { x, y: base - h, w, h }));
      x += w + random.range(0, 6) * unit;
    }
  }
  return out.join("");
}

function windows(canvas: Canvas, b: { x: number; y: number; w: number; h: number }): string {
  const { random, unit, palette } = canvas;
  const size = 7 * unit;
  const gap = 9 * unit;
  const cols = Math.max(1, Math.floor((b.w - gap) / (size + gap)));
  const rows = Math.min(10, Math.floor((b.h - gap) / (size * 1.6 + gap)));
  const lit = mix(palette.accent, "#ffe9a8", 0.4);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!random.chance(0.45)) continue;
      out.push(`<rect x="${num(b.x + gap + c * (size + gap))}" y="${num(b.y + gap + r * (size * 1.6 + gap))}" width="${num(size)}" height="${num(size * 1.6)}" fill="${lit}" opacity="0.85"/>`);
    }
  }
  return out.join("");
}

export function forest(canvas: Canvas, frame: Frame): string {
  const { palette, random, width, height, unit, design } = canvas;
  const rows = design.minimal ? 1 : 3;
  const far = mix(palette.secondary, palette.bgBottom, 0.35);
  const near = palette.dark ? mix(palette.primary, "#000000", 0.5) : adjust(palette.primary, { l: -0.22 });
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    const t = rows === 1 ? 1 : row / (rows - 1);
    const color = mix(far, near, t);
    const base = frame.horizon + (height - frame.horizon) * (0.1 + 0.3 * t);
    const treeH = frame.art.h * (0.16 + 0.12 * t) * (design.scale === "close" ? 1.5 : 1);
    let x = -random.range(0, treeH * 0.4);
    while (x < width + treeH * 0.3) {
      const h = treeH * random.range(0.75, 1.2);
      const w = h * 0.42;
      const tiers = [0, 1, 2].map((k) => {
        const ty = base - h + k * h * 0.24;
        const tw = w * (0.55 + k * 0.25);
        return `M${num(x)} ${num(ty)}L${num(x + tw / 2)} ${num(ty + h * 0.42)}L${num(x - tw / 2)} ${num(ty + h * 0.42)}Z`;
      });
      out.push(`<path ${paint(canvas, color)} d="${tiers.join("")}"/>`);
      x += w * random.range(0.55, 0.85);
    }
    out.push(`<rect x="0" y="${num(base - 2 * unit)}" width="${width}" height="${num(height - base + 2 * unit)}" ${paint(canvas, color)}/>`);
  }
  return out.join("");
}
