import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFalFake } from "@/tests/support/fakes/fal";
import { startLumaFake } from "@/tests/support/fakes/luma";
import type { ProviderFake } from "@/tests/support/fakes/provider-fake";
import { envSchema } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { generationParamsSchema } from "@/lib/schemas/params";
import { render } from "./index";
import { saveEnv, setEnv } from "@/tests/support/env";

/** Routing and fallback through render(), with two provider fakes (fal and Luma) and the Local renderer. */
const KEY = "fallback-key-0123456789";
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|IMAGE_MODEL|OPENAI_COMPATIBLE|PROVIDER_/.test(k));
const restore = saveEnv(VARS);
let fal: ProviderFake;
let luma: ProviderFake;

beforeAll(async () => {
  [fal, luma] = await Promise.all([startFalFake({ apiKey: KEY }), startLumaFake({ apiKey: KEY })]);
});
afterAll(async () => {
  await Promise.all([fal.close(), luma.close()]);
});
beforeEach(() => {
  setEnv(Object.fromEntries(VARS.map((k) => [k, undefined])));
  fal.reset();
  luma.reset();
  setEnv({ LOUPE_PROVIDER_MAX_RETRIES: "0", FAL_KEY: KEY, FAL_BASE_URL: fal.url, LUMA_API_KEY: KEY, LUMA_BASE_URL: luma.url });
});
afterEach(restore);

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
    setEnv({ LOUPE_PROVIDER_TIMEOUT_MS: "200" });
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
    setEnv({ FAL_KEY: "wrong-key-0000000000" });
    const result = await render({ prompt: "a fox", params: params({ providerId: "fal" }) });
    expect(result.providerId).toBe("luma");
    expect(result.notes).toEqual(["fell back from fal to Luma: API key rejected"]);
  });

  it("stops at once when the designer cancels", async () => {
    fal.setLatency(2_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const result = await render({ prompt: "a fox", params: params({ providerId: "auto" }), signal: controller.signal });
    expect(result).toMatchObject({ cancelled: true, images: [], requested: 1, notes: [] });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(luma.requests).toHaveLength(0);
  });
});

/** True when every pair of the requests' [arrival, answer] spans overlaps: the calls ran at the same time. */
function allOverlap(requests: Array<{ at: string; endedAt?: string }>): boolean {
  const spans = requests.map((r) => [Date.parse(r.at), Date.parse(r.endedAt!)] as const);
  return spans.every(([start], i) => spans.every(([s, e], j) => i === j || (start <= e && s <= spans[i]![1])));
}

describe("variants", () => {
  it("renders each variant as its own concurrent call and hands each image over as it arrives", async () => {
    fal.setLatency(150);
    const arrived: number[] = [];
    const result = await render({ prompt: "a fox", params: params({ providerId: "fal", n: 4, seed: 7 }), onImage: (image) => void arrived.push(image.index) });
    expect(result.images.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    expect(result.images.map((i) => i.seed)).toEqual([7, 8, 9, 10]);
    expect(arrived.sort()).toEqual([0, 1, 2, 3]);
    const posts = fal.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(4);
    expect(allOverlap(posts)).toBe(true);
    expect(result).toMatchObject({ requested: 4, cancelled: false, costUsd: 0.1 });
    expect(result.images[0]).toMatchObject({ providerId: "fal", model: "fal-ai/flux/dev", costUsd: 0.025, ms: expect.any(Number) });
  });

  it("moves only the failed variants to the fallback provider, and says how many", async () => {
    fal.failNext(503, 2);
    const result = await render({ prompt: "a fox", params: params({ providerId: "fal", n: 4 }) });
    expect(result.images).toHaveLength(4);
    expect(result.images.map((i) => i.providerId).sort()).toEqual(["fal", "fal", "luma", "luma"]);
    expect(result.notes).toEqual(["fell back from fal to Luma for 2 of 4 variants: error 503"]);
  });

  it("keeps the variants that finished when the designer cancels", async () => {
    fal.setLatency([50, 50, 5_000, 5_000]);
    const controller = new AbortController();
    const stored: number[] = [];
    const result = await render({
      prompt: "a fox",
      params: params({ providerId: "fal", n: 4 }),
      signal: controller.signal,
      onImage: (image) => {
        stored.push(image.index);
        if (stored.length === 2) controller.abort();
      },
    });
    expect(result).toMatchObject({ cancelled: true, requested: 4, notes: [] });
    expect(result.images).toHaveLength(2);
    expect(stored).toHaveLength(2);
    expect(luma.requests).toHaveLength(0);
    // The two slow calls were really stopped: the provider saw the connection close.
    await expect.poll(() => fal.requests.filter((r) => r.aborted).length).toBe(2);
  });
});

describe("compare mode", () => {
  it("renders one image per chosen provider at once, each with its own provider, time and price", async () => {
    fal.setLatency(100);
    luma.setLatency(100);
    const result = await render({ prompt: "a fox", params: params({ compare: ["fal", "luma"], seed: 3 }) });
    expect(result.images.map((i) => [i.index, i.providerId, i.model])).toEqual([
      [0, "fal", "fal-ai/flux/dev"],
      [1, "luma", "photon-1"],
    ]);
    expect(result.images[0]).toMatchObject({ seed: 3, costUsd: 0.025 });
    expect(result.images[1]).toMatchObject({ seed: null, costUsd: 0.015 });
    expect(result.routeReason).toBe("chosen by the designer");
    expect(allOverlap([fal.requests.find((r) => r.method === "POST")!, luma.requests.find((r) => r.method === "POST")!])).toBe(true);
  });

  it("does not fall back: a failing column says so and the others stay", async () => {
    luma.failNext(503);
    const result = await render({ prompt: "a fox", params: params({ compare: ["fal", "luma", "local"] }) });
    expect(result.images.map((i) => i.providerId)).toEqual(["fal", "local"]);
    expect(result.notes).toEqual(["Luma failed: Luma answered 503: Service Unavailable"]);
  });

  it("refuses a provider that is not configured", async () => {
    await expect(render({ prompt: "a fox", params: params({ compare: ["fal", "openai"] }) })).rejects.toMatchObject({ code: "provider_unavailable" });
  });
});
