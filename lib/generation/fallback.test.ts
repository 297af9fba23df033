import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFalFake } from "@/e2e/fakes/fal";
import { startLumaFake } from "@/e2e/fakes/luma";
import type { ProviderFake } from "@/e2e/fakes/provider-fake";
import { envSchema } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { generationParamsSchema } from "@/lib/schemas/params";
import { render } from "./index";

/** Routing and fallback through render(), with two provider fakes (fal and Luma) and the Local renderer. */
const KEY = "fallback-key-0123456789";
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|IMAGE_MODEL|OPENAI_COMPATIBLE|PROVIDER_/.test(k));
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
let fal: ProviderFake;
let luma: ProviderFake;

beforeAll(async () => {
  [fal, luma] = await Promise.all([startFalFake({ apiKey: KEY }), startLumaFake({ apiKey: KEY })]);
});
afterAll(async () => {
  await Promise.all([fal.close(), luma.close()]);
});
beforeEach(() => {
  for (const k of VARS) delete process.env[k];
  fal.reset();
  luma.reset();
  Object.assign(process.env, { LOUPE_PROVIDER_MAX_RETRIES: "0", FAL_KEY: KEY, FAL_BASE_URL: fal.url, LUMA_API_KEY: KEY, LUMA_BASE_URL: luma.url });
});
afterEach(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const params = (input: Record<string, unknown>) => generationParamsSchema.parse(input);

describe("render under Auto", () => {
  it("routes with a stated reason", async () => {
    const result = await render({ prompt: "a fox in the snow", params: params({ providerId: "auto" }) });
    expect(result).toMatchObject({ providerId: "fal", model: "fal-ai/flux-pro/v1.1", notes: [] });
    expect(result.routeReason).toBe("best quality for the price (fal · fal-ai/flux-pro/v1.1)");
    expect(result.costUsd).toBe(0.04);
  });

  it("falls back to the next provider on a server error, and notes it", async () => {
    fal.failNext(503);
    const result = await render({ prompt: "a fox in the snow", params: params({ providerId: "auto" }) });
    expect(result).toMatchObject({ providerId: "luma", model: "photon-1" });
    expect(result.notes).toEqual(["fell back from fal to Luma: error 503"]);
    expect(result.routeReason).toMatch(/fal/);
  });

  it("ends with the Local renderer when every remote provider fails", async () => {
    process.env.LOUPE_PROVIDER_TIMEOUT_MS = "200";
    fal.setLatency(1_000);
    luma.failNext(401);
    const result = await render({ prompt: "a fox in the snow", params: params({ providerId: "auto" }) });
    expect(result.providerId).toBe("local");
    expect(result.notes).toEqual(["fell back from fal to Luma: timeout", "fell back from Luma to Local renderer: API key rejected"]);
  });
});

describe("render with an explicit provider", () => {
  it("falls back among remote providers only, and reports every failure when all fail", async () => {
    fal.failNext(500);
    luma.failNext(500);
    const error = await render({ prompt: "a fox", params: params({ providerId: "fal" }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).message).toMatch(/^fal answered 500.*Fallbacks failed too: Luma answered 500/);
  });

  it("notes an auth failure it fell back from", async () => {
    process.env.FAL_KEY = "wrong-key-0000000000";
    const result = await render({ prompt: "a fox", params: params({ providerId: "fal" }) });
    expect(result.providerId).toBe("luma");
    expect(result.notes).toEqual(["fell back from fal to Luma: API key rejected"]);
  });

  it("stops at once when the designer cancels", async () => {
    fal.setLatency(2_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await expect(render({ prompt: "a fox", params: params({ providerId: "auto" }), signal: controller.signal })).rejects.toMatchObject({ message: "The render was cancelled." });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(luma.requests).toHaveLength(0);
  });
});
