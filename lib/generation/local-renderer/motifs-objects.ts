import "server-only";
import { adjust, mix } from "./color";
import { lineArt, linearGradient, num, paint, smoothClosedPath, type Canvas, type Frame } from "./canvas";

/** Subject motifs: drawn around the focal point of the frame. */

function shapeColors(canvas: Canvas): string[] {
  const { palette } = canvas;
  return [palette.primary, palette.secondary, palette.accent, mix(palette.primary, palette.secondary, 0.5)];
}

export function flower(canvas: Canvas, frame: Frame): string {
  const { random, palette, design } = canvas;
  const blooms = design.minimal ? 1 : 3;
  const out: string[] = [];
  for (let b = 0; b < blooms; b++) {
    const main = b === 0;
    const r = frame.r * (main ? 1 : random.range(0.35, 0.5));
    const angle = random.range(0, Math.PI * 2);
    const cx = main ? frame.cx : frame.cx + Math.cos(angle) * frame.r * 1.35;
    const cy = main ? frame.cy : frame.cy + Math.sin(angle) * frame.r * 1.1;
    const petals = random.int(7, 12);
    const rotation = random.range(0, 360);
    const layer = (radius: number, color: string, offset: number) =>
      Array.from({ length: petals }, (_, i) => {
        const a = rotation + offset + (360 / petals) * i;
        return `<ellipse cx="${num(cx)}" cy="${num(cy - radius * 0.5)}" rx="${num(radius * 0.24)}" ry="${num(radius * 0.5)}" transform="rotate(${num(a)} ${num(cx)} ${num(cy)})" ${paint(canvas, color)}/>`;
      }).join("");
    out.push(layer(r, palette.primary, 0), layer(r * 0.66, palette.secondary, 180 / petals));
    out.push(`<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r * 0.17)}" ${paint(canvas, palette.accent)}/>`);
  }
  return out.join("");
}

export function bauhaus(canvas: Canvas, frame: Frame): string {
  const { random, design } = canvas;
  const n = design.minimal || design.scale === "close" ? 2 : design.scale === "wide" ? 4 : 3;
  const side = Math.min(frame.art.w * 0.86, frame.art.h * 0.86, frame.r * 2.6 * (design.scale === "close" ? 1.3 : 1));
  const cell = side / n;
  const x0 = Math.min(Math.max(frame.cx - side / 2, frame.art.x), frame.art.x + frame.art.w - side);
  const y0 = Math.min(Math.max(frame.cy - side / 2, frame.art.y), frame.art.y + frame.art.h - side);
  const colors = [...shapeColors(canvas), canvas.palette.ink];
  const out: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const x = x0 + col * cell;
      const y = y0 + row * cell;
      const [bg, fg] = [random.pick(colors), random.pick(colors)];
      if (random.chance(0.55)) out.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(cell + 0.5)}" height="${num(cell + 0.5)}" ${paint(canvas, bg)}/>`);
      out.push(bauhausCell(canvas, { x, y, s: cell, color: fg === bg ? random.pick(colors.filter((c) => c !== bg)) : fg }));
    }
  }
  return out.join("");
}

function bauhausCell(canvas: Canvas, c: { x: number; y: number; s: number; color: string }): string {
  const { random } = canvas;
  const { x, y, s, color } = c;
  const kind = random.int(0, 5);
  const p = paint(canvas, color);
  const turn = random.int(0, 3) * 90;
  const rotate = `transform="rotate(${turn} ${num(x + s / 2)} ${num(y + s / 2)})"`;
  switch (kind) {
    case 0:
      return `<circle cx="${num(x + s / 2)}" cy="${num(y + s / 2)}" r="${num(s * 0.42)}" ${p}/>`;
    case 1:
      return `<path ${rotate} ${p} d="M${num(x)} ${num(y + s)}A${num(s / 2)} ${num(s / 2)} 0 0 1 ${num(x + s)} ${num(y + s)}Z"/>`;
    case 2:
      return `<path ${rotate} ${p} d="M${num(x)} ${num(y)}L${num(x + s)} ${num(y)}A${num(s)} ${num(s)} 0 0 1 ${num(x)} ${num(y + s)}Z"/>`;
    case 3:
      return `<path ${rotate} ${p} d="M${num(x)} ${num(y + s)}L${num(x + s / 2)} ${num(y)}L${num(x + s)} ${num(y + s)}Z"/>`;
    case 4:
      return [0, 1, 2].map((i) => `<rect x="${num(x + s * 0.12)}" y="${num(y + s * (0.14 + i * 0.26))}" width="${num(s * 0.76)}" height="${num(s * 0.14)}" ${p}/>`).join("");
    default:
      return `<circle cx="${num(x + s / 2)}" cy="${num(y + s / 2)}" r="${num(s * 0.2)}" ${p}/>`;
  }
}

export function geometric(canvas: Canvas, frame: Frame): string {
  const { random, palette, unit, design } = canvas;
  const { cx, cy, r } = frame;
  const [a, b, c] = shapeColors(canvas) as [string, string, string];
  const out: string[] = [];
  out.push(`<circle cx="${num(cx + r * 0.18)}" cy="${num(cy - r * 0.1)}" r="${num(r * 0.82)}" ${paint(canvas, a)}/>`);
  const angle = random.range(-30, 30);
  out.push(`<rect x="${num(cx - r * 0.95)}" y="${num(cy - r * 0.05)}" width="${num(r * 1.2)}" height="${num(r * 0.95)}" transform="rotate(${num(angle)} ${num(cx)} ${num(cy)})" ${paint(canvas, b, 0.92)}/>`);
  const t = r * 0.75;
  out.push(`<path ${paint(canvas, c)} d="M${num(cx + r * 0.2)} ${num(cy + r * 0.95)}L${num(cx + r * 0.2 + t)} ${num(cy + r * 0.95)}L${num(cx + r * 0.2 + t / 2)} ${num(cy + r * 0.95 - t * 0.87)}Z"/>`);
  if (!design.minimal) {
    out.push(`<line x1="${num(cx - r * 1.3)}" y1="${num(cy + r * 1.15)}" x2="${num(cx + r * 1.3)}" y2="${num(cy - r * 1.15)}" stroke="${palette.ink}" stroke-width="${num(3 * unit)}"/>`);
    for (let i = 0; i < 5; i++) {
      out.push(`<circle cx="${num(cx - r * 1.1 + i * r * 0.22)}" cy="${num(cy - r * 1.0)}" r="${num(r * 0.05)}" fill="${palette.ink}"/>`);
    }
  }
  return out.join("");
}

export function organic(canvas: Canvas, frame: Frame): string {
  const { random, design } = canvas;
  const count = design.minimal ? 2 : 4;
  const colors = shapeColors(canvas);
  return Array.from({ length: count }, (_, i) => {
    const angle = random.range(0, Math.PI * 2);
    const distance = i === 0 ? 0 : frame.r * random.range(0.45, 0.85);
    const cx = frame.cx + Math.cos(angle) * distance;
    const cy = frame.cy + Math.sin(angle) * distance;
    const radius = frame.r * (i === 0 ? 0.95 : random.range(0.35, 0.6));
    const points = Array.from({ length: 9 }, (_, k): [number, number] => {
      const a = (k / 9) * Math.PI * 2;
      const rr = radius * random.range(0.72, 1.18);
      return [cx + Math.cos(a) * rr, cy + Math.sin(a) * rr];
    });
    const color = colors[i % colors.length]!;
    const fill = design.styles.has("gradient") && !lineArt(canvas)
      ? `fill="${linearGradient(canvas, [[0, mix(color, "#ffffff", 0.25)], [1, adjust(color, { h: 25, l: -0.08 })]], { x1: 0, y1: 0, x2: 1, y2: 1 })}" opacity="0.94"`
      : paint(canvas, color, i === 0 ? 1 : 0.9);
    return `<path ${fill} d="${smoothClosedPath(points)}"/>`;
  }).join("");
}

/** The default: a Swiss-poster arrangement of an arch, a disc and a bar. */
export function abstract(canvas: Canvas, frame: Frame): string {
  const { random, palette, design, unit } = canvas;
  const { cx, cy, r } = frame;
  const [a, b, c] = shapeColors(canvas) as [string, string, string];
  const archW = r * 1.25;
  const archH = r * 1.7;
  const ax = cx - archW * 0.62;
  const ay = cy - archH * 0.42;
  const archFill = design.styles.has("gradient") && !lineArt(canvas)
    ? `fill="${linearGradient(canvas, [[0, a], [1, adjust(a, { h: 30, l: 0.08 })]])}"`
    : paint(canvas, a);
  const out: string[] = [
    `<path ${archFill} d="M${num(ax)} ${num(ay + archH)}L${num(ax)} ${num(ay + archW / 2)}A${num(archW / 2)} ${num(archW / 2)} 0 0 1 ${num(ax + archW)} ${num(ay + archW / 2)}L${num(ax + archW)} ${num(ay + archH)}Z"/>`,
    `<circle cx="${num(cx + r * random.range(0.45, 0.65))}" cy="${num(cy - r * random.range(0.35, 0.6))}" r="${num(r * 0.48)}" ${paint(canvas, b, 0.95)}/>`,
    `<rect x="${num(cx - r * 0.1)}" y="${num(cy + r * random.range(0.45, 0.7))}" width="${num(r * 1.1)}" height="${num(r * 0.2)}" ${paint(canvas, c)}/>`,
  ];
  if (!design.minimal) {
    out.push(`<circle cx="${num(ax + archW / 2)}" cy="${num(ay + archW / 2)}" r="${num(archW * 0.16)}" fill="${palette.bgTop}"/>`);
    out.push(`<path fill="none" stroke="${palette.ink}" stroke-width="${num(3 * unit)}" d="M${num(cx - r * 1.2)} ${num(cy + r * 1.05)}Q${num(cx)} ${num(cy + r * 0.6)} ${num(cx + r * 1.2)} ${num(cy + r * 1.05)}"/>`);
  }
  return out.join("");
}
