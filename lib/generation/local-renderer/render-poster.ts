import "server-only";
import sharp from "sharp";
import { interpretPrompt, type Design } from "./interpret";
import { buildPalette } from "./palette";
import { createRandom, hashString, type Random } from "./random";
import type { Frame } from "./canvas";
import { composeSvg } from "./scene";

/**
 * A moodboard's pull on the poster (lib/generation/local-edit/steer.ts): the design read from the
 * prompt, adjusted (colours, moods, composition), and the subject drawn by the caller instead of
 * the motifs (a cut-out of a subject reference).
 */
export type PosterSteering = { design?: (design: Design) => Design; subject?: (frame: Frame) => string };

export type PosterInput = { prompt: string; seed: number; width: number; height: number; steering?: PosterSteering };
export type Poster = { png: Uint8Array; design: Design; missingGlyphs: string[] };

const TILE = 512;

/**
 * Film grain, added in JavaScript on the raw pixels (libvips' soft-light blend is several
 * times slower). A repeated 512 px tile keeps the random draws few; grain this fine does
 * not show the repeat. Mid-tones take the most grain, as on film.
 */
export function addGrain(pixels: Buffer, info: { width: number; height: number; channels: number }, random: Random, amount: number): void {
  const tile = new Int16Array(TILE * TILE);
  const spread = amount * 255;
  for (let i = 0; i < tile.length; i++) {
    // Two bytes of one draw summed: a triangular distribution that reads as natural grain.
    const bits = Math.floor(random.next() * 65536);
    tile[i] = Math.round((((bits & 255) + (bits >>> 8) - 255) / 255) * spread);
  }
  const { width, height, channels } = info;
  for (let y = 0; y < height; y++) {
    const row = (y % TILE) * TILE;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const l = pixels[i + 1]! / 255;
      const n = tile[row + (x % TILE)]! * (0.4 + 2.4 * l * (1 - l));
      for (let c = 0; c < 3; c++) {
        const v = pixels[i + c]! + n;
        pixels[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
}

export async function renderPoster(input: PosterInput): Promise<Poster> {
  const read = interpretPrompt(input.prompt);
  const design = input.steering?.design ? input.steering.design(read) : read;
  // The prompt takes part in the seed: any edit to the prompt gives a visibly new variation.
  const random = createRandom(hashString(`${input.seed}:${input.prompt}`));
  const palette = buildPalette(design, random);
  const { backdropSvg, foregroundSvg, missingGlyphs } = composeSvg({ width: input.width, height: input.height, design, palette, random, subject: input.steering?.subject });
  const backdrop = await sharp(Buffer.from(backdropSvg), { density: 72 }).resize(input.width, input.height, { fit: "fill", kernel: "cubic" }).png({ compressionLevel: 0 }).toBuffer();
  let image = sharp(backdrop).composite([{ input: Buffer.from(foregroundSvg), density: 72 }]).removeAlpha();
  if (design.grain > 0) {
    const raw = await image.raw().toBuffer({ resolveWithObject: true });
    addGrain(raw.data, raw.info, random, design.grain);
    image = sharp(raw.data, { raw: raw.info });
  }
  // Level 3 is several times faster than the default and only a few per cent larger.
  const png = await image.png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), design, missingGlyphs };
}
