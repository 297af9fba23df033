import "server-only";
import sharp from "sharp";
import { interpretPrompt, type Design } from "../local-renderer/interpret";
import { buildPalette } from "../local-renderer/palette";
import { createRandom, hashString } from "../local-renderer/random";
import { composeSvg } from "../local-renderer/scene";
import { drawOpaque, drawOver, premultiply, type Placement, type RgbaRaster, type RgbRaster } from "./raster";

/**
 * What a clip is drawn from: the Local renderer's poster split into layers (soft backdrop,
 * subject, headline, border), or one still image for image-to-video. Rasterised once; every
 * frame only moves and composites them.
 */
export type ClipLayers = {
  width: number;
  height: number;
  backdrop: RgbRaster;
  subject?: RgbaRaster;
  text?: RgbaRaster;
  border?: RgbaRaster;
  design?: Design;
  missingGlyphs: string[];
};

/**
 * How the clip moves, drawn from the seed: a slow push-in with a pan (the camera), the subject
 * floating against a slower backdrop (parallax), and the headline wiped in early on.
 */
export type Motion = {
  zoomEnd: number;
  /** Pan direction, radians. */
  heading: number;
  floatPeriod: number;
  floatPhase: number;
  revealStart: number;
  revealLength: number;
};

export async function rasteriseScene(input: { prompt: string; seed: number; width: number; height: number }): Promise<ClipLayers> {
  const { width, height } = input;
  const design = interpretPrompt(input.prompt);
  // Same random stream as the poster, so the clip's scene is the still's scene.
  const random = createRandom(hashString(`${input.seed}:${input.prompt}`));
  const palette = buildPalette(design, random);
  const composition = composeSvg({ width, height, design, palette, random });
  const [backdrop, subject, text, border] = await Promise.all([
    sharp(Buffer.from(composition.backdropSvg), { density: 72 }).resize(width, height, { fit: "fill", kernel: "cubic" }).removeAlpha().raw().toBuffer(),
    layer(composition.layers.subject, width, height),
    layer(composition.layers.text, width, height),
    layer(composition.layers.border, width, height),
  ]);
  return { width, height, backdrop: { data: backdrop, width, height }, subject, text, border, design, missingGlyphs: composition.missingGlyphs };
}

async function layer(svg: string, width: number, height: number): Promise<RgbaRaster | undefined> {
  const data = await sharp(Buffer.from(svg), { density: 72 }).resize(width, height, { fit: "fill" }).ensureAlpha().raw().toBuffer();
  const raster = premultiply({ data, width, height });
  return raster.box ? raster : undefined;
}

/** The input image, cropped to the clip's shape (centre, cover) at its size: frame 0 of image-to-video. */
export async function rasteriseStill(input: { image: Uint8Array; width: number; height: number }): Promise<ClipLayers> {
  const { width, height } = input;
  const data = await sharp(input.image).rotate().flatten({ background: "#000000" }).resize(width, height, { fit: "cover", position: "centre" }).toColourspace("srgb").removeAlpha().raw().toBuffer();
  return { width, height, backdrop: { data, width, height }, missingGlyphs: [] };
}

export function motionFor(input: { prompt: string; seed: number }): Motion {
  const random = createRandom(hashString(`motion:${input.seed}:${input.prompt}`));
  return {
    zoomEnd: random.range(1.07, 1.12),
    heading: random.range(0, Math.PI * 2),
    floatPeriod: random.range(3.2, 4.8),
    floatPhase: random.range(0, Math.PI * 2),
    revealStart: random.range(0.25, 0.45),
    revealLength: random.range(1, 1.4),
  };
}

const ease = (u: number) => (u <= 0 ? 0 : u >= 1 ? 1 : u * u * (3 - 2 * u));

/**
 * Draws the frame at `t` seconds of a `duration`-second clip into `out` (RGB). Every move stays
 * inside the margin the camera's zoom crops away, so no layer's edge ever shows. At t = 0 the
 * camera is at rest: an image-to-video clip starts on the input image's own pixels.
 */
export function drawFrame(input: { layers: ClipLayers; motion: Motion; t: number; duration: number; out: Uint8Array }): void {
  const { layers, motion, t, out } = input;
  const frame = { width: layers.width, height: layers.height };
  const progress = ease(t / input.duration);
  const zoom = 1 + (motion.zoomEnd - 1) * progress;
  // The share of each edge the zoom hides, in pixels; every offset below stays within it.
  const marginX = ((1 - 1 / zoom) / 2) * layers.width;
  const marginY = ((1 - 1 / zoom) / 2) * layers.height;
  const panX = Math.cos(motion.heading);
  const panY = Math.sin(motion.heading);
  const camera: Placement = { scale: zoom, dx: panX * marginX * 0.55, dy: panY * marginY * 0.55 };
  // The backdrop is far away: half the zoom, half the pan.
  drawOpaque(out, frame, layers.backdrop, { scale: 1 + (zoom - 1) * 0.5, dx: camera.dx * 0.5, dy: camera.dy * 0.5 });
  if (layers.subject) {
    // −1…1, and 0 at the start so the first frame is the still.
    const float = (Math.sin((2 * Math.PI * t) / motion.floatPeriod + motion.floatPhase) - Math.sin(motion.floatPhase)) / 2;
    drawOver(out, frame, layers.subject, { scale: zoom, dx: camera.dx + panX * marginX * 0.25, dy: camera.dy + panY * marginY * 0.25 + float * marginY * 0.15 });
  }
  if (layers.text) drawHeadline({ out, frame, text: layers.text, motion, t });
  if (layers.border) drawOver(out, frame, layers.border, { scale: 1, dx: 0, dy: 0 });
}

/** The headline wipes in from the left with a soft edge while rising a little, then holds. */
function drawHeadline(input: { out: Uint8Array; frame: { width: number; height: number }; text: RgbaRaster; motion: Motion; t: number }): void {
  const { text, motion, frame } = input;
  const reveal = ease((input.t - motion.revealStart) / motion.revealLength);
  if (reveal <= 0 || !text.box) return;
  const rise = (1 - reveal) * frame.height * 0.02;
  if (reveal >= 1) return drawOver(input.out, frame, text, { scale: 1, dx: 0, dy: 0 });
  const left = text.box.x0;
  const width = text.box.x1 - text.box.x0;
  const soft = Math.max(8, width * 0.12);
  const front = reveal * (width + soft);
  drawOver(input.out, frame, text, { scale: 1, dx: 0, dy: rise }, (x) => {
    const cover = (front - (x - left)) / soft;
    return cover <= 0 ? 0 : cover >= 1 ? 256 : Math.round(cover * 256);
  });
}
