import sharp from "sharp";

/*
 * Images for edit tests: an input with structure (a gradient, a headline bar, a disc), masks
 * painted as a browser canvas exports them (opaque strokes on transparency) or as black and
 * white, and an independent pixel diff inside and outside a rectangle.
 */

export type Rect = { x: number; y: number; w: number; h: number };

const png = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** A poster-like input: a vertical gradient, a dark headline bar with light letters-like blocks, a disc. */
export async function inputImage({ width = 512, height = 512, format = "png" }: { width?: number; height?: number; format?: "png" | "jpeg" | "webp" } = {}): Promise<Uint8Array> {
  const bar = { x: width * 0.08, y: height * 0.08, w: width * 0.84, h: height * 0.18 };
  const letters = Array.from({ length: 7 }, (_, i) => `<rect x="${bar.x + 12 + i * (bar.w / 7)}" y="${bar.y + bar.h * 0.2}" width="${bar.w / 7 - 16}" height="${bar.h * 0.6}" fill="#f5e9d0"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f2c14e"/><stop offset="1" stop-color="#2a6f97"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#g)"/><rect x="${bar.x}" y="${bar.y}" width="${bar.w}" height="${bar.h}" fill="#1d3557"/>${letters}<circle cx="${width / 2}" cy="${height * 0.62}" r="${Math.min(width, height) * 0.2}" fill="#e63946"/></svg>`;
  const image = sharp(Buffer.from(svg));
  const encoded = format === "jpeg" ? image.jpeg({ quality: 90 }) : format === "webp" ? image.webp({ lossless: true }) : image.png();
  return png(await encoded.toBuffer());
}

/** The headline bar of `inputImage`, a little larger: where a designer would paint to change the headline. */
export function headlineRect({ width = 512, height = 512 }: { width?: number; height?: number } = {}): Rect {
  return { x: Math.round(width * 0.06), y: Math.round(height * 0.06), w: Math.round(width * 0.88), h: Math.round(height * 0.22) };
}

/** A mask over `rect`: "canvas" = opaque white on transparency (a browser canvas export), "white" = white on black, no alpha. */
export async function paintedMask({ width = 512, height = 512, rect, style = "canvas" }: { width?: number; height?: number; rect: Rect; style?: "canvas" | "white" }): Promise<Uint8Array> {
  const ground = style === "canvas" ? "" : `<rect width="${width}" height="${height}" fill="#000"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${ground}<rect x="${rect.x}" y="${rect.y}" width="${rect.w}" height="${rect.h}" fill="#fff"/></svg>`;
  const image = sharp(Buffer.from(svg));
  return png(await (style === "canvas" ? image.png() : image.flatten({ background: "#000" }).greyscale().png()).toBuffer());
}

export type RegionDiff = {
  /** Share of pixels inside the rectangle (shrunk by `band`) that changed by more than `threshold` in any channel. */
  insideChanged: number;
  /** Pixels outside the rectangle (grown by `band`) that differ at all, and the largest difference there. */
  outsideDiffering: number;
  outsideMax: number;
  /** Pixels outside the rectangle itself that differ (the feather band included). */
  outsideAny: number;
};

async function rgb(bytes: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Compares two images of the same size, inside and outside a rectangle, independently of the code under test. */
export async function regionDiff({ before, after, rect, band = 0, threshold = 24 }: { before: Uint8Array; after: Uint8Array; rect: Rect; band?: number; threshold?: number }): Promise<RegionDiff> {
  const [a, b] = await Promise.all([rgb(before), rgb(after)]);
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  const inRect = (x: number, y: number, grow: number) => x >= rect.x - grow && x < rect.x + rect.w + grow && y >= rect.y - grow && y < rect.y + rect.h + grow;
  let [inside, insideChanged, outsideDiffering, outsideMax, outsideAny] = [0, 0, 0, 0, 0];
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      const d = Math.max(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!));
      if (inRect(x, y, -band)) {
        inside++;
        if (d > threshold) insideChanged++;
      } else if (!inRect(x, y, band)) {
        if (d > 0) outsideDiffering++;
        outsideMax = Math.max(outsideMax, d);
      }
      if (!inRect(x, y, 0) && d > 0) outsideAny++;
    }
  }
  return { insideChanged: inside > 0 ? insideChanged / inside : 0, outsideDiffering, outsideMax, outsideAny };
}

/** A flat image of one colour, for references. */
export async function flatColour({ colour, width = 256, height = 256 }: { colour: string; width?: number; height?: number }): Promise<Uint8Array> {
  return png(await sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer());
}
