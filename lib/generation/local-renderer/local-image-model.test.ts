import { generateImage } from "ai";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createLocalImageModel, localImageSize } from "./local-image-model";

const model = createLocalImageModel();

async function renderLocal(prompt: string, options: { seed?: number; aspectRatio?: `${number}:${number}`; n?: number } = {}) {
  return generateImage({ model, prompt, seed: options.seed ?? 7, aspectRatio: options.aspectRatio ?? "1:1", n: options.n ?? 1, maxRetries: 0 });
}

async function bytesOf(prompt: string, seed = 7) {
  return Buffer.from((await renderLocal(prompt, { seed })).image.uint8Array);
}

/** Mean RGB over a region (or the whole image), from the real pixels. */
async function meanColor(png: Uint8Array, region?: { left: number; top: number; width: number; height: number }) {
  const image = region ? sharp(png).extract(region) : sharp(png);
  const { channels } = await image.stats();
  return channels.slice(0, 3).map((c) => c.mean) as [number, number, number];
}

/** Fraction of pixels that differ between two same-size images, in a region. */
async function changedFraction(a: Uint8Array, b: Uint8Array, region: { left: number; top: number; width: number; height: number }) {
  const [ra, rb] = await Promise.all([a, b].map((png) => sharp(png).extract(region).greyscale().raw().toBuffer()));
  let changed = 0;
  for (let i = 0; i < ra!.length; i++) if (Math.abs(ra![i]! - rb![i]!) > 40) changed++;
  return changed / ra!.length;
}

describe("local renderer", () => {
  it("is deterministic: same prompt, seed and size give identical PNG bytes", async () => {
    const prompt = 'retro travel poster, sunset over mountains, grain, headline "SUMMER TRAILS"';
    const [a, b] = await Promise.all([bytesOf(prompt), bytesOf(prompt)]);
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(a.equals(b)).toBe(true);
  });

  it("gives different bytes for different prompts and different seeds", async () => {
    const base = await bytesOf('geometric poster "FORM"');
    expect(base.equals(await bytesOf('geometric poster "FORM", teal'))).toBe(false);
    expect(base.equals(await bytesOf('geometric poster "FORM"', 8))).toBe(false);
  });

  it("turns colour words into the dominant colour", async () => {
    const [r, g, b] = await meanColor(await bytesOf("a deep red minimalist poster"));
    expect(r).toBeGreaterThan(g + 40);
    expect(r).toBeGreaterThan(b + 40);
    const [r2, g2, b2] = await meanColor(await bytesOf("一张蓝色的极简海报"));
    expect(b2).toBeGreaterThan(r2 + 30);
    expect(b2).toBeGreaterThan(g2);
  });

  it("sizes the image from the aspect ratio, 1024 px on the long edge", async () => {
    for (const [ratio, width, height] of [["1:1", 1024, 1024], ["16:9", 1024, 576], ["4:5", 819, 1024], ["9:16", 576, 1024]] as const) {
      const result = await renderLocal("a poster", { aspectRatio: ratio });
      const meta = await sharp(result.image.uint8Array).metadata();
      expect([meta.width, meta.height]).toEqual([width, height]);
    }
    expect(localImageSize({ size: "640x480" })).toEqual({ width: 640, height: 480 });
    expect(localImageSize({})).toEqual({ width: 1024, height: 1024 });
  });

  it("draws the quoted headline as glyphs at the top of the poster", async () => {
    const band = { left: 0, top: 0, width: 1024, height: 260 };
    const plain = await bytesOf("a minimal teal poster");
    const titled = await bytesOf('a minimal teal poster, headline "HELLO WORLD"');
    expect(await changedFraction(plain, titled, band)).toBeGreaterThan(0.05);
  });

  it("renders Chinese headlines with a bundled CJK font, and warns about glyphs it lacks", async () => {
    const chinese = await renderLocal("海报，标题「夏日海岸」");
    expect(chinese.warnings).toEqual([]);
    const plain = await renderLocal("海报");
    expect(await changedFraction(plain.image.uint8Array, chinese.image.uint8Array, { left: 0, top: 0, width: 1024, height: 260 })).toBeGreaterThan(0.03);
    const emoji = await renderLocal('poster "HI 🦊"');
    expect(emoji.warnings).toEqual([expect.objectContaining({ type: "other", message: expect.stringContaining("🦊") })]);
  });

  it("visibly changes the image for typical revisions", async () => {
    const base = 'a poster of a sun over the ocean, headline "TIDES"';
    const original = await bytesOf(base);
    const whole = { left: 0, top: 0, width: 1024, height: 1024 };
    for (const revision of ["high contrast", "more empty space at the top for the headline", "coral and navy", "larger headline"]) {
      const revised = await bytesOf(`${base}, ${revision}`);
      expect(await changedFraction(original, revised, whole), revision).toBeGreaterThan(0.1);
    }
  });

  it("makes high contrast measurably more contrasty", async () => {
    const stdev = async (png: Uint8Array) => (await sharp(png).greyscale().stats()).channels[0]!.stdev;
    const soft = await bytesOf("a pastel poster of mountains");
    const hard = await bytesOf("a pastel poster of mountains, high contrast");
    expect(await stdev(hard)).toBeGreaterThan((await stdev(soft)) * 1.2);
  });

  it("renders n variations with consecutive seeds", async () => {
    const result = await renderLocal("organic blobs", { n: 2, seed: 41 });
    expect(result.images).toHaveLength(2);
    expect(Buffer.from(result.images[0]!.uint8Array).equals(Buffer.from(result.images[1]!.uint8Array))).toBe(false);
    const seeds = (result.providerMetadata.local?.images as Array<{ seed: number }>).map((m) => m.seed);
    expect(seeds).toEqual([41, 42]);
    const second = await renderLocal("organic blobs", { seed: 42 });
    expect(Buffer.from(second.image.uint8Array).equals(Buffer.from(result.images[1]!.uint8Array))).toBe(true);
  });

  it("renders a 1024 px poster quickly", async () => {
    await bytesOf("warm up");
    const started = performance.now();
    await bytesOf('neon city at night with stars, headline "NIGHT DRIVE"');
    // Generous bound: CI shares two cores with other suites; it typically takes 150–250 ms.
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("stops when the call is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(generateImage({ model, prompt: "a poster", abortSignal: controller.signal, maxRetries: 0 })).rejects.toThrow();
  });

  it("rejects as soon as a render in progress is aborted, before the poster is done", async () => {
    const controller = new AbortController();
    let settled = false;
    const call = generateImage({ model, prompt: "a mountain lake at dawn", n: 4, abortSignal: controller.signal, maxRetries: 0 }).finally(() => {
      settled = true;
    });
    controller.abort(new Error("cancelled by the designer"));
    // One microtask turn later the call has already given up; four posters would take far longer.
    await Promise.resolve();
    await expect(call).rejects.toThrow(/cancelled by the designer/);
    expect(settled).toBe(true);
  });
});
