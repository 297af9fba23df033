import { describe, expect, it } from "vitest";
import { cacheShareOf } from "@/lib/schemas/critique";
import { costOfUsage } from "../pricing";
import { minCacheableTokens, UNKNOWN_MODEL_MIN_CACHEABLE } from "@/lib/schemas/claude-cache-minimums";
import { claudeImageSize, imageTokens, MAX_IMAGE_TOKENS, textTokens } from "@/lib/schemas/claude-image-tokens";

describe("minimum cacheable prefix, by model family", () => {
  it("knows the configured models and errs high for the unknown", () => {
    expect(minCacheableTokens("claude-sonnet-5-5")).toBe(512);
    expect(minCacheableTokens("claude-sonnet-5")).toBe(1024);
    expect(minCacheableTokens("claude-haiku-5-5")).toBe(4096);
    expect(minCacheableTokens("claude-opus-5")).toBe(512);
    expect(minCacheableTokens("claude-sonnet-4-6")).toBe(2048);
    expect(minCacheableTokens("claude-sonnet-4-5-20250929")).toBe(1024);
    expect(minCacheableTokens("claude-haiku-4-5-20251001")).toBe(4096);
    expect(minCacheableTokens("claude-3-5-haiku-20241022")).toBe(2048);
    expect(minCacheableTokens("some-gateway-model")).toBe(UNKNOWN_MODEL_MIN_CACHEABLE);
  });
});

describe("token arithmetic", () => {
  it("prices an image at w·h/750 at the size Claude reads it", () => {
    expect(imageTokens({ width: 1024, height: 1024 })).toBe(Math.ceil((1024 * 1024) / 750));
    // Scaled to ≤ 1568 px and ≤ 1.15 megapixels first.
    const read = claudeImageSize({ width: 4000, height: 3000 });
    expect(Math.max(read.width, read.height)).toBeLessThanOrEqual(1568);
    expect(read.width * read.height).toBeLessThanOrEqual(1.15 * 1024 * 1024);
    expect(imageTokens({ width: 4000, height: 3000 })).toBeLessThanOrEqual(MAX_IMAGE_TOKENS);
    expect(imageTokens({ width: 200, height: 200 })).toBe(54);
  });

  it("counts Han characters one a token and Latin text by the ratio", () => {
    expect(textTokens("abcdefghijkl", 3)).toBe(4);
    expect(textTokens("abcdefghijkl", 4)).toBe(3);
    expect(textTokens("月满中秋", 4)).toBe(4);
  });
});

describe("cache share and the price of cache writes", () => {
  it("is the share of input read from the cache", () => {
    expect(cacheShareOf({ inputTokens: 4000, cachedTokens: 3000 })).toBe(0.75);
    expect(cacheShareOf({ inputTokens: 0, cachedTokens: 0 })).toBe(0);
  });

  it("charges a 5-minute cache write at 1.25× the input price, a read at a tenth", () => {
    const written = costOfUsage({ usage: { inputTokens: 10_000, outputTokens: 0, cachedTokens: 0, cacheWriteTokens: 10_000 }, model: "claude-sonnet-4-5", engine: "claude" });
    const read = costOfUsage({ usage: { inputTokens: 10_000, outputTokens: 0, cachedTokens: 10_000 }, model: "claude-sonnet-4-5", engine: "claude" });
    const plain = costOfUsage({ usage: { inputTokens: 10_000, outputTokens: 0, cachedTokens: 0 }, model: "claude-sonnet-4-5", engine: "claude" });
    expect(written).toBeCloseTo(plain * 1.25, 6);
    expect(read).toBeCloseTo(plain / 10, 6);
  });
});
