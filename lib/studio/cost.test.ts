import { describe, expect, it } from "vitest";
import { formatUsd, projectCachedTokens, projectCostUsd } from "./cost";

const cost = (totalUsd: number, cachedTokens = 0) => ({
  cost: { totalUsd, refineUsd: 0, imageUsd: 0, critiqueUsd: 0, reviseUsd: 0, tokens: { inputTokens: 0, outputTokens: 0, cachedTokens } },
});

describe("cost", () => {
  it("sums a project without float noise and formats it for people", () => {
    const total = projectCostUsd({ iterations: [cost(0.1), cost(0.2), cost(0.000123)], extraUsd: 0.01 });
    expect(total).toBe(0.310123);
    expect(formatUsd(total)).toBe("$0.31");
    expect(formatUsd(0.000123)).toBe("$0.0001");
    expect(formatUsd(0)).toBe("$0.00");
    expect(projectCachedTokens([cost(0, 2048), cost(0, 100)])).toBe(2148);
  });
});
