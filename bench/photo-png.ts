import { crc32 } from "node:zlib";
import sharp from "sharp";

/**
 * A 1024² PNG of about 2 MB — what a photographic render weighs — built from a smooth
 * gradient plus bounded noise (noise is what makes real photos compress poorly). The fakes'
 * flat PNGs weigh a few kB and would hide the cost of moving and storing real images.
 */
export async function photographicPng({ seed, size = 1024, noise = 4 }: { seed: number; size?: number; noise?: number }): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      raw[i] = clamp((x / size) * 200 + 30 + (random() - 0.5) * noise);
      raw[i + 1] = clamp((y / size) * 180 + 40 + (random() - 0.5) * noise);
      raw[i + 2] = clamp(((x + y) / (2 * size)) * 160 + 60 + (random() - 0.5) * noise);
    }
  }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** The same pixels with a distinct tEXt chunk, so every render is a different, content-addressed file. */
export function withUniqueTag(png: Buffer, tag: string): Buffer {
  const data = Buffer.concat([Buffer.from("Comment\0", "latin1"), Buffer.from(tag, "latin1")]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write("tEXt", 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const afterIhdr = 8 + 25; // signature + IHDR chunk (13 bytes of data + 12 of framing)
  return Buffer.concat([png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr)]);
}
