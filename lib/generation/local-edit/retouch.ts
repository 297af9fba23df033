import "server-only";
import { blendRasters, FEATHER_PX, featherWeights, type Raster } from "@/lib/images/feather";
import { withStats } from "@/lib/images/mask";
import { hexToHsl, luminance, rgbToHex, withHsl } from "../local-renderer/color";
import { interpretPrompt, type Design, type Mood } from "../local-renderer/interpret";
import { buildPalette, type Palette } from "../local-renderer/palette";
import { createRandom, hashString, type Random } from "../local-renderer/random";
import { addGrain } from "../local-renderer/render-poster";
import { drawOver, gradientRamp, headlineSvg, mapByLightness, svgDocument } from "./draw";
import { fillRegion, meanOfRegion } from "./fill";
import { matchGrain, withTone } from "./region";
import type { Steering } from "./steer";

/*
 * "Use as input" on the Local renderer: the input image stays the base (its composition, its
 * shapes, its lightness structure) and the prompt's changes are applied on top, each one
 * visible: a new palette as a colour grade by lightness, moods as tone (darker, lighter, more
 * or less contrast, muted or vivid), a quoted headline set in the headline band (where the
 * Local renderer's own posters carry theirs), grain and a retro frame. A prompt that names none
 * of these still gets a light grade toward its palette, so a new round never repeats the input.
 */

const TONE_MOODS: Mood[] = ["warm", "cool", "pastel", "neon", "mono", "muted", "vibrant"];
/** Edits speak in comparatives the poster lexicon does not need: "darker", "brighter". */
const DARKER = /(?<![a-z])(darker|dimmer|deeper shadows)(?![a-z])|更暗|暗一点|调暗/i;
const LIGHTER = /(?<![a-z])(brighter|lighter)(?![a-z])|更亮|亮一点|调亮/i;

function withComparatives(design: Design, prompt: string): Design {
  const moods = new Set(design.moods);
  if (DARKER.test(prompt)) moods.add("dark");
  if (LIGHTER.test(prompt) && !moods.has("dark")) moods.add("light");
  return { ...design, moods };
}

export type Retouch = { raster: Raster; did: string[]; missing: string[] };

export async function retouchImage({ image, prompt, seed, tone }: { image: Raster; prompt: string; seed: number; tone?: Steering["tone"] }): Promise<Retouch> {
  const read = interpretPrompt(prompt);
  const design = withComparatives(withTone(read, tone), prompt);
  const random = createRandom(hashString(`${seed}:retouch:${prompt}`));
  const palette = buildPalette(design, random);
  const did: string[] = [];
  const asked = design.colors.length > 0 || design.dominant !== undefined || TONE_MOODS.some((m) => design.moods.has(m));
  let raster = mapByLightness({ raster: image, ramp: gradientRamp(gradeStops(palette)), strength: asked ? 0.55 : 0.3 });
  did.push(asked ? `re-coloured toward ${palette.primary}` : `lightly re-toned toward ${palette.primary} (no colour was asked for)`);
  // Tone after the grade, so "darker" ends darker whatever the palette's own lightness.
  raster = shiftTone({ raster, moods: design.moods, did });
  let missing: string[] = [];
  if (read.headline) {
    const set = await newHeadline({ raster, design, palette, text: read.headline, random });
    raster = set.raster;
    missing = set.missing;
    did.push(`headline “${read.headline}” set in the headline band`);
  }
  raster = await finish({ raster, design, random, did });
  return { raster, did, missing };
}

/** Dark to light through the palette: shadows take its deepest colour, highlights its palest. */
function gradeStops(palette: Palette): string[] {
  const colours = [palette.bgTop, palette.bgBottom, palette.primary, palette.secondary, palette.accent].sort((a, b) => luminance(a) - luminance(b));
  const darkest = colours[0]!;
  const lightest = colours.at(-1)!;
  return [withHsl(darkest, { l: Math.min(hexToHsl(darkest).l, 0.1) }), palette.primary, withHsl(lightest, { l: Math.max(hexToHsl(lightest).l, 0.9) })].sort((a, b) => luminance(a) - luminance(b));
}

/** Tone moods on the pixels: lightness, contrast and saturation. */
function shiftTone({ raster, moods, did }: { raster: Raster; moods: Set<Mood>; did: string[] }): Raster {
  const steps: Array<[Mood, string, (v: number) => number]> = [
    ["dark", "darker", (v) => v * 0.72],
    ["light", "lighter", (v) => v + (255 - v) * 0.3],
    ["highContrast", "more contrast", (v) => (v - 128) * 1.3 + 128],
    ["lowContrast", "less contrast", (v) => (v - 128) * 0.7 + 128],
  ];
  const active = steps.filter(([mood]) => moods.has(mood));
  const saturation = moods.has("mono") ? 0 : moods.has("muted") ? 0.55 : moods.has("vibrant") ? 1.35 : 1;
  if (active.length === 0 && saturation === 1) return raster;
  const { data, channels } = raster;
  const out = Buffer.from(data);
  for (let i = 0; i < raster.width * raster.height; i++) {
    const p = i * channels;
    const grey = 0.2126 * data[p]! + 0.7152 * data[p + 1]! + 0.0722 * data[p + 2]!;
    for (let c = 0; c < 3; c++) {
      let v = grey + (data[p + c]! - grey) * saturation;
      for (const [, , f] of active) v = f(v);
      out[p + c] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  did.push(...active.map(([, word]) => word), ...(saturation === 1 ? [] : [saturation === 0 ? "monochrome" : saturation < 1 ? "muted" : "more vivid"]));
  return { ...raster, data: out };
}

/**
 * The headline band of the Local renderer's layout, cleared from its surroundings, with the new
 * headline set in it. The band blends in over a wide ramp (3% of the short edge), so a gradient
 * or a glow that crosses its edge shows no seam.
 */
async function newHeadline({ raster, design, palette, text, random }: { raster: Raster; design: Design; palette: Palette; text: string; random: Random }): Promise<{ raster: Raster; missing: string[] }> {
  const { width, height } = raster;
  const margin = Math.round(Math.min(width, height) * 0.07);
  const bandH = Math.round(height * 0.2 * design.headlineScale);
  const bottom = design.headlinePosition === "bottom";
  // A little past the band, where an old headline's rule and subtitle sit.
  const y0 = bottom ? height - margin - bandH - Math.round(height * 0.02) : Math.round(margin * 0.4);
  const y1 = bottom ? height - Math.round(margin * 0.4) : margin + bandH + Math.round(height * 0.08);
  const data = new Uint8Array(width * height);
  for (let y = y0; y < y1; y++) data.fill(255, y * width + Math.round(margin * 0.4), y * width + width - Math.round(margin * 0.4));
  const band = withStats({ data, width, height });
  const filled = fillRegion({ image: raster, mask: band });
  const ground = rgbToHex(meanOfRegion({ image: filled, mask: band }));
  const box = { x: margin, y: bottom ? height - margin - bandH : margin, w: width - 2 * margin, h: bandH };
  const { svg, missing } = headlineSvg({ text, box, design, palette, ground });
  const drawn = await drawOver({ raster: filled, svg: svgDocument({ width, height, body: svg }) });
  matchGrain({ content: drawn, image: raster, mask: band, random });
  const ramp = Math.max(FEATHER_PX, Math.round(Math.min(width, height) * 0.03));
  return { raster: blendRasters({ base: raster, top: drawn, weights: featherWeights(band, ramp) }), missing };
}

/** Grain and the retro frame, as the Local renderer's posters have them. */
async function finish({ raster, design, random, did }: { raster: Raster; design: Design; random: Random; did: string[] }): Promise<Raster> {
  let out = raster;
  if (design.styles.has("retro")) {
    const { width, height } = raster;
    const inset = Math.min(width, height) * 0.03;
    const body = `<defs><radialGradient id="v" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.22"/></radialGradient></defs><rect width="${width}" height="${height}" fill="url(#v)"/><rect x="${inset}" y="${inset}" width="${width - 2 * inset}" height="${height - 2 * inset}" rx="${inset}" fill="none" stroke="#1a1a1a" stroke-width="${Math.max(2, Math.min(width, height) / 340)}" opacity="0.8"/>`;
    out = await drawOver({ raster: out, svg: svgDocument({ width, height, body }) });
    did.push("retro frame");
  }
  if (design.styles.has("grain") && design.grain > 0) {
    const data = Buffer.from(out.data);
    addGrain(data, { width: out.width, height: out.height, channels: out.channels }, random, design.grain);
    out = { ...out, data };
    did.push("film grain");
  }
  return out;
}
