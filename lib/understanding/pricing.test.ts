import { describe, expect, it } from "vitest";
import { costOfUsage, priceFor } from "./pricing";

describe("pricing", () => {
  it("prices Claude tokens by model family, with cache reads at a tenth", () => {
    const usage = { inputTokens: 3_000, outputTokens: 1_000, cachedTokens: 2_000 };
    // 1,000 fresh × $3 + 2,000 cached × $0.30 + 1,000 out × $15, per million
    expect(costOfUsage({ usage, model: "claude-sonnet-4-5", engine: "claude" })).toBeCloseTo(0.0186, 6);
    expect(costOfUsage({ usage, model: "claude-haiku-4-5", engine: "claude" })).toBeCloseTo(0.0062, 6);
  });

  it("charges nothing for the Offline engine", () => {
    const usage = { inputTokens: 3_000, outputTokens: 1_000, cachedTokens: 0 };
    expect(costOfUsage({ usage, model: "offline-heuristics-v1", engine: "offline" })).toBe(0);
  });

  it("prices an unknown model as the dearest family so budgets err on the safe side", () => {
    expect(priceFor({ model: "some-gateway-model", engine: "claude" }).inputPerMTok).toBe(15);
    expect(priceFor({ model: "claude-opus-4-5", engine: "claude" }).inputPerMTok).toBe(5);
  });
});
