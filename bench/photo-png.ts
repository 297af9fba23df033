import sharp from "sharp";

/**
 * A 1024² PNG of about 2 MB — what a photographic render weighs — built from a smooth
 * gradient plus bounded noise (noise is what makes real photos compress poorly). The fakes'
 * flat PNGs weigh a few kB and would hide the cost of moving and storing real images.
 */
export async function photographicPng({ seed, size = 1024, noise = 4 }: { seed: number; size?: number; noise?: number }): Promise<Buffer> {
  return encodePng(photographicPixels({ seed, size, noise }), size);
}

function photographicPixels({ seed, size, noise }: { seed: number; size: number; noise: number }): Buffer {
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
  return raw;
}

const encodePng = (raw: Buffer, size: number) => sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();

/**
 * A source of distinct photographic PNGs: the same picture with a serial number written into
 * its first pixels. Loupe re-encodes what providers send (dropping metadata), so only distinct
 * pixels give distinct content addresses — and with them the real cost of storing each render.
 */
export function photographicPngs({ seed, size = 1024, noise = 4 }: { seed: number; size?: number; noise?: number }): (serial: number) => Promise<Buffer> {
  const base = photographicPixels({ seed, size, noise });
  return (serial) => {
    const raw = Buffer.from(base);
    raw.writeUInt32BE(serial >>> 0, 0);
    raw.writeUInt32BE(process.pid, 4);
    return encodePng(raw, size);
  };
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
