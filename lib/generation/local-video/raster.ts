import "server-only";
/**
 * The Local video renderer's per-frame drawing: layers held as raw pixels, moved by an affine
 * map (scale about the centre plus an offset) and composited in integer arithmetic, so every
 * frame is the same bytes on every machine. Bilinear sampling keeps slow moves smooth (whole-pixel
 * steps would judder at 24 fps); at the identity map it returns the source pixels exactly, which
 * is what makes an image-to-video clip's first frame the input image.
 */

/** Opaque pixels, 3 bytes each (RGB). */
export type RgbRaster = { data: Uint8Array; width: number; height: number };

/** Premultiplied RGBA, with the bounding box of its visible pixels (x1, y1 exclusive); null box = empty. */
export type RgbaRaster = { data: Uint8Array; width: number; height: number; box: Box | null };

export type Box = { x0: number; y0: number; x1: number; y1: number };

/** Output pixel (x, y) samples the source at (x * inverse + bx, y * inverse + by). */
export type Placement = { scale: number; dx: number; dy: number };

type Mapping = { inverse: number; bx: number; by: number };

/** Scale about the frame's centre, then move by (dx, dy) output pixels. */
function mappingOf(placement: Placement, width: number, height: number): Mapping {
  const inverse = 1 / placement.scale;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return { inverse, bx: cx - (cx + placement.dx) * inverse, by: cy - (cy + placement.dy) * inverse };
}

/** 8-bit fixed point of a source coordinate, clamped into the image. */
function fixed(value: number, size: number): number {
  const clamped = value < 0 ? 0 : value > size - 1 ? size - 1 : value;
  return Math.round(clamped * 256);
}

/** Fills `out` (RGB, width × height) with `source` placed by `placement`; edges repeat the border pixels. */
export function drawOpaque(out: Uint8Array, frame: { width: number; height: number }, source: RgbRaster, placement: Placement): void {
  const { inverse, bx, by } = mappingOf(placement, frame.width, frame.height);
  const { data, width: sw, height: sh } = source;
  const xs = sampleColumns({ count: frame.width, inverse, offset: bx, size: sw });
  for (let y = 0; y < frame.height; y++) {
    const fy = fixed(y * inverse + by, sh);
    const y0 = fy >> 8;
    const wy = fy & 255;
    const y1 = y0 + 1 < sh ? y0 + 1 : y0;
    const row0 = y0 * sw;
    const row1 = y1 * sw;
    let o = y * frame.width * 3;
    for (let x = 0; x < frame.width; x++) {
      const packed = xs[x]!;
      const x0 = packed >>> 16;
      const x1 = x0 + ((packed >> 8) & 255);
      const wx = packed & 255;
      const a = (row0 + x0) * 3, b = (row0 + x1) * 3, c = (row1 + x0) * 3, d = (row1 + x1) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = data[a + ch]! * (256 - wx) + data[b + ch]! * wx;
        const bottom = data[c + ch]! * (256 - wx) + data[d + ch]! * wx;
        out[o++] = (top * (256 - wy) + bottom * wy + 32768) >> 16;
      }
    }
  }
}

/**
 * Composites premultiplied `source` over `out`, placed by `placement`. `coverage(x)` (0–256) scales
 * the layer per output column, for the headline's wipe; omitted = fully shown.
 */
export function drawOver(out: Uint8Array, frame: { width: number; height: number }, source: RgbaRaster, placement: Placement, coverage?: (x: number) => number): void {
  if (!source.box) return;
  const { inverse, bx, by } = mappingOf(placement, frame.width, frame.height);
  const span = outputSpan({ box: source.box, inverse, bx, by, frame });
  if (!span) return;
  const { data, width: sw, height: sh } = source;
  const xs = sampleColumns({ count: frame.width, inverse, offset: bx, size: sw });
  for (let y = span.y0; y < span.y1; y++) {
    const fy = fixed(y * inverse + by, sh);
    const y0 = fy >> 8;
    const wy = fy & 255;
    const y1 = y0 + 1 < sh ? y0 + 1 : y0;
    const row0 = y0 * sw;
    const row1 = y1 * sw;
    for (let x = span.x0; x < span.x1; x++) {
      const packed = xs[x]!;
      const x0 = packed >>> 16;
      const x1 = x0 + ((packed >> 8) & 255);
      const wx = packed & 255;
      const a = (row0 + x0) * 4, b = (row0 + x1) * 4, c = (row1 + x0) * 4, d = (row1 + x1) * 4;
      if ((data[a + 3]! | data[b + 3]! | data[c + 3]! | data[d + 3]!) === 0) continue;
      const cover = coverage ? coverage(x) : 256;
      if (cover <= 0) continue;
      const o = (y * frame.width + x) * 3;
      const alpha = (bilinear(data, a + 3, b + 3, c + 3, d + 3, wx, wy) * cover) >> 8;
      const keep = 255 - alpha;
      for (let ch = 0; ch < 3; ch++) {
        const colour = (bilinear(data, a + ch, b + ch, c + ch, d + ch, wx, wy) * cover) >> 8;
        out[o + ch] = Math.min(255, colour + (((out[o + ch]! * keep + 127) / 255) | 0));
      }
    }
  }
}

function bilinear(data: Uint8Array, a: number, b: number, c: number, d: number, wx: number, wy: number): number {
  const top = data[a]! * (256 - wx) + data[b]! * wx;
  const bottom = data[c]! * (256 - wx) + data[d]! * wx;
  return (top * (256 - wy) + bottom * wy + 32768) >> 16;
}

/** The output rectangle the source's visible box lands in (one pixel of slack for the bilinear taps). */
function outputSpan(input: { box: Box; inverse: number; bx: number; by: number; frame: { width: number; height: number } }): Box | null {
  const { box, inverse, bx, by, frame } = input;
  const x0 = Math.max(0, Math.floor((box.x0 - 1 - bx) / inverse));
  const x1 = Math.min(frame.width, Math.ceil((box.x1 + 1 - bx) / inverse) + 1);
  const y0 = Math.max(0, Math.floor((box.y0 - 1 - by) / inverse));
  const y1 = Math.min(frame.height, Math.ceil((box.y1 + 1 - by) / inverse) + 1);
  return x0 < x1 && y0 < y1 ? { x0, y0, x1, y1 } : null;
}

/** Per output column: the two source columns and the weight between them, packed once per frame. */
function sampleColumns(input: { count: number; inverse: number; offset: number; size: number }): Int32Array {
  const xs = new Int32Array(input.count);
  for (let x = 0; x < input.count; x++) xs[x] = fixed(x * input.inverse + input.offset, input.size);
  return xs.map((fx) => {
    const x0 = fx >> 8;
    const x1 = x0 + 1 < input.size ? x0 + 1 : x0;
    return (x0 << 16) | ((x1 - x0) << 8) | (fx & 255);
  });
}

/** Straight RGBA (as sharp gives it) to premultiplied, with the box of visible pixels. */
export function premultiply(raw: { data: Uint8Array; width: number; height: number }): RgbaRaster {
  const { data, width, height } = raw;
  const out = new Uint8Array(data.length);
  let [x0, y0, x1, y1] = [width, height, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = data[i + 3]!;
      if (alpha === 0) continue;
      for (let ch = 0; ch < 3; ch++) out[i + ch] = ((data[i + ch]! * alpha + 127) / 255) | 0;
      out[i + 3] = alpha;
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < y0) y0 = y;
      y1 = y + 1;
    }
  }
  return { data: out, width, height, box: x1 > x0 ? { x0, y0, x1, y1 } : null };
}
