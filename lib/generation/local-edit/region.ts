import "server-only";
import { blendRasters, featherWeights, type Raster } from "@/lib/images/feather";
import type { MaskCoverage } from "@/lib/images/mask";
import { rgbToHex } from "../local-renderer/color";
import { interpretPrompt, type Design } from "../local-renderer/interpret";
import { buildPalette } from "../local-renderer/palette";
import { createRandom, hashString } from "../local-renderer/random";
import { drawOver, headlineSvg, motifSvg, recolour, svgDocument } from "./draw";
import { addGrain } from "../local-renderer/render-poster";
import { fillRegion, meanOfRegion, ringTexture } from "./fill";
import type { Steering } from "./steer";

/*
 * A region edit on the Local renderer: only the painted pixels change. What was there is filled
 * from its surroundings, the prompt's new content is drawn into the region's bounds, and the
 * result goes back into the image through the mask with an inward feather of a few pixels.
 *
 * What the region gets, from the prompt: a quoted headline → that headline, set to fit; words
 * asking to remove something → the fill alone; a colour and no subject → the region recoloured
 * (its own shading kept); anything else → the prompt's subject drawn to fit.
 */

const REMOVE = /(?<![a-z])(remove|erase|delete|clean up|get rid of|take out|take away)(?![a-z])|去掉|删除|移除|擦除|抹去/i;

export type RegionEdit = { raster: Raster; did: string; missing: string[] };

export function withTone(design: Design, tone: Steering["tone"] | undefined): Design {
  if (!tone) return design;
  return {
    ...design,
    colors: [...new Set([...design.colors, ...tone.colours])].slice(0, 4),
    moods: new Set([...design.moods, ...tone.moods]),
    styles: new Set([...design.styles, ...tone.styles]),
    grain: tone.grain ?? design.grain,
  };
}

export async function editRegion({ image, mask, prompt, seed, tone }: { image: Raster; mask: MaskCoverage; prompt: string; seed: number; tone?: Steering["tone"] }): Promise<RegionEdit> {
  const read = interpretPrompt(prompt);
  const design = withTone(read, tone);
  const random = createRandom(hashString(`${seed}:region:${prompt}`));
  const palette = buildPalette(design, random);
  const filled = fillRegion({ image, mask });
  const box = mask.bounds;
  const ground = rgbToHex(meanOfRegion({ image: filled, mask }));
  const { content, did, missing } = await contentFor({ read, design, palette, random, filled, image, mask, box, ground, prompt });
  matchGrain({ content, image, mask, random });
  return { raster: blendRasters({ base: image, top: content, weights: featherWeights(mask) }), did, missing };
}

type ContentInput = {
  read: Design;
  design: Design;
  palette: ReturnType<typeof buildPalette>;
  random: ReturnType<typeof createRandom>;
  filled: Raster;
  image: Raster;
  mask: MaskCoverage;
  box: MaskCoverage["bounds"];
  ground: string;
  prompt: string;
};

async function contentFor(input: ContentInput): Promise<{ content: Raster; did: string; missing: string[] }> {
  const { read, design, palette, random, filled, box, ground } = input;
  if (read.headline) {
    const { svg, missing } = headlineSvg({ text: read.headline, box: { x: 0, y: 0, w: box.w, h: box.h }, design, palette, ground });
    const content = await drawOver({ raster: filled, svg: svgDocument({ width: box.w, height: box.h, body: svg }), left: box.x, top: box.y });
    return { content, did: `headline “${read.headline}”`, missing };
  }
  if (REMOVE.test(input.prompt)) return { content: filled, did: "removed (filled from its surroundings)", missing: [] };
  const subjectless = read.motifs.length === 1 && read.motifs[0] === "abstract";
  if (subjectless && read.colors[0]) {
    // Recolour what is there rather than replace it: the region keeps its own shading.
    return { content: recolour({ raster: input.image, colour: read.colors[0] }), did: `recoloured ${read.colors[0]}`, missing: [] };
  }
  const svg = motifSvg({ box, design, palette, random });
  const content = await drawOver({ raster: filled, svg, left: box.x, top: box.y });
  return { content, did: `drew ${design.motifs.join(", ")}`, missing: [] };
}

/** Measured on the Local renderer's posters: ring texture ≈ 60–70 × the grain amount that made it. */
const TEXTURE_PER_GRAIN = 65;

/** New content gets the grain of the image around it, so the region does not read as a smooth patch. */
export function matchGrain({ content, image, mask, random }: { content: Raster; image: Raster; mask: MaskCoverage; random: ReturnType<typeof createRandom> }): void {
  const amount = ringTexture({ image, mask }) / TEXTURE_PER_GRAIN;
  if (amount < 0.01) return;
  addGrain(content.data, { width: content.width, height: content.height, channels: content.channels }, random, Math.min(0.25, amount));
}
