import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { FEATHER_PX } from "@/lib/images/feather";
import { flatColour, headlineRect, inputImage, paintedMask, regionDiff } from "@/tests/support/edit-images";
import { generationParamsSchema } from "@/lib/schemas/params";
import { EditError, render } from "../index";

/**
 * The Local renderer's edits, through render() exactly as the studio will call it: a painted
 * region changes and nothing else does (an independent pixel diff), Use as input keeps the
 * composition and visibly applies the prompt, and a moodboard steers a new poster by role.
 */
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|OPENAI_COMPATIBLE/.test(k));
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
beforeEach(() => VARS.forEach((k) => delete process.env[k]));
afterEach(() => VARS.forEach((k) => (saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]))));

const params = (input: Record<string, unknown>) => generationParamsSchema.parse({ providerId: "local", ...input });
const rect = headlineRect();

async function rgb(bytes: Uint8Array, size = 64) {
  return sharp(bytes).resize(size, size, { fit: "fill" }).removeAlpha().raw().toBuffer();
}

/** Correlation of the two images' lightness on a 64 px grid: 1 = the same layout. */
async function layoutCorrelation(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([rgb(a), rgb(b)]);
  const luma = (d: Buffer) => Array.from({ length: d.length / 3 }, (_, i) => 0.2126 * d[i * 3]! + 0.7152 * d[i * 3 + 1]! + 0.0722 * d[i * 3 + 2]!);
  const [la, lb] = [luma(x), luma(y)];
  const mean = (v: number[]) => v.reduce((s, n) => s + n, 0) / v.length;
  const [ma, mb] = [mean(la), mean(lb)];
  const cov = la.reduce((s, v, i) => s + (v - ma) * (lb[i]! - mb), 0);
  const sd = (v: number[], m: number) => Math.sqrt(v.reduce((s, n) => s + (n - m) ** 2, 0));
  return cov / (sd(la, ma) * sd(lb, mb));
}

async function meanDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([rgb(a), rgb(b)]);
  return x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
}

describe("a painted region on the Local renderer", () => {
  it("changes the painted region and leaves every pixel outside it exactly as it was", async () => {
    const image = await inputImage();
    const mask = await paintedMask({ rect });
    const result = await render({ prompt: 'headline "WINTER DEALS"', params: params({ seed: 4 }), edit: { image, mask } });
    const out = result.images[0]!;
    expect(out).toMatchObject({ width: 512, height: 512, providerId: "local" });
    const diff = await regionDiff({ before: image, after: out.bytes, rect, band: FEATHER_PX });
    // The feather lies inside the region: outside it not one pixel differs.
    expect(diff.outsideAny).toBe(0);
    expect(diff.insideChanged).toBeGreaterThan(0.7);
    expect(result.notes).toEqual(["painted region sent with its mask to Local renderer · poster-v1"]);
    expect(result.routeReason).toBe("chosen by the designer");
  });

  it("draws the new headline in the region: ink on a ground filled from the surroundings", async () => {
    const image = await inputImage();
    const mask = await paintedMask({ rect });
    const [headline, removed] = await Promise.all([
      render({ prompt: 'headline "WINTER DEALS"', params: params({ seed: 4 }), edit: { image, mask } }),
      render({ prompt: "remove the headline", params: params({ seed: 4 }), edit: { image, mask } }),
    ]);
    // The removal is the fill alone; the headline differs from it only where its letters are.
    const letters = await regionDiff({ before: removed.images[0]!.bytes, after: headline.images[0]!.bytes, rect, threshold: 60 });
    expect(letters.outsideAny).toBe(0);
    expect(letters.insideChanged).toBeGreaterThan(0.05);
    expect(letters.insideChanged).toBeLessThan(0.6);
    // The fill continues the gradient around it: no trace of the dark bar is left.
    const { data } = await sharp(Buffer.from(removed.images[0]!.bytes)).extract({ left: rect.x + 20, top: rect.y + 20, width: rect.w - 40, height: rect.h - 40 }).stats().then((s) => ({ data: s.channels }));
    expect(data[0]!.mean).toBeGreaterThan(150);
  });

  it("is deterministic: the same input, mask, prompt and seed give the same bytes", async () => {
    const image = await inputImage();
    const mask = await paintedMask({ rect, style: "white" });
    const run = () => render({ prompt: 'headline "NEW"', params: params({ seed: 9 }), edit: { image, mask } });
    const [a, b] = await Promise.all([run(), run()]);
    expect(Buffer.from(a.images[0]!.bytes).equals(Buffer.from(b.images[0]!.bytes))).toBe(true);
  });

  it("under Auto with no provider configured, says why the Local renderer serves", async () => {
    const result = await render({ prompt: 'headline "NEW"', params: params({ providerId: "auto" }), edit: { image: await inputImage(), mask: await paintedMask({ rect }) } });
    expect(result.routeReason).toBe("a painted region → Local renderer (no configured provider edits with masks)");
  });
});

describe("Use as input on the Local renderer", () => {
  it("keeps the composition and visibly applies the prompt", async () => {
    const image = await inputImage();
    const result = await render({ prompt: "cool blue, darker, more contrast", params: params({ seed: 2, aspectRatio: "16:9" }), edit: { image } });
    const out = result.images[0]!;
    // The input's size, whatever aspect ratio was asked: an edit keeps its image's shape.
    expect(out).toMatchObject({ width: 512, height: 512 });
    expect(await layoutCorrelation(image, out.bytes)).toBeGreaterThan(0.8);
    expect(await meanDifference(image, out.bytes)).toBeGreaterThan(20);
    expect(result.notes).toEqual(["input image sent to Local renderer · poster-v1 to edit"]);
  });

  it("sets a quoted headline in the headline band and keeps the rest of the picture's layout", async () => {
    const image = await inputImage();
    const result = await render({ prompt: '"NIGHT SHIFT"', params: params({ seed: 2 }), edit: { image } });
    const lower = (bytes: Uint8Array) => sharp(Buffer.from(bytes)).extract({ left: 0, top: 200, width: 512, height: 312 }).png().toBuffer();
    expect(await layoutCorrelation(new Uint8Array(await lower(image)), new Uint8Array(await lower(result.images[0]!.bytes)))).toBeGreaterThan(0.9);
    const band = await regionDiff({ before: image, after: result.images[0]!.bytes, rect: { x: 40, y: 40, w: 432, h: 100 } });
    expect(band.insideChanged).toBeGreaterThan(0.5);
  });
});

describe("a moodboard on the Local renderer", () => {
  const distanceTo = async (bytes: Uint8Array, colours: Array<[number, number, number]>) => {
    const data = await rgb(bytes);
    let sum = 0;
    for (let i = 0; i < data.length; i += 3) sum += Math.min(...colours.map((c) => Math.hypot(data[i]! - c[0], data[i + 1]! - c[1], data[i + 2]! - c[2])));
    return sum / (data.length / 3);
  };

  it("takes its palette from the palette reference, deterministically", async () => {
    const swatch = new Uint8Array(await sharp({ create: { width: 200, height: 200, channels: 3, background: "#0b6e4f" } }).composite([{ input: { create: { width: 200, height: 80, channels: 3, background: "#f2a541" } }, top: 120, left: 0 }]).png().toBuffer());
    const prompt = "a poster of mountains";
    const plain = await render({ prompt, params: params({ seed: 3 }) });
    const run = () => render({ prompt, params: params({ seed: 3 }), edit: { references: [{ bytes: swatch, role: "palette" }] } });
    const [steered, again] = await Promise.all([run(), run()]);
    const colours: Array<[number, number, number]> = [[11, 110, 79], [242, 165, 65]];
    expect(await distanceTo(steered.images[0]!.bytes, colours)).toBeLessThan((await distanceTo(plain.images[0]!.bytes, colours)) * 0.75);
    expect(Buffer.from(steered.images[0]!.bytes).equals(Buffer.from(again.images[0]!.bytes))).toBe(true);
    expect(steered.notes).toEqual(["1 reference sent as images to Local renderer · poster-v1"]);
  });

  it("reads mood from a style reference and draws a subject reference as the subject", async () => {
    const dark = await flatColour({ colour: "#0d0d12" });
    const subject = new Uint8Array(await sharp({ create: { width: 300, height: 300, channels: 3, background: "#ffffff" } }).composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="110" fill="#ff00cc"/></svg>') }]).png().toBuffer());
    const prompt = "a calm poster";
    const [plain, styled, withSubject] = await Promise.all([
      render({ prompt, params: params({ seed: 5 }) }),
      render({ prompt, params: params({ seed: 5 }), edit: { references: [{ bytes: dark, role: "style" }] } }),
      render({ prompt, params: params({ seed: 5 }), edit: { references: [{ bytes: subject, role: "subject" }] } }),
    ]);
    const brightness = async (bytes: Uint8Array) => (await sharp(Buffer.from(bytes)).stats()).channels.slice(0, 3).reduce((s, c) => s + c.mean, 0) / 3;
    expect(await brightness(styled.images[0]!.bytes)).toBeLessThan((await brightness(plain.images[0]!.bytes)) - 20);
    expect(await distanceTo(withSubject.images[0]!.bytes, [[255, 0, 204]])).toBeLessThan(await distanceTo(plain.images[0]!.bytes, [[255, 0, 204]]));
    const magenta = await rgb(withSubject.images[0]!.bytes, 128);
    let hits = 0;
    for (let i = 0; i < magenta.length; i += 3) if (magenta[i]! > 200 && magenta[i + 1]! < 80 && magenta[i + 2]! > 150) hits++;
    expect(hits / (magenta.length / 3)).toBeGreaterThan(0.05);
  });
});

describe("bad edit input through render()", () => {
  it("refuses a ninth reference, a mask without its image, and a mask of another shape before rendering", async () => {
    const swatch = await flatColour({ colour: "#336699" });
    const nine = Array.from({ length: 9 }, () => ({ bytes: swatch, role: "style" as const }));
    await expect(render({ prompt: "x", params: params({}), edit: { references: nine } })).rejects.toMatchObject({ reason: "too_many_references", message: "A moodboard holds at most 8 references; this one has 9. Remove 1 of them." });
    await expect(render({ prompt: "x", params: params({}), edit: { mask: await paintedMask({ rect }) } })).rejects.toBeInstanceOf(EditError);
    const wide = await paintedMask({ width: 400, height: 200, rect: { x: 10, y: 10, w: 50, h: 50 } });
    await expect(render({ prompt: "x", params: params({}), edit: { image: await inputImage(), mask: wide } })).rejects.toMatchObject({ reason: "mask_size_mismatch" });
  });
});
