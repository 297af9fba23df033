import { refusal } from "@/tests/support/refusal";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decompressionBombPng as bombPng, noiseImage as noise } from "@/tests/support/hostile-images";
import { ingestImage, ingestStill, sniffIngestType } from "./ingest";

/* Every fixture is made by a real encoder (tests/support/hostile-images.ts), so the hostile cases are real files. */


describe("ingestImage", () => {
  it.each([
    ["image/png", () => noise(64, 48).png()],
    ["image/jpeg", () => noise(64, 48).jpeg()],
    ["image/webp", () => noise(64, 48).webp()],
  ] as const)("accepts and re-encodes %s", async (mediaType, make) => {
    const bytes = await make().toBuffer();
    const out = await ingestImage({ bytes });
    expect(out).toMatchObject({ mediaType, width: 64, height: 48 });
    expect(sniffIngestType(out.bytes)).toBe(mediaType);
  });

  it("strips EXIF GPS and XMP and turns the pixels upright", async () => {
    const bytes = await noise(80, 40)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: "LeakyCam" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .toBuffer();
    const before = await sharp(bytes).metadata();
    expect(before.exif?.toString("latin1")).toContain("LeakyCam");
    // 51/1 30/1 as little-endian rationals: the GPS latitude is really in the input.
    const latitude = "33000000010000001e00000001000000";
    expect(before.exif?.toString("hex")).toContain(latitude);
    expect(before.orientation).toBe(6);

    const out = await ingestImage({ bytes });
    const after = await sharp(out.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(Buffer.from(out.bytes).toString("latin1")).not.toContain("LeakyCam");
    expect(Buffer.from(out.bytes).toString("hex")).not.toContain(latitude);
    expect([out.width, out.height]).toEqual([40, 80]);
  });

  it("refuses a decompression bomb before decoding it", async () => {
    const bytes = bombPng();
    expect(bytes.byteLength).toBeLessThan(64 * 1024);
    const error = await refusal(ingestImage({ bytes }));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/too many pixels/);
  });

  it("refuses an image over the caller's pixel cap", async () => {
    const bytes = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#808080" } }).png().toBuffer();
    expect((await refusal(ingestImage({ bytes, maxPixels: 1_000_000 }))).code).toBe("too_large");
  });

  it("refuses files over the byte cap", async () => {
    const bytes = await noise(64, 64).png().toBuffer();
    const error = await refusal(ingestImage({ bytes, maxBytes: 1024 }));
    expect(error.code).toBe("too_large");
  });

  it("refuses a truncated JPEG and a truncated PNG", async () => {
    const jpeg = await noise(256, 256).jpeg().toBuffer();
    const png = await noise(256, 256).png().toBuffer();
    for (const bytes of [jpeg.subarray(0, jpeg.length >> 1), png.subarray(0, png.length >> 1)]) {
      const error = await refusal(ingestImage({ bytes }));
      expect(error.code).toBe("unsupported_media");
      expect(error.message).toMatch(/damaged/);
    }
  });

  it("refuses SVG, even with an image-like name", async () => {
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const error = await refusal(ingestImage({ bytes: svg }));
    expect(error.code).toBe("unsupported_media");
    expect(error.message).toMatch(/SVG/);
  });

  it("refuses HTML behind a PNG signature", async () => {
    const polyglot = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("<html><body><script>fetch('/api/refine')</script></body></html>"),
    ]);
    expect((await refusal(ingestImage({ bytes: polyglot }))).code).toBe("unsupported_media");
  });

  it("refuses a valid PNG that carries a script after its end", async () => {
    const png = await noise(32, 32).png().toBuffer();
    const polyglot = Buffer.concat([png, Buffer.from("<script>alert(document.cookie)</script>")]);
    const error = await refusal(ingestImage({ bytes: polyglot }));
    expect(error.message).toMatch(/markup/);
  });

  it("keeps XMP-like metadata from counting as markup", async () => {
    const bytes = await noise(32, 32).png().withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>').toBuffer();
    await expect(ingestImage({ bytes })).resolves.toMatchObject({ mediaType: "image/png" });
  });

  it.each([
    ["empty", Buffer.alloc(0), /empty/],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), /Only PNG, JPEG and WebP/],
    ["text", Buffer.from("hello, this is not an image"), /Only PNG, JPEG and WebP/],
    ["PDF", Buffer.from("%PDF-1.7\n1 0 obj"), /Only PNG, JPEG and WebP/],
    ["HTML", Buffer.from("  <!doctype html><p>hi"), /markup/],
  ])("refuses %s bytes", async (_name, bytes, message) => {
    const error = await refusal(ingestImage({ bytes }));
    expect(error.code).toBe("unsupported_media");
    expect(error.message).toMatch(message);
  });

  it("refuses a JPEG signature wrapped around PNG data", async () => {
    const png = await noise(16, 16).png().toBuffer();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), png]);
    expect((await refusal(ingestImage({ bytes }))).code).toBe("unsupported_media");
  });
});

describe("ingestStill (images handed in to be read)", () => {
  it("keeps a GIF as a PNG of its first frame, and passes other images to ingestImage", async () => {
    const gif = await noise(40, 30).gif().toBuffer();
    const out = await ingestStill({ bytes: gif });
    expect(out).toMatchObject({ mediaType: "image/png", width: 40, height: 30 });
    expect(sniffIngestType(out.bytes)).toBe("image/png");
    expect((await ingestStill({ bytes: await noise(20, 10).webp().toBuffer() })).mediaType).toBe("image/webp");
  });

  it("checks a GIF's pixel count from its header before decoding it", async () => {
    const gif = await noise(200, 200).gif().toBuffer();
    const error = await refusal(ingestStill({ bytes: gif, maxPixels: 10_000 }));
    expect(error.code).toBe("too_large");
  });
});
