import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/generation/local-renderer/random";
import { noiseImage as noise } from "@/tests/support/hostile-images";
import { refusal } from "@/tests/support/refusal";
import { containsMarkup, ingestImage } from "./ingest";
import { stripMetadata } from "./strip-metadata";

/*
 * Fuzz: real images from real encoders, with metadata, text, comments, unknown chunks, markup
 * and trailing bytes inserted at random places (seeded, so a failure repeats). Whatever goes
 * in, what ingest keeps has none of it, and decodes to exactly the pixels that went in.
 */

const SECRET = "SECRET-GPS-51.5N";

// The Local renderer's seeded generator: a failing run repeats.
function random(seed: number) {
  const r = createRandom(seed);
  return { next: r.next, pick: r.pick, int: (n: number) => r.int(0, n - 1) };
}
type Rng = ReturnType<typeof random>;

const pixels = async (bytes: Uint8Array) => sharp(bytes).ensureAlpha().raw().toBuffer();

// ── PNG ──
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

function pngChunks(png: Buffer): Array<{ type: string; at: number; end: number }> {
  const out = [];
  for (let at = 8; at < png.length; ) {
    const end = at + 12 + png.readUInt32BE(at);
    out.push({ type: png.toString("latin1", at + 4, at + 8), at, end });
    at = end;
  }
  return out;
}

function hostilePngChunk(rng: Rng): Buffer {
  const text = rng.pick([SECRET, `<script>alert(1)</script>`, "Comment\0made with LeakyCam", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>"]);
  const type = rng.pick(["tEXt", "zTXt", "iTXt", "tIME", "pHYs", "prVt", "zzZz", "caBX"]);
  return pngChunk(type, Buffer.from(`${type === "tEXt" ? "Comment\0" : ""}${text} ${SECRET}`, "latin1"));
}

async function hostilePng(rng: Rng): Promise<{ bytes: Buffer; clean: Buffer }> {
  const base = noise(16 + rng.int(48), 16 + rng.int(48));
  const clean = await (rng.next() < 0.3 ? base.png({ palette: true }) : rng.next() < 0.5 ? base.ensureAlpha().png({ compressionLevel: rng.int(10) }) : base.png()).toBuffer();
  const chunks = pngChunks(clean);
  const parts: Buffer[] = [clean.subarray(0, 8)];
  for (const [i, chunk] of chunks.entries()) {
    // Anywhere after IHDR: between IDATs too.
    if (i > 0) for (let k = i === 1 ? 1 + rng.int(2) : rng.int(3); k > 0; k--) parts.push(hostilePngChunk(rng));
    parts.push(clean.subarray(chunk.at, chunk.end));
  }
  if (rng.next() < 0.5) parts.push(Buffer.from(`PK\x03\x04 trailing ${SECRET}`, "latin1"));
  return { bytes: Buffer.concat(parts), clean };
}

// ── JPEG ──
function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

async function hostileJpeg(rng: Rng): Promise<{ bytes: Buffer; clean: Buffer }> {
  const clean = await noise(16 + rng.int(48), 16 + rng.int(48))
    .jpeg({ progressive: rng.next() < 0.5, quality: 50 + rng.int(50) })
    .toBuffer();
  const extra = [
    () => jpegSegment(0xfe, Buffer.from(`comment ${SECRET}`)),
    () => jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${SECRET}</x:xmpmeta>`)),
    () => jpegSegment(0xed, Buffer.from(`Photoshop 3.0\0${SECRET}`)),
    () => jpegSegment(0xe2, Buffer.from(`MPF\0${SECRET}`)),
    () => jpegSegment(0xe7, Buffer.from(SECRET)),
  ];
  const inserted = Array.from({ length: 1 + rng.int(4) }, () => rng.pick(extra)());
  // After SOI (and JFIF, if any): where metadata segments live.
  const at = clean[3] === 0xe0 ? 4 + clean.readUInt16BE(4) : 2;
  const tail = rng.next() < 0.5 ? [Buffer.from(`<html>${SECRET}`)] : [];
  return { bytes: Buffer.concat([clean.subarray(0, at), ...inserted, clean.subarray(at), ...tail]), clean };
}

// ── WebP ──
function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, "latin1");
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

async function hostileWebp(rng: Rng): Promise<{ bytes: Buffer; clean: Buffer }> {
  const width = 16 + rng.int(48);
  const height = 16 + rng.int(48);
  const options = { lossless: rng.next() < 0.5 };
  const alpha = rng.next() < 0.5 ? 1 : 0.5;
  const clean = await noise(width, height).ensureAlpha(alpha).webp(options).toBuffer();
  // The encoder's own XMP chunk (an extended, VP8X file that says it has XMP), then chunks no
  // reader knows and bytes past the RIFF size.
  const withXmp = await noise(width, height).ensureAlpha(alpha).withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/">${SECRET}</x:xmpmeta>`).webp(options).toBuffer();
  const unknown = Array.from({ length: rng.int(3) }, () => riffChunk(rng.pick(["ZZZZ", "meta", "XMP "]), Buffer.from(`${SECRET}${rng.next() < 0.5 ? "!" : ""}`)));
  const body = Buffer.concat([withXmp.subarray(8), ...unknown]);
  const head = Buffer.alloc(8);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(body.length, 4);
  const tail = rng.next() < 0.5 ? [Buffer.from(` trailing ${SECRET}`)] : [];
  return { bytes: Buffer.concat([head, body, ...tail]), clean };
}

const RUNS = 60;

describe("stripMetadata (fuzz)", () => {
  it.each([
    ["PNG", hostilePng],
    ["JPEG", hostileJpeg],
    ["WebP", hostileWebp],
  ] as const)("%s: nothing but pixels and colour survives, and the pixels are the same", async (_name, make) => {
    for (let run = 0; run < RUNS; run++) {
      const rng = random(run * 7919 + 17);
      const { bytes, clean } = await make(rng);
      expect(Buffer.from(bytes).includes(SECRET)).toBe(true);
      const markup = containsMarkup(bytes);
      if (markup) {
        // Markup anywhere in the input refuses the file, whatever chunk it hides in.
        expect((await refusal(ingestImage({ bytes }))).message, `run ${run}`).toMatch(/markup/);
        continue;
      }
      const out = await ingestImage({ bytes });
      const kept = Buffer.from(out.bytes);
      expect(kept.includes(SECRET), `run ${run}`).toBe(false);
      expect(containsMarkup(kept)).toBe(false);
      const meta = await sharp(kept).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.comments ?? []).toEqual([]);
      expect(await pixels(kept), `run ${run}`).toEqual(await pixels(clean));
      if (out.mediaType === "image/png") {
        expect(pngChunks(kept).map((c) => c.type).every((t) => ["IHDR", "PLTE", "IDAT", "IEND", "gAMA", "cHRM", "sRGB", "iCCP", "tRNS", "sBIT"].includes(t))).toBe(true);
        expect(kept.subarray(-8, -4).toString("latin1")).toBe("IEND");
      }
      if (out.mediaType === "image/jpeg") expect(kept.subarray(-2).toString("hex")).toBe("ffd9");
      if (out.mediaType === "image/webp") {
        expect(kept.readUInt32LE(4)).toBe(kept.length - 8);
        if (kept.toString("latin1", 12, 16) === "VP8X") expect(kept[20]! & 0x0c).toBe(0);
      }
    }
  });

  it("keeps the colour profile", async () => {
    for (const format of ["png", "jpeg", "webp"] as const) {
      const bytes = await noise(32, 32).withIccProfile("p3")[format]().toBuffer();
      const out = await ingestImage({ bytes });
      expect((await sharp(out.bytes).metadata()).icc, format).toBeDefined();
    }
  });

  it("refuses truncated files of every type, and sends files with EXIF to the upright re-encode", async () => {
    for (const format of ["png", "jpeg", "webp"] as const) {
      const whole = await noise(64, 64)[format]().toBuffer();
      for (const cut of [whole.length - 1, whole.length >> 1, 40]) {
        const mediaType = `image/${format}` as const;
        expect(stripMetadata({ bytes: whole.subarray(0, cut), mediaType }).kind, `${format} cut at ${cut}`).toBe("damaged");
      }
      const withExif = await noise(64, 64).withMetadata({ orientation: 6 })[format]().toBuffer();
      expect(stripMetadata({ bytes: withExif, mediaType: `image/${format}` }).kind, format).toBe("reencode");
    }
  });
});

describe("containsMarkup", () => {
  // The expression the scan replaces: same answers, without a string copy of the whole file.
  const MARKUP = /<(?:script|html|svg|body|iframe|object|embed|!doctype\s+html)[\s>/]/i;

  it("answers as the regular expression over the whole file did", () => {
    const rng = random(4242);
    const pieces = ["<script>", "<SCRIPT ", "<svg/", "<Html>", "<body\t", "<iframe", "<objects>", "<!DOCTYPE  html>", "<!doctype>", "<embed>", "<scripts", "<", "<<svg ", "x:xmpmeta", "<?xpacket"];
    for (let run = 0; run < 500; run++) {
      const bytes = Buffer.alloc(64 + rng.int(512));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
      for (let k = rng.int(3); k > 0; k--) {
        const piece = Buffer.from(rng.pick(pieces), "latin1");
        piece.copy(bytes, rng.int(Math.max(1, bytes.length - piece.length)));
      }
      expect(containsMarkup(bytes), `run ${run}`).toBe(MARKUP.test(bytes.toString("latin1")));
    }
  });
});
