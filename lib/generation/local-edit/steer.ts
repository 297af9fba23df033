import "server-only";
import sharp from "sharp";
import type { ReferenceRole } from "@/lib/schemas/edit";
import { num, type Frame } from "../local-renderer/canvas";
import type { Composition, Design, Mood, Style } from "../local-renderer/interpret";
import type { PosterSteering } from "../local-renderer/render-poster";
import { lookOf, type ReferenceLook } from "./measure";

/*
 * A moodboard on the Local renderer: each reference steers only what its role names. Palette →
 * the reference's main colours become the poster's; style → tone, saturation, contrast, warmth
 * and texture become moods and styles; composition → where the weight sits and how large the
 * subject is; subject → a cut-out of the reference's centre of interest is drawn as the subject
 * (the Local renderer cannot recognise what it shows, so it shows it).
 */

export type LocalReference = { bytes: Uint8Array; role: ReferenceRole };

export type Steering = {
  poster: PosterSteering;
  /** What an edit of an existing image takes from the moodboard: colours and tone only. */
  tone: { colours: string[]; moods: Mood[]; styles: Style[]; grain?: number };
  /** One line per reference: what it did, or why it was not used. */
  notes: string[];
};

type Read = { index: number; role: ReferenceRole; look: ReferenceLook; bytes: Uint8Array };

function styleOf(look: ReferenceLook): { moods: Mood[]; styles: Style[]; grain?: number } {
  const moods: Mood[] = [];
  const styles: Style[] = [];
  if (look.brightness < 0.3) moods.push("dark");
  else if (look.brightness > 0.72) moods.push("light");
  if (look.saturation < 0.08) moods.push("mono");
  else if (look.saturation < 0.22) moods.push("muted");
  else if (look.saturation > 0.5) moods.push("vibrant");
  if (look.contrast > 0.28) moods.push("highContrast");
  else if (look.contrast < 0.08) moods.push("lowContrast");
  if (look.hue !== null && (look.hue < 60 || look.hue >= 330)) moods.push("warm");
  else if (look.hue !== null && look.hue >= 170 && look.hue < 260) moods.push("cool");
  if (look.texture > 0.035) {
    styles.push("grain");
    return { moods, styles, grain: Math.min(0.2, Math.round(look.texture * 300) / 100) };
  }
  if (look.texture < 0.008) styles.push("flat");
  return { moods, styles, grain: look.texture < 0.008 ? 0 : undefined };
}

function compositionOf(look: ReferenceLook): { composition: Composition; scale: Design["scale"] } {
  const composition: Composition = look.focus.x < 0.42 ? "left" : look.focus.x > 0.58 ? "right" : "centered";
  const scale: Design["scale"] = look.spread < 0.18 ? "wide" : look.spread > 0.3 ? "close" : "normal";
  return { composition, scale };
}

/** The reference's centre of interest as a round cut-out with a soft edge, as a PNG data URI. */
async function cutOut(read: Read): Promise<string> {
  const meta = await sharp(read.bytes).rotate().metadata();
  const w = meta.autoOrient.width;
  const h = meta.autoOrient.height;
  const side = Math.round(Math.min(w, h) * 0.8);
  const left = Math.round(Math.min(w - side, Math.max(0, read.look.focus.x * w - side / 2)));
  const top = Math.round(Math.min(h - side, Math.max(0, read.look.focus.y * h - side / 2)));
  const size = 512;
  const fade = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><defs><radialGradient id="f"><stop offset="0.82" stop-color="#fff"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><circle cx="${size / 2}" cy="${size / 2}" r="${size / 2}" fill="url(#f)"/></svg>`;
  const png = await sharp(read.bytes)
    .rotate()
    .extract({ left, top, width: side, height: side })
    .resize(size, size)
    .ensureAlpha()
    .composite([{ input: Buffer.from(fade), blend: "dest-in" }])
    .png({ compressionLevel: 3 })
    .toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}

const unique = <T>(items: T[]) => [...new Set(items)];

export async function steeringFrom({ references, editing }: { references: LocalReference[]; editing: boolean }): Promise<Steering> {
  const reads: Read[] = await Promise.all(references.map(async (r, i) => ({ index: i + 1, role: r.role, bytes: r.bytes, look: await lookOf(r.bytes) })));
  const of = (role: ReferenceRole) => reads.filter((r) => r.role === role);
  const notes: string[] = [];
  // Several palette references share the palette: their main colours in turn.
  const palettes = of("palette").map((r) => r.look.colours);
  const colours = unique(Array.from({ length: 4 }, (_, i) => palettes.map((p) => p[i])).flat().filter((c): c is string => c !== undefined)).slice(0, 4);
  of("palette").forEach((r) => notes.push(`palette reference ${r.index}: colours ${r.look.colours.join(", ")}`));
  const styled = of("style").map((r) => ({ r, ...styleOf(r.look) }));
  styled.forEach(({ r, moods, styles }) => notes.push(`style reference ${r.index}: ${[...moods, ...styles].join(", ") || "neutral tone"}`));
  const moods = unique(styled.flatMap((s) => s.moods));
  const styles = unique(styled.flatMap((s) => s.styles));
  const grain = styled.find((s) => s.grain !== undefined)?.grain;
  const tone = { colours, moods, styles, grain };
  if (editing) {
    for (const r of [...of("composition"), ...of("subject")]) notes.push(`${r.role} reference ${r.index} not used: an edit keeps the input image's ${r.role}`);
    return { poster: {}, tone, notes };
  }
  const [layout, ...otherLayouts] = of("composition");
  const placed = layout ? compositionOf(layout.look) : undefined;
  if (layout && placed) notes.push(`composition reference ${layout.index}: subject ${placed.composition === "centered" ? "centred" : `on the ${placed.composition}`}, ${placed.scale} framing`);
  otherLayouts.forEach((r) => notes.push(`composition reference ${r.index} not used: the first composition reference sets the layout`));
  const [subject, ...otherSubjects] = of("subject");
  const href = subject ? await cutOut(subject) : undefined;
  if (subject) notes.push(`subject reference ${subject.index}: its centre of interest drawn as the subject`);
  otherSubjects.forEach((r) => notes.push(`subject reference ${r.index} not used: the Local renderer draws one subject`));
  const design = (d: Design): Design => ({
    ...d,
    // The prompt's own colour words come first; the palette reference fills the rest.
    colors: unique([...d.colors, ...colours]).slice(0, 4),
    moods: new Set([...d.moods, ...moods]),
    styles: new Set([...d.styles, ...styles]),
    grain: grain ?? d.grain,
    ...(placed ?? {}),
  });
  const draw = href ? (frame: Frame) => subjectImage({ href, frame }) : undefined;
  return { poster: { design, subject: draw }, tone, notes };
}

function subjectImage({ href, frame }: { href: string; frame: Frame }): string {
  const r = frame.r * 1.15;
  return `<image href="${href}" x="${num(frame.cx - r)}" y="${num(frame.cy - r)}" width="${num(2 * r)}" height="${num(2 * r)}" preserveAspectRatio="xMidYMid slice"/>`;
}
