import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBflFake } from "@/tests/support/fakes/black-forest-labs";
import { startFalFake } from "@/tests/support/fakes/fal";
import { startFireworksFake } from "@/tests/support/fakes/fireworks";
import { startGoogleFake } from "@/tests/support/fakes/google";
import { startLumaFake } from "@/tests/support/fakes/luma";
import { startGatewayFake, startTogetherFake, startXaiFake } from "@/tests/support/fakes/openai-style-images";
import type { FakeRequest, ProviderFake } from "@/tests/support/fakes/provider-fake";
import { startReplicateFake } from "@/tests/support/fakes/replicate";
import { envSchema } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { generationParamsSchema } from "@/lib/schemas/params";
import { listProviders, render } from "../index";
import { saveEnv, setEnv } from "@/tests/support/env";

/**
 * Every provider adapter against a local fake of its HTTP API, reached through the provider
 * package's base URL: the real AI SDK package builds the request, the fake checks it as the
 * provider would, and we check what Loupe makes of the answer.
 */
const KEY = "test-key-0123456789abcdef";

type Case = {
  id: string;
  label: string;
  start: () => Promise<ProviderFake>;
  env: (fake: ProviderFake, key: string) => Record<string, string>;
  params: Record<string, unknown>;
  /** The generation request (the first POST). */
  expectRequest: (request: FakeRequest) => void;
  expectResult: { model: string; width: number; height: number; seed: number | null; images: number };
};

const posts = (fake: ProviderFake) => fake.requests.filter((r) => r.method === "POST");

/** Variants are concurrent requests that may land in any order; variant 0 carries the lowest seed. */
function seedOf(request: FakeRequest): number {
  const body = request.body as { seed?: unknown; generationConfig?: { seed?: unknown } } | undefined;
  const seed = body?.seed ?? body?.generationConfig?.seed;
  return typeof seed === "number" ? seed : 0;
}
const firstVariant = (fake: ProviderFake) => [...posts(fake)].sort((a, b) => seedOf(a) - seedOf(b))[0]!;

const cases: Case[] = [
  {
    id: "fal",
    label: "fal",
    start: () => startFalFake({ apiKey: KEY }),
    env: (f, key) => ({ FAL_KEY: key, FAL_BASE_URL: f.url }),
    params: { aspectRatio: "4:5", n: 2, seed: 11 },
    expectRequest: (r) => {
      expect(r.path).toBe("/fal-ai/flux/dev");
      expect(r.headers.authorization).toBe(`Key ${KEY}`);
      // fal takes one image per request here, so two variants are two concurrent calls.
      expect(r.body).toMatchObject({ prompt: "a lighthouse at dusk", image_size: { width: 816, height: 1024 }, num_images: 1, seed: 11 });
    },
    expectResult: { model: "fal-ai/flux/dev", width: 816, height: 1024, seed: 11, images: 2 },
  },
  {
    id: "replicate",
    label: "Replicate",
    start: () => startReplicateFake({ apiKey: KEY }),
    env: (f, key) => ({ REPLICATE_API_TOKEN: key, REPLICATE_BASE_URL: f.url }),
    params: { aspectRatio: "16:9", seed: 5 },
    expectRequest: (r) => {
      expect(r.path).toBe("/v1/models/black-forest-labs/flux-1.1-pro/predictions");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.headers.prefer).toBe("wait");
      expect(r.body).toEqual({ input: { prompt: "a lighthouse at dusk", aspect_ratio: "16:9", seed: 5, num_outputs: 1 } });
    },
    expectResult: { model: "black-forest-labs/flux-1.1-pro", width: 1024, height: 576, seed: 5, images: 1 },
  },
  {
    id: "black-forest-labs",
    label: "Black Forest Labs",
    start: () => startBflFake({ apiKey: KEY }),
    env: (f, key) => ({ BFL_API_KEY: key, BFL_BASE_URL: f.url }),
    params: { aspectRatio: "3:2", seed: 3 },
    expectRequest: (r) => {
      expect(r.path).toBe("/v1/flux-kontext-pro");
      expect(r.headers["x-key"]).toBe(KEY);
      expect(r.body).toMatchObject({ prompt: "a lighthouse at dusk", aspect_ratio: "3:2", seed: 3 });
    },
    expectResult: { model: "flux-kontext-pro", width: 1024, height: 683, seed: 3, images: 1 },
  },
  {
    id: "xai",
    label: "xAI",
    start: () => startXaiFake({ apiKey: KEY }),
    env: (f, key) => ({ XAI_API_KEY: key, XAI_BASE_URL: f.url }),
    params: { aspectRatio: "16:9", n: 2 },
    expectRequest: (r) => {
      expect(r.path).toBe("/v1/images/generations");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toEqual({ model: "grok-imagine-image", prompt: "a lighthouse at dusk", n: 1, response_format: "b64_json", aspect_ratio: "16:9" });
    },
    expectResult: { model: "grok-imagine-image", width: 1024, height: 576, seed: null, images: 2 },
  },
  {
    id: "togetherai",
    label: "Together",
    start: () => startTogetherFake({ apiKey: KEY }),
    env: (f, key) => ({ TOGETHER_API_KEY: key, TOGETHER_BASE_URL: f.url }),
    params: { aspectRatio: "16:9", seed: 9 },
    expectRequest: (r) => {
      expect(r.path).toBe("/v1/images/generations");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toEqual({ model: "black-forest-labs/FLUX.1-schnell", prompt: "a lighthouse at dusk", seed: 9, width: 1024, height: 576, response_format: "base64" });
    },
    expectResult: { model: "black-forest-labs/FLUX.1-schnell", width: 1024, height: 576, seed: 9, images: 1 },
  },
  {
    id: "fireworks",
    label: "Fireworks",
    start: () => startFireworksFake({ apiKey: KEY }),
    env: (f, key) => ({ FIREWORKS_API_KEY: key, FIREWORKS_BASE_URL: f.url }),
    params: { aspectRatio: "9:16", seed: 21 },
    expectRequest: (r) => {
      expect(r.path).toBe("/inference/v1/workflows/accounts/fireworks/models/flux-1-schnell-fp8/text_to_image");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "9:16", seed: 21, samples: 1 });
    },
    expectResult: { model: "accounts/fireworks/models/flux-1-schnell-fp8", width: 576, height: 1024, seed: 21, images: 1 },
  },
  {
    id: "luma",
    label: "Luma",
    start: () => startLumaFake({ apiKey: KEY }),
    env: (f, key) => ({ LUMA_API_KEY: key, LUMA_BASE_URL: f.url }),
    // 4:5 is not a Luma ratio: Loupe snaps it to 3:4 and says so.
    params: { aspectRatio: "4:5" },
    expectRequest: (r) => {
      expect(r.path).toBe("/dream-machine/v1/generations/image");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toEqual({ prompt: "a lighthouse at dusk", aspect_ratio: "3:4", model: "photon-1" });
    },
    expectResult: { model: "photon-1", width: 768, height: 1024, seed: null, images: 1 },
  },
  {
    id: "google",
    label: "Google",
    start: () => startGoogleFake({ apiKey: KEY }),
    env: (f, key) => ({ GOOGLE_GENERATIVE_AI_API_KEY: key, GOOGLE_GENERATIVE_AI_BASE_URL: f.url }),
    params: { aspectRatio: "4:5", n: 2, seed: 4 },
    expectRequest: (r) => {
      expect(r.path).toBe("/v1beta/models/gemini-2.5-flash-image:generateContent");
      expect(r.headers["x-goog-api-key"]).toBe(KEY);
      expect(r.body).toMatchObject({
        contents: [{ role: "user", parts: [{ text: "a lighthouse at dusk" }] }],
        generationConfig: { seed: 4, responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "4:5" } },
      });
    },
    expectResult: { model: "gemini-2.5-flash-image", width: 819, height: 1024, seed: 4, images: 2 },
  },
  {
    id: "openai-compatible",
    label: "Studio gateway",
    start: () => startGatewayFake({ apiKey: KEY }),
    env: (f, key) => ({ LOUPE_OPENAI_COMPATIBLE_BASE_URL: f.url, LOUPE_OPENAI_COMPATIBLE_API_KEY: key, LOUPE_OPENAI_COMPATIBLE_MODEL: "house-model-2", LOUPE_OPENAI_COMPATIBLE_LABEL: "Studio gateway" }),
    params: { aspectRatio: "2:3", n: 2 },
    expectRequest: (r) => {
      expect(r.path).toBe("/v1/images/generations");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toEqual({ model: "house-model-2", prompt: "a lighthouse at dusk", n: 1, size: "1024x1536", response_format: "b64_json" });
    },
    expectResult: { model: "house-model-2", width: 1024, height: 1536, seed: null, images: 2 },
  },
];

/** Every variable a provider reads, cleared around each test so cases do not leak into each other. */
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|IMAGE_MODEL|OPENAI_COMPATIBLE|PROVIDER_/.test(k));
const restore = saveEnv(VARS);
const fakes = new Map<string, ProviderFake>();

beforeAll(async () => {
  await Promise.all(cases.map(async (c) => fakes.set(c.id, await c.start())));
});
afterAll(async () => {
  await Promise.all([...fakes.values()].map((f) => f.close()));
});
beforeEach(() => {
  setEnv({ ...Object.fromEntries(VARS.map((k) => [k, undefined])), LOUPE_PROVIDER_MAX_RETRIES: "0" });
  for (const f of fakes.values()) f.reset();
});
afterEach(restore);

function configure(c: Case, key = KEY) {
  setEnv(c.env(fakes.get(c.id)!, key));
}

async function renderError(input: Parameters<typeof render>[0]): Promise<LoupeError> {
  const error = await render(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoupeError);
  return error as LoupeError;
}

const PROMPT = "a lighthouse at dusk";

describe.each(cases)("$label adapter", (c) => {
  it("is listed only when configured, with its capabilities and without its key", () => {
    expect(listProviders().map((p) => p.id)).not.toContain(c.id);
    configure(c);
    const info = listProviders().find((p) => p.id === c.id);
    expect(info).toMatchObject({ label: c.label, defaultModel: c.expectResult.model, local: false });
    expect(info!.capabilities[0]).toMatchObject({ providerId: c.id, model: c.expectResult.model });
    expect(JSON.stringify(listProviders())).not.toContain(KEY);
  });

  it("sends the provider's request shape and reads its answer", async () => {
    configure(c);
    const fake = fakes.get(c.id)!;
    const result = await render({ prompt: PROMPT, params: generationParamsSchema.parse({ providerId: c.id, ...c.params }) });
    c.expectRequest(firstVariant(fake));
    // Seeded variants get consecutive seeds, so they differ and each can be reproduced.
    if (c.expectResult.seed !== null && c.expectResult.images > 1) expect(posts(fake).map(seedOf).sort()).toEqual([c.expectResult.seed, c.expectResult.seed + 1]);
    expect(result).toMatchObject({ providerId: c.id, providerLabel: c.label, model: c.expectResult.model, seed: c.expectResult.seed, notes: [], routeReason: "chosen by the designer" });
    expect(result.images).toHaveLength(c.expectResult.images);
    const first = result.images[0]!;
    expect([first.width, first.height]).toEqual([c.expectResult.width, c.expectResult.height]);
    expect((await sharp(first.bytes).metadata()).width).toBe(c.expectResult.width);
  });

  it("maps a rejected key to provider_auth without leaking it", async () => {
    configure(c, "wrong-key-zyxwvutsrq");
    const error = await renderError({ prompt: PROMPT, params: generationParamsSchema.parse({ providerId: c.id }) });
    expect(error).toMatchObject({ code: "provider_auth" });
    expect(error.message).toContain(c.label);
    expect(error.message).not.toContain("wrong-key-zyxwvutsrq");
  });

  it("maps a server error to a provider_error naming the status", async () => {
    configure(c);
    fakes.get(c.id)!.failNext(500, 4);
    const error = await renderError({ prompt: PROMPT, params: generationParamsSchema.parse({ providerId: c.id }) });
    expect(error).toMatchObject({ code: "provider_error" });
    expect(error.message).toMatch(new RegExp(`${c.label} answered 500`));
  });
});

describe("provider error bodies", () => {
  it("shows the provider's own validation message (Replicate problem details)", async () => {
    const c = cases.find((x) => x.id === "replicate")!;
    configure(c);
    setEnv({ LOUPE_REPLICATE_IMAGE_MODEL: "black-forest-labs/flux-2-unknown" });
    const error = await renderError({ prompt: PROMPT, params: generationParamsSchema.parse({ providerId: "replicate" }) });
    expect(error.message).toMatch(/Replicate answered 404: The requested resource could not be found/);
  });

  it("shows Google's error message", async () => {
    const c = cases.find((x) => x.id === "google")!;
    configure(c);
    setEnv({ LOUPE_GOOGLE_IMAGE_MODEL: "gemini-1.0-pro" });
    const error = await renderError({ prompt: PROMPT, params: generationParamsSchema.parse({ providerId: "google" }) });
    expect(error.message).toMatch(/Google answered 404: models\/gemini-1.0-pro is not found/);
  });

  it("drives Imagen through :predict with sampleCount", async () => {
    const c = cases.find((x) => x.id === "google")!;
    configure(c);
    setEnv({ LOUPE_GOOGLE_IMAGE_MODEL: "imagen-4.0-generate-001" });
    const result = await render({ prompt: PROMPT, params: generationParamsSchema.parse({ providerId: "google", n: 3, aspectRatio: "16:9", seed: 1 }) });
    expect(result.images).toHaveLength(3);
    expect(result.seed).toBeNull();
    expect(result.warnings.join(" ")).toMatch(/does not take a seed/);
    // Three variants are three concurrent requests of one image each.
    expect(posts(fakes.get("google")!).map((r) => r.body)).toEqual(Array(3).fill({ instances: [{ prompt: PROMPT }], parameters: { sampleCount: 1, aspectRatio: "16:9" } }));
  });
});
