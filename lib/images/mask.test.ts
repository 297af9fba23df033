import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { headlineRect, inputImage, paintedMask, regionDiff } from "@/tests/support/edit-images";
import { EditError } from "./edit-errors";
import { compositeThroughMask, FEATHER_PX, featherWeights } from "./feather";
import { maskAsAlphaPng, maskAsWhitePng, readEditImage, readMask } from "./mask";

const rect = headlineRect();

async function problemOf(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EditError);
  return error as EditError;
}

describe("reading a painted mask", () => {
  it("reads a canvas export (opaque on transparent) and a black-and-white mask as the same region", async () => {
    const canvas = await readMask({ bytes: await paintedMask({ rect }), width: 512, height: 512 });
    const white = await readMask({ bytes: await paintedMask({ rect, style: "white" }), width: 512, height: 512 });
    expect(canvas.bounds).toEqual(rect);
    expect(white.bounds).toEqual(rect);
    expect(canvas.share).toBeCloseTo((rect.w * rect.h) / (512 * 512), 4);
    expect(Buffer.from(canvas.data).equals(Buffer.from(white.data))).toBe(true);
  });

  it("scales a mask painted at another size of the same shape (a display-size canvas) to the image", async () => {
    const small = await paintedMask({ width: 256, height: 256, rect: { x: 15, y: 15, w: 226, h: 56 } });
    const mask = await readMask({ bytes: small, width: 512, height: 512 });
    expect(mask.width).toBe(512);
    expect(mask.bounds.x).toBeGreaterThanOrEqual(29);
    expect(mask.bounds.x).toBeLessThanOrEqual(31);
    expect(mask.bounds.w).toBeGreaterThanOrEqual(450);
  });

  it("refuses an empty mask, a mask covering everything, a mask of another shape, and formats it cannot take", async () => {
    const empty = await paintedMask({ rect: { x: 0, y: 0, w: 2, h: 2 } });
    expect((await problemOf(readMask({ bytes: empty, width: 512, height: 512 }))).message).toBe("The painted region is empty: paint over the part of the image that should change.");
    const full = await paintedMask({ rect: { x: 0, y: 0, w: 512, h: 512 } });
    const covering = await problemOf(readMask({ bytes: full, width: 512, height: 512 }));
    expect(covering.reason).toBe("full_mask");
    expect(covering.message).toBe("The painted region covers 100% of the image. To change all of it, use the image as input without painting a region.");
    const wide = await paintedMask({ width: 512, height: 256, rect: { x: 10, y: 10, w: 100, h: 50 } });
    const mismatch = await problemOf(readMask({ bytes: wide, width: 512, height: 512 }));
    expect(mismatch.reason).toBe("mask_size_mismatch");
    expect(mismatch.message).toBe("The mask is 512×256 but the image is 512×512: a mask must have the image's shape. Paint it again on this image.");
    expect(mismatch.code).toBe("bad_request");
    const jpeg = new Uint8Array(await sharp(Buffer.from(await paintedMask({ rect, style: "white" }))).jpeg().toBuffer());
    const lossy = await problemOf(readMask({ bytes: jpeg, width: 512, height: 512 }));
    expect(lossy.message).toBe("The mask is a JPEG file. Use a PNG or WebP mask.");
    expect(lossy.code).toBe("unsupported_media");
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>');
    expect((await problemOf(readMask({ bytes: svg, width: 512, height: 512 }))).message).toBe("The mask is a SVG file. Use a PNG or WebP mask.");
    const truncated = (await paintedMask({ rect })).slice(0, 60);
    expect((await problemOf(readMask({ bytes: truncated, width: 512, height: 512 }))).reason).toBe("unreadable");
  });

  it("refuses an input image that is not PNG, JPEG or WebP", async () => {
    const gif = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).gif().toBuffer());
    const error = await problemOf(readEditImage({ bytes: gif, what: "the input image" }));
    expect(error.message).toBe("The input image is a GIF file. Use PNG, JPEG or WebP.");
    await expect(readEditImage({ bytes: await inputImage({ format: "webp" }), what: "x" })).resolves.toMatchObject({ width: 512, height: 512, mediaType: "image/webp" });
  });
});

describe("a mask in each provider's format", () => {
  it("OpenAI: a PNG with alpha, transparent exactly where painted; FLUX Fill: white exactly where painted", async () => {
    const mask = await readMask({ bytes: await paintedMask({ rect }), width: 512, height: 512 });
    const alpha = await sharp(Buffer.from(await maskAsAlphaPng(mask))).raw().toBuffer({ resolveWithObject: true });
    const whitePng = Buffer.from(await maskAsWhitePng(mask));
    const white = await sharp(whitePng).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(alpha.info).toMatchObject({ width: 512, height: 512, channels: 4 });
    expect(await sharp(whitePng).metadata()).toMatchObject({ width: 512, height: 512, channels: 1, hasAlpha: false });
    const inside = (rect.y + 5) * 512 + rect.x + 5;
    const outside = 500 * 512 + 500;
    expect([alpha.data[inside * 4 + 3], alpha.data[outside * 4 + 3]]).toEqual([0, 255]);
    expect([white.data[inside], white.data[outside]]).toEqual([255, 0]);
  });
});

describe("compositing through a mask", () => {
  it("feathers inward only: zero outside the region, full strength within a few pixels inside it", async () => {
    const mask = await readMask({ bytes: await paintedMask({ rect }), width: 512, height: 512 });
    const weights = featherWeights(mask);
    const row = (rect.y + 40) * 512;
    expect(weights[row + rect.x - 1]).toBe(0);
    expect(weights[row + rect.x]).toBeGreaterThan(0);
    expect(weights[row + rect.x]).toBeLessThan(1);
    expect(weights[row + rect.x + FEATHER_PX]).toBe(1);
    // The image border is not an edge of the region.
    const atBorder = await readMask({ bytes: await paintedMask({ rect: { x: 0, y: 0, w: 100, h: 100 } }), width: 512, height: 512 });
    expect(featherWeights(atBorder)[0]).toBe(1);
  });

  it("keeps every pixel outside the region exactly and takes the edit inside", async () => {
    const input = await inputImage();
    const edited = new Uint8Array(await sharp({ create: { width: 300, height: 300, channels: 3, background: "#00ff00" } }).png().toBuffer());
    const mask = await readMask({ bytes: await paintedMask({ rect }), width: 512, height: 512 });
    const out = await compositeThroughMask({ input, edited, mask });
    const diff = await regionDiff({ before: input, after: out, rect, band: FEATHER_PX });
    expect(diff.outsideAny).toBe(0);
    expect(diff.insideChanged).toBeGreaterThan(0.99);
  });
});
