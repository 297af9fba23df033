import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBflFake } from "@/tests/support/fakes/black-forest-labs";
import { startFalFake } from "@/tests/support/fakes/fal";
import { startGoogleFake } from "@/tests/support/fakes/google";
import { startLumaFake } from "@/tests/support/fakes/luma";
import { startOpenAIImagesFake } from "@/tests/support/fakes/openai-images";
import type { FakeRequest, ProviderFake, UploadedFile } from "@/tests/support/fakes/provider-fake";
import { envSchema } from "@/lib/env";
import { FEATHER_PX } from "@/lib/images/feather";
import { generationParamsSchema } from "@/lib/schemas/params";
import { flatColour, headlineRect, inputImage, paintedMask, regionDiff } from "@/tests/support/edit-images";
import { EditError, estimateRenderUsd, render } from "../index";
import { resetEnv, setEnv } from "@/tests/support/env";

/**
 * Edits through each real AI SDK provider package against its local fake: the request as the
 * provider's API takes it (OpenAI's multipart /images/edits with image[] and a transparent-is-edit
 * mask, fal's FLUX Fill and Kontext endpoints, Gemini's inline images, BFL's FLUX.1 Fill and
 * Kontext), the fakes refusing malformed edits as the APIs do, and what Loupe makes of the answer:
 * the input's size, and outside a painted region the input's exact pixels.
 */
const KEY = "edit-key-0123456789abcdef";
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|IMAGE_MODEL|OPENAI_COMPATIBLE|PROVIDER_/.test(k));
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
let openai: ProviderFake;
let fal: ProviderFake;
let google: ProviderFake;
let bfl: ProviderFake;
let luma: ProviderFake;
let image: Uint8Array;
let mask: Uint8Array;
const rect = headlineRect();

const params = (input: Record<string, unknown>) => generationParamsSchema.parse(input);
const posts = (fake: ProviderFake) => fake.requests.filter((r) => r.method === "POST");
const bodyOf = <T>(request: FakeRequest | undefined) => request?.body as T;
const same = (a: Uint8Array | Buffer, b: Uint8Array | Buffer) => Buffer.from(a).equals(Buffer.from(b));
const fromDataUri = (uri: string) => Buffer.from(uri.slice(uri.indexOf(",") + 1), "base64");

beforeAll(async () => {
  [openai, fal, google, bfl, luma] = await Promise.all([startOpenAIImagesFake({ apiKey: KEY }), startFalFake({ apiKey: KEY }), startGoogleFake({ apiKey: KEY }), startBflFake({ apiKey: KEY }), startLumaFake({ apiKey: KEY })]);
  [image, mask] = await Promise.all([inputImage(), paintedMask({ rect })]);
});
afterAll(async () => {
  await Promise.all([openai, fal, google, bfl, luma].map((f) => f.close()));
});
beforeEach(() => {
  for (const k of VARS) delete process.env[k];
  for (const fake of [openai, fal, google, bfl, luma]) fake.reset();
  setEnv({ LOUPE_PROVIDER_MAX_RETRIES: "0" });
});
afterEach(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnv();
});

const use = {
  openai: () => setEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url }),
  fal: () => setEnv({ FAL_KEY: KEY, FAL_BASE_URL: fal.url }),
  google: () => setEnv({ GOOGLE_GENERATIVE_AI_API_KEY: KEY, GOOGLE_GENERATIVE_AI_BASE_URL: google.url }),
  bfl: () => setEnv({ BFL_API_KEY: KEY, BFL_BASE_URL: bfl.url }),
  luma: () => setEnv({ LUMA_API_KEY: KEY, LUMA_BASE_URL: luma.url }),
};

/** Which pixels of a mask file are the region, by the provider's rule. */
async function maskPixels(bytes: Buffer, rule: "transparent" | "white") {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 4;
    return rule === "transparent" ? data[i + 3] === 0 : data[i]! >= 128;
  };
  return { width: info.width, height: info.height, inside: at(rect.x + 10, rect.y + 10), outside: at(400, 450) };
}

async function expectOnlyRegionChanged(bytes: Uint8Array) {
  const diff = await regionDiff({ before: image, after: bytes, rect, band: FEATHER_PX });
  expect(diff.outsideAny).toBe(0);
  expect(diff.insideChanged).toBeGreaterThan(0.5);
}

describe("OpenAI GPT Image edits", () => {
  it("sends a painted region as multipart /images/edits: the image, and a PNG mask transparent exactly where painted", async () => {
    use.openai();
    const result = await render({ prompt: 'headline "WINTER DEALS"', params: params({ providerId: "openai" }), edit: { image, mask } });
    const [request] = posts(openai);
    expect(request?.path).toBe("/v1/images/edits");
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const body = bodyOf<{ model: string; prompt: string; size: string; image: UploadedFile; mask: UploadedFile }>(request);
    expect(body).toMatchObject({ model: "gpt-image-1", prompt: 'headline "WINTER DEALS"', size: "1024x1024" });
    expect(same(body.image.bytes, image)).toBe(true);
    expect(body.mask.type).toBe("image/png");
    expect(await maskPixels(body.mask.bytes, "transparent")).toEqual({ width: 512, height: 512, inside: true, outside: false });
    // The answer (1024², changed inside the mask) is fitted back to the 512² input.
    expect(result.images[0]).toMatchObject({ width: 512, height: 512, providerId: "openai", mediaType: "image/png" });
    await expectOnlyRegionChanged(result.images[0]!.bytes);
    expect(result.notes).toEqual(["painted region sent with its mask to OpenAI · gpt-image-1"]);
  });

  it("sends the image and a moodboard as image[], with each reference's role in the prompt", async () => {
    use.openai();
    const [palette, style] = await Promise.all([flatColour({ colour: "#0b6e4f" }), flatColour({ colour: "#222222" })]);
    const result = await render({ prompt: "make it calmer", params: params({ providerId: "openai" }), edit: { image, references: [{ bytes: palette, role: "palette" }, { bytes: style, role: "style" }] } });
    const body = bodyOf<{ prompt: string; "image[]": UploadedFile[] }>(posts(openai)[0]);
    expect(body["image[]"].map((f) => same(f.bytes, [image, palette, style][body["image[]"].indexOf(f)]!))).toEqual([true, true, true]);
    // Multipart form fields carry line breaks as CRLF.
    expect(body.prompt.replace(/\r\n/g, "\n")).toBe("make it calmer\n\nImage 1 is the image to edit; image 2 is a palette reference (take its colours only); image 3 is a style reference (take its style, medium and texture only).");
    expect(result.notes).toEqual(["input image sent to OpenAI · gpt-image-1 to edit; 2 references sent as images to OpenAI · gpt-image-1"]);
  });

  it("the fake refuses a mask the API would refuse: another size, no alpha channel, not a PNG", async () => {
    const send = async (maskFile: Blob) => {
      const form = new FormData();
      form.append("model", "gpt-image-1");
      form.append("prompt", "x");
      form.append("image", new Blob([Buffer.from(image)], { type: "image/png" }), "image.png");
      form.append("mask", maskFile, "mask.png");
      const response = await fetch(`${openai.url}/images/edits`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: form });
      return { status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message };
    };
    const small = await paintedMask({ width: 256, height: 256, rect: { x: 0, y: 0, w: 50, h: 50 } });
    expect(await send(new Blob([Buffer.from(small)], { type: "image/png" }))).toEqual({ status: 400, message: "Invalid mask: the mask (256x256) must have the same dimensions as the image (512x512)." });
    const opaque = await paintedMask({ rect, style: "white" });
    expect((await send(new Blob([Buffer.from(opaque)], { type: "image/png" }))).message).toMatch(/must have an alpha channel/);
    expect((await send(new Blob([Buffer.from(mask)], { type: "image/jpeg" }))).message).toMatch(/unsupported mimetype \('image\/jpeg'\)/);
  });
});

describe("fal: FLUX Fill for a painted region, Kontext for edits", () => {
  it("moves fal to FLUX Fill for a painted region: image_url and a white-is-region mask_url of the image's size", async () => {
    use.fal();
    const result = await render({ prompt: 'headline "WINTER DEALS"', params: params({ providerId: "fal" }), edit: { image, mask } });
    const [request] = posts(fal);
    expect(request?.path).toBe("/fal-ai/flux-pro/v1/fill");
    const body = bodyOf<{ prompt: string; image_url: string; mask_url: string }>(request);
    expect(same(fromDataUri(body.image_url), image)).toBe(true);
    expect(await maskPixels(fromDataUri(body.mask_url), "white")).toEqual({ width: 512, height: 512, inside: true, outside: false });
    expect(result).toMatchObject({ model: "fal-ai/flux-pro/v1/fill", routeReason: "chosen by the designer" });
    await expectOnlyRegionChanged(result.images[0]!.bytes);
  });

  it("edits an input image with Kontext (image_url), answers from that image, and comes back at the input's size", async () => {
    use.fal();
    const result = await render({ prompt: "warmer light", params: params({ providerId: "fal" }), edit: { image } });
    expect(posts(fal)[0]?.path).toBe("/fal-ai/flux-pro/kontext");
    expect(same(fromDataUri(bodyOf<{ image_url: string }>(posts(fal)[0]).image_url), image)).toBe(true);
    expect(result.images[0]).toMatchObject({ width: 512, height: 512 });
    // A tint of the input, not a flat colour: the disc is still there.
    const { data } = await sharp(Buffer.from(result.images[0]!.bytes)).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * 512 + x) * 3]!;
    expect(Math.abs(at(256, 317) - at(20, 480))).toBeGreaterThan(30);
  });

  it("sends the image and its references to Kontext's multi-image endpoint as image_urls", async () => {
    use.fal();
    const refs = await Promise.all([flatColour({ colour: "#ff0000" }), flatColour({ colour: "#00ff00" })]);
    const result = await render({ prompt: "in this palette", params: params({ providerId: "fal" }), edit: { image, references: refs.map((bytes) => ({ bytes, role: "palette" as const })) } });
    const [request] = posts(fal);
    expect(request?.path).toBe("/fal-ai/flux-pro/kontext/multi");
    const body = bodyOf<{ image_urls: string[]; image_url?: string }>(request);
    expect(body.image_url).toBeUndefined();
    expect(body.image_urls.map(fromDataUri).map((b, i) => same(b, [image, ...refs][i]!))).toEqual([true, true, true]);
    expect(result.model).toBe("fal-ai/flux-pro/kontext/multi");
  });

  it("the fake refuses a fill whose mask is not the image's size, as fal validates it", async () => {
    const small = await paintedMask({ width: 256, height: 256, rect: { x: 0, y: 0, w: 50, h: 50 }, style: "white" });
    const dataUri = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes).toString("base64")}`;
    const response = await fetch(`${fal.url}/fal-ai/flux-pro/v1/fill`, { method: "POST", headers: { authorization: `Key ${KEY}`, "content-type": "application/json" }, body: JSON.stringify({ prompt: "x", image_url: dataUri(image), mask_url: dataUri(small) }) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail: [{ loc: ["body", "mask_url"], msg: "The mask (256x256) must have the same dimensions as the image (512x512)", type: "value_error" }] });
    const missing = await fetch(`${fal.url}/fal-ai/flux-pro/v1/fill`, { method: "POST", headers: { authorization: `Key ${KEY}`, "content-type": "application/json" }, body: JSON.stringify({ prompt: "x", image_url: dataUri(image) }) });
    expect((await missing.json()) as unknown).toEqual({ detail: [{ loc: ["body", "mask_url"], msg: "field required", type: "value_error" }] });
  });
});

describe("Google Gemini edits", () => {
  it("sends the image and a reference as inline image parts, with the roles in the text", async () => {
    use.google();
    const palette = await flatColour({ colour: "#0b6e4f" });
    const result = await render({ prompt: "same poster, at night", params: params({ providerId: "google" }), edit: { image, references: [{ bytes: palette, role: "palette" }] } });
    const body = bodyOf<{ contents: Array<{ parts: Array<{ text?: string; inlineData?: { mimeType: string; data: string } }> }> }>(posts(google)[0]);
    const parts = body.contents[0]!.parts;
    expect(parts[0]?.text).toBe("same poster, at night\n\nImage 1 is the image to edit; image 2 is a palette reference (take its colours only).");
    expect(parts.slice(1).map((p) => p.inlineData?.mimeType)).toEqual(["image/png", "image/png"]);
    expect(same(Buffer.from(parts[1]!.inlineData!.data, "base64"), image)).toBe(true);
    expect(result.images[0]).toMatchObject({ width: 512, height: 512, providerId: "google", model: "gemini-2.5-flash-image" });
  });

  it("refuses a painted region before any call, and names who can take it", async () => {
    use.google();
    const error = await render({ prompt: 'headline "X"', params: params({ providerId: "google" }), edit: { image, mask } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditError);
    expect((error as EditError).message).toBe("Google cannot repaint a painted region: none of its models takes a mask. Choose Auto, or one that can: the Local renderer.");
    expect(posts(google)).toHaveLength(0);
  });

  it("the fake refuses an inline image of a type Gemini does not take", async () => {
    const response = await fetch(`${google.url}/models/gemini-2.5-flash-image:generateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "x" }, { inlineData: { mimeType: "image/gif", data: Buffer.from(image).toString("base64") } }] }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^Unsupported MIME type: image\/gif/);
  });
});

describe("Black Forest Labs: FLUX.1 Fill and Kontext", () => {
  it("sends a painted region to FLUX.1 Fill with the image in `image` and a white-is-region mask", async () => {
    use.bfl();
    const result = await render({ prompt: 'headline "WINTER DEALS"', params: params({ providerId: "black-forest-labs" }), edit: { image, mask } });
    const [request] = posts(bfl);
    expect(request?.path).toBe("/v1/flux-pro-1.0-fill");
    const body = bodyOf<{ image: string; mask: string; input_image?: string }>(request);
    expect(body.input_image).toBeUndefined();
    expect(same(Buffer.from(body.image, "base64"), image)).toBe(true);
    expect(await maskPixels(Buffer.from(body.mask, "base64"), "white")).toEqual({ width: 512, height: 512, inside: true, outside: false });
    expect(result.model).toBe("flux-pro-1.0-fill");
    await expectOnlyRegionChanged(result.images[0]!.bytes);
  });

  it("edits with Kontext through input_image and input_image_2", async () => {
    use.bfl();
    const style = await flatColour({ colour: "#333344" });
    const result = await render({ prompt: "moodier", params: params({ providerId: "black-forest-labs" }), edit: { image, references: [{ bytes: style, role: "style" }] } });
    const body = bodyOf<{ input_image: string; input_image_2: string; aspect_ratio: string }>(posts(bfl)[0]);
    expect(posts(bfl)[0]?.path).toBe("/v1/flux-kontext-pro");
    expect(same(Buffer.from(body.input_image, "base64"), image)).toBe(true);
    expect(same(Buffer.from(body.input_image_2, "base64"), style)).toBe(true);
    expect(body.aspect_ratio).toBe("1:1");
    expect(result.images[0]).toMatchObject({ width: 512, height: 512 });
  });

  it("the fake refuses a fill without `image`, as the API does (the SDK's own field name would be refused)", async () => {
    const response = await fetch(`${bfl.url}/flux-pro-1.0-fill`, { method: "POST", headers: { "x-key": KEY, "content-type": "application/json" }, body: JSON.stringify({ prompt: "x", input_image: Buffer.from(image).toString("base64") }) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail: [{ loc: ["body", "image"], msg: "field required", type: "value_error" }] });
  });
});

describe("routing an edit", () => {
  it("Auto sends a painted region to a model that edits with masks, and says so", async () => {
    use.openai();
    use.fal();
    use.google();
    const result = await render({ prompt: 'headline "X"', params: params({ providerId: "auto" }), edit: { image, mask } });
    expect(result.routeReason).toBe("a painted region → a model that edits with masks (OpenAI · gpt-image-1)");
    expect(posts(google)).toHaveLength(0);
  });

  it("falls back, under Auto, to another model that can take the edit", async () => {
    use.openai();
    use.fal();
    openai.failNext(500);
    const result = await render({ prompt: 'headline "X"', params: params({ providerId: "auto" }), edit: { image, mask } });
    expect(result.model).toBe("fal-ai/flux-pro/v1/fill");
    expect(result.notes).toEqual(["painted region sent with its mask to OpenAI · gpt-image-1", "fell back from OpenAI to fal: error 500", "painted region sent with its mask to fal · fal-ai/flux-pro/v1/fill"]);
    await expectOnlyRegionChanged(result.images[0]!.bytes);
  });

  it("sends a moodboard as the caller's words to a model that takes no images, and refuses it without words", async () => {
    use.luma();
    const refs = (await Promise.all([flatColour({ colour: "#112233" }), flatColour({ colour: "#ddeeff" })])).map((bytes, i) => ({ bytes, role: (i ? "palette" : "style") as "palette" | "style" }));
    const words = "style: flat risograph print; palette: teal, coral";
    const result = await render({ prompt: "a lighthouse poster", params: params({ providerId: "luma" }), edit: { references: refs, referenceWords: words } });
    expect(bodyOf<{ prompt: string }>(posts(luma)[0]).prompt).toBe(`a lighthouse poster\nMoodboard: ${words}`);
    expect(result.notes).toEqual(["2 references sent as words to Luma · photon-1"]);
    const refused = await render({ prompt: "a lighthouse poster", params: params({ providerId: "luma" }), edit: { references: refs } }).catch((e: unknown) => e);
    expect((refused as EditError).message).toBe("Luma takes no reference images, and the moodboard's 2 references came without a description to send instead. Choose Auto, or one that can: the Local renderer.");
  });

  it("compares providers on the same painted region, each column only changing the region", async () => {
    use.openai();
    use.fal();
    const result = await render({ prompt: 'headline "X"', params: params({ compare: ["local", "openai", "fal"] }), edit: { image, mask } });
    expect(result.images.map((i) => `${i.providerId}:${i.model}`)).toEqual(["local:poster-v1", "openai:gpt-image-1", "fal:fal-ai/flux-pro/v1/fill"]);
    for (const column of result.images) await expectOnlyRegionChanged(column.bytes);
  });

  it("prices an edit on the model that will take it", () => {
    use.fal();
    const edit = { image, mask };
    expect(estimateRenderUsd({ prompt: "x", params: params({ providerId: "fal", n: 2 }), edit })).toBeCloseTo(0.1, 6);
    expect(estimateRenderUsd({ prompt: "x", params: params({ providerId: "fal", n: 2 }) })).toBeCloseTo(0.05, 6);
  });
});
