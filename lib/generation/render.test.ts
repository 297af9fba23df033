import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIImagesFake, type OpenAIImagesFake } from "@/tests/support/fakes/openai-images";
import { LoupeError } from "@/lib/errors";
import { generationParamsSchema } from "@/lib/schemas/params";
import { listProviders, render } from "./index";
import { saveEnv, setEnv } from "@/tests/support/env";

const KEY = "sk-test-render-0123456789";
const VARS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "LOUPE_OPENAI_IMAGE_MODEL", "LOUPE_PROVIDER_TIMEOUT_MS", "LOUPE_PROVIDER_MAX_RETRIES"] as const;
const restore = saveEnv(VARS);

let fake: OpenAIImagesFake;

beforeAll(async () => {
  fake = await startOpenAIImagesFake({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  setEnv({ ...Object.fromEntries(VARS.map((k) => [k, undefined])), LOUPE_PROVIDER_MAX_RETRIES: "0" });
});
afterEach(restore);

function useOpenAI(model?: string) {
  setEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, ...(model ? { LOUPE_OPENAI_IMAGE_MODEL: model } : {}) });
}

const params = (input: Record<string, unknown>) => generationParamsSchema.parse(input);

async function renderError(input: Parameters<typeof render>[0]): Promise<LoupeError> {
  const error = await render(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoupeError);
  return error as LoupeError;
}

describe("listProviders", () => {
  it("always lists the local renderer first, and OpenAI only with a key", () => {
    expect(listProviders().map((p) => p.id)).toEqual(["local"]);
    expect(listProviders()[0]).toMatchObject({ label: "Local renderer", local: true });
    useOpenAI();
    expect(listProviders().map((p) => p.id)).toEqual(["local", "openai"]);
    expect(listProviders()[1]).toMatchObject({ defaultModel: "gpt-image-1", local: false });
    expect(JSON.stringify(listProviders())).not.toContain(KEY);
  });
});

describe("render with the local renderer", () => {
  it("renders, reports a seed derived from the prompt, and reads dimensions from the bytes", async () => {
    const result = await render({ prompt: 'a poster "HELLO"', params: params({ providerId: "local", aspectRatio: "16:9" }) });
    expect(result).toMatchObject({ providerId: "local", providerLabel: "Local renderer", model: "poster-v1" });
    expect(result.seed).toEqual(expect.any(Number));
    expect(result.images).toEqual([expect.objectContaining({ mediaType: "image/png", width: 1024, height: 576 })]);
    const again = await render({ prompt: 'a poster "HELLO"', params: params({ providerId: "local", aspectRatio: "16:9", seed: result.seed! }) });
    expect(Buffer.from(again.images[0]!.bytes).equals(Buffer.from(result.images[0]!.bytes))).toBe(true);
  });

  it("routes auto to the local renderer when no remote provider is configured", async () => {
    const result = await render({ prompt: "a poster", params: params({ providerId: "auto" }) });
    expect(result.providerId).toBe("local");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses an unknown or unconfigured provider", async () => {
    expect((await renderError({ prompt: "a poster", params: params({ providerId: "openai" }) })).code).toBe("provider_unavailable");
    expect((await renderError({ prompt: "a poster", params: params({ providerId: "nope" }) })).code).toBe("provider_unavailable");
  });

  it("reports a cancelled render", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await render({ prompt: "a poster", params: params({ n: 2 }), signal: controller.signal });
    expect(result).toMatchObject({ cancelled: true, images: [], requested: 2 });
  });
});

describe("render with OpenAI (against the local fake)", () => {
  it("auto picks OpenAI and sends the real request shape", async () => {
    useOpenAI();
    const result = await render({ prompt: "a lighthouse at dusk", params: params({ providerId: "auto", aspectRatio: "16:9", n: 2, seed: 5 }) });
    expect(result).toMatchObject({ providerId: "openai", providerLabel: "OpenAI", model: "gpt-image-1", seed: null });
    expect(result.images).toHaveLength(2);
    expect(result.images[0]).toMatchObject({ mediaType: "image/png", width: 1536, height: 1024 });
    expect(result.warnings.join(" ")).toMatch(/1536x1024/);
    expect(result.warnings.join(" ")).toMatch(/seed/);
    // One request per variant, so each image can arrive (and survive a cancel) on its own.
    expect(fake.requests).toHaveLength(2);
    for (const request of fake.requests) {
      expect(request.path).toBe("/v1/images/generations");
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.body).toMatchObject({ model: "gpt-image-1", prompt: "a lighthouse at dusk", n: 1, size: "1536x1024" });
      expect(request.body).not.toHaveProperty("response_format");
    }
  });

  it("clamps n for dall-e-3 and keeps the provider's revised prompt", async () => {
    useOpenAI("dall-e-3");
    const result = await render({ prompt: "a fox", params: params({ providerId: "openai", n: 3 }) });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.providerRevisedPrompt).toContain("a fox");
    expect(result.warnings.join(" ")).toMatch(/1 image per request/);
    expect(fake.requests[0]!.body).toMatchObject({ model: "dall-e-3", n: 1, response_format: "b64_json" });
  });

  it("maps 401 to provider_auth without leaking the key", async () => {
    useOpenAI();
    setEnv({ OPENAI_API_KEY: "sk-wrong-key-abcdefghijkl" });
    const error = await renderError({ prompt: "a poster", params: params({ providerId: "openai" }) });
    expect(error).toMatchObject({ code: "provider_auth", retryable: false });
    expect(error.message).not.toContain("sk-wrong-key-abcdefghijkl");
  });

  it("maps 500 to a retryable provider_error", async () => {
    useOpenAI();
    fake.failNext(500);
    const error = await renderError({ prompt: "a poster", params: params({ providerId: "openai" }) });
    expect(error).toMatchObject({ code: "provider_error", retryable: true });
    expect(error.message).toMatch(/OpenAI answered 500/);
  });

  it("maps 429 to a retryable error with retry-after", async () => {
    useOpenAI();
    fake.failNext(429);
    const error = await renderError({ prompt: "a poster", params: params({ providerId: "openai" }) });
    expect(error).toMatchObject({ code: "provider_error", retryable: true, retryAfterSeconds: 1 });
  });

  it("lets the AI SDK retry a 429 when retries are allowed", async () => {
    useOpenAI();
    setEnv({ LOUPE_PROVIDER_MAX_RETRIES: "1" });
    fake.failNext(429);
    const result = await render({ prompt: "a poster", params: params({ providerId: "openai" }) });
    expect(result.images).toHaveLength(1);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("reports a reset connection as a retryable failure without the socket's detail", async () => {
    useOpenAI();
    fake.resetNext();
    const error = await renderError({ prompt: "a poster", params: params({ providerId: "openai" }) });
    expect(error).toMatchObject({ code: "provider_error", retryable: true, message: "OpenAI could not be reached (the connection failed)." });
  });

  it("stops a hung provider at the caller's signal (the action's deadline) and reports it as stopped", async () => {
    useOpenAI();
    fake.hangNext();
    const result = await render({ prompt: "a poster", params: params({ providerId: "openai" }), signal: AbortSignal.timeout(300) });
    expect(result).toMatchObject({ cancelled: true, images: [] });
    expect(fake.requests.at(-1)).toMatchObject({ status: 0 });
  });

  it("times out through LOUPE_PROVIDER_TIMEOUT_MS", async () => {
    useOpenAI();
    setEnv({ LOUPE_PROVIDER_TIMEOUT_MS: "150" });
    fake.setLatency(2_000);
    const error = await renderError({ prompt: "a poster", params: params({ providerId: "openai" }) });
    expect(error).toMatchObject({ code: "provider_timeout", retryable: true });
  });
});
