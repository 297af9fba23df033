import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFalFake } from "@/tests/support/fakes/fal";
import { startLumaFake } from "@/tests/support/fakes/luma";
import { startOpenAIImagesFake } from "@/tests/support/fakes/openai-images";
import type { ProviderFake, UploadedFile } from "@/tests/support/fakes/provider-fake";
import { envSchema } from "@/lib/env";
import { generationParamsSchema } from "@/lib/schemas/params";
import type { ReferenceDescription } from "@/lib/schemas/reference";
import { render } from "./index";
import { saveEnv, setEnv } from "@/tests/support/env";

/** A reference reaches models that take images as bytes (checked at the provider fakes) and the rest as words. */
const KEY = "reference-key-0123456789";
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|IMAGE_MODEL|OPENAI_COMPATIBLE|PROVIDER_/.test(k));
const restore = saveEnv(VARS);
let openai: ProviderFake;
let fal: ProviderFake;
let luma: ProviderFake;
let bytes: Uint8Array;

const description: ReferenceDescription = {
  subject: "a lighthouse on a cliff",
  style: "flat risograph print",
  palette: ["teal", "coral"],
  composition: "subject on the left third",
  text: "",
  summary: "A flat teal and coral lighthouse print.",
};
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const params = (input: Record<string, unknown>) => generationParamsSchema.parse(input);
const posts = (fake: ProviderFake) => fake.requests.filter((r) => r.method === "POST");

beforeAll(async () => {
  [openai, fal, luma] = await Promise.all([startOpenAIImagesFake({ apiKey: KEY }), startFalFake({ apiKey: KEY }), startLumaFake({ apiKey: KEY })]);
  bytes = new Uint8Array(await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 20, g: 140, b: 150 } } }).png().toBuffer());
});
afterAll(async () => {
  await Promise.all([openai.close(), fal.close(), luma.close()]);
});
beforeEach(() => {
  setEnv(Object.fromEntries(VARS.map((k) => [k, undefined])));
  for (const fake of [openai, fal, luma]) fake.reset();
  setEnv({ LOUPE_PROVIDER_MAX_RETRIES: "0" });
});
afterEach(restore);

const useOpenAI = () => setEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.url });
const useFalAndLuma = () => setEnv({ FAL_KEY: KEY, FAL_BASE_URL: fal.url, LUMA_API_KEY: KEY, LUMA_BASE_URL: luma.url });

describe("a reference image on its way to the provider", () => {
  it("goes to OpenAI's GPT Image as the image of a multipart /images/edits request, with the designer's own prompt", async () => {
    useOpenAI();
    const result = await render({ prompt: "a lighthouse poster", params: params({ providerId: "openai" }), reference: { bytes, description } });
    expect(result).toMatchObject({ providerId: "openai", model: "gpt-image-1" });
    const [request] = posts(openai);
    expect(request?.path).toBe("/v1/images/edits");
    const body = request?.body as { prompt: string; model: string; image: UploadedFile };
    expect(body.model).toBe("gpt-image-1");
    expect(body.prompt).toBe("a lighthouse poster");
    expect(body.image).toMatchObject({ type: "image/png", size: bytes.length, sha256: sha256(bytes) });
    expect(result.notes).toContain("reference sent as an image to OpenAI · gpt-image-1");
  });

  it("moves fal from FLUX dev to its Kontext endpoint, which gets the bytes as an image_url data URI", async () => {
    useFalAndLuma();
    const result = await render({ prompt: "a lighthouse poster", params: params({ providerId: "fal" }), reference: { bytes, description } });
    expect(result.model).toBe("fal-ai/flux-pro/kontext");
    const [request] = posts(fal);
    expect(request?.path).toBe("/fal-ai/flux-pro/kontext");
    const body = request?.body as { prompt: string; image_url: string };
    expect(body.prompt).toBe("a lighthouse poster");
    expect(Buffer.from(body.image_url.replace(/^data:image\/png;base64,/, ""), "base64").equals(Buffer.from(bytes))).toBe(true);
    // Kontext keeps the input's shape (600×400 → 3:2).
    expect(result.images[0]).toMatchObject({ width: 1024, height: 683 });
    expect(result.notes).toEqual(["reference sent as an image to fal · fal-ai/flux-pro/kontext"]);
  });

  it("goes to a provider without image input as its description in words, and says so", async () => {
    useFalAndLuma();
    const result = await render({ prompt: "a lighthouse poster", params: params({ providerId: "luma" }), reference: { bytes, description } });
    const body = posts(luma)[0]?.body as Record<string, unknown>;
    expect(body.prompt).toBe("a lighthouse poster\nIn the style of the reference: a lighthouse on a cliff; flat risograph print; palette: teal, coral; subject on the left third");
    expect(Object.keys(body).some((k) => /image|style|character/.test(k))).toBe(false);
    expect(result.notes).toEqual(["reference sent as words to Luma · photon-1 (it takes no image input)"]);
  });

  it("goes to the Local renderer as words, which change the picture", async () => {
    const plain = await render({ prompt: "a lighthouse poster", params: params({ providerId: "local", seed: 7 }) });
    const referenced = await render({ prompt: "a lighthouse poster", params: params({ providerId: "local", seed: 7 }), reference: { bytes, description } });
    expect(referenced.notes).toEqual(["reference sent as words to Local renderer · poster-v1 (it takes no image input)"]);
    expect(Buffer.from(referenced.images[0]!.bytes).equals(Buffer.from(plain.images[0]!.bytes))).toBe(false);
  });

  it("under Auto, prefers a model that takes the image", async () => {
    useFalAndLuma();
    const result = await render({ prompt: "a lighthouse poster", params: params({ providerId: "auto" }), reference: { bytes, description } });
    expect(result.routeReason).toBe("reference image → a model that takes it (fal · fal-ai/flux-pro/kontext)");
    expect(posts(fal)[0]?.path).toBe("/fal-ai/flux-pro/kontext");
  });

  it("never routes to an edit-only model without a reference, even when asked for it by name", async () => {
    useFalAndLuma();
    const auto = await render({ prompt: "a lighthouse poster", params: params({ providerId: "auto" }) });
    const named = await render({ prompt: "a lighthouse poster", params: params({ providerId: "fal", model: "fal-ai/flux-pro/kontext" }) });
    expect([auto.model, named.model]).toEqual(["fal-ai/flux-pro/v1.1", "fal-ai/flux/dev"]);
    expect(posts(fal).map((r) => r.path)).not.toContain("/fal-ai/flux-pro/kontext");
    expect(auto.notes).toEqual([]);
  });
});
