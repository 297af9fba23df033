import { describe, expect, it } from "vitest";
import { bestRound, defaultAutoSettings, iterationScore, stopReason, type RoundResult } from "./auto-iterate";

const round = (n: number, score: number | null, costUsd = 0): RoundResult => ({ round: n, iterationId: `it-${n}`, score, costUsd });
const settings = { ...defaultAutoSettings, rounds: 5, targetScore: 9 };

describe("best-pick", () => {
  it("picks the highest score across rounds, the earliest on a tie, and skips unscored rounds", () => {
    expect(bestRound([round(1, 6.2), round(2, 7.9), round(3, 7.1)])?.iterationId).toBe("it-2");
    expect(bestRound([round(1, 7), round(2, 7)])?.iterationId).toBe("it-1");
    expect(bestRound([round(1, null), round(2, 5)])?.iterationId).toBe("it-2");
    expect(bestRound([round(1, null)])).toBeNull();
  });

  it("scores an iteration by its best variant", () => {
    const critique = (overall: number) => ({ result: { overall } }) as never;
    expect(iterationScore({ critiques: [critique(6), critique(8.1)] })).toBe(8.1);
    expect(iterationScore({ critiques: [] })).toBeNull();
  });
});

describe("stop rule", () => {
  it("keeps going while rounds remain and nothing else applies", () => {
    expect(stopReason({ settings, results: [] })).toBeNull();
    expect(stopReason({ settings, results: [round(1, 5), round(2, 6)] })).toBeNull();
  });

  it("stops when the target is reached", () => {
    expect(stopReason({ settings, results: [round(1, 5), round(2, 9.1)] })).toBe("target");
  });

  it("stops after two rounds without improvement, only when asked to", () => {
    const flat = [round(1, 7), round(2, 6.5), round(3, 7)];
    expect(stopReason({ settings, results: flat })).toBe("plateau");
    expect(stopReason({ settings: { ...settings, stopOnPlateau: false }, results: flat })).toBeNull();
    expect(stopReason({ settings, results: [round(1, 7), round(2, 6.5), round(3, 7.2)] })).toBeNull();
  });

  it("stops before a round would go over the budget", () => {
    const budget = { ...settings, budgetUsd: 0.1 };
    expect(stopReason({ settings: budget, results: [round(1, 5, 0.04)] })).toBeNull();
    expect(stopReason({ settings: budget, results: [round(1, 5, 0.04), round(2, 6, 0.04)] })).toBe("budget");
    expect(stopReason({ settings: { ...settings, budgetUsd: 0 }, results: [] })).toBe("budget");
  });

  it("stops when every round ran; round 0 (the starting iteration) does not count", () => {
    const three = { ...settings, rounds: 3 };
    expect(stopReason({ settings: three, results: [round(0, 4), round(1, 5), round(2, 6)] })).toBeNull();
    expect(stopReason({ settings: three, results: [round(0, 4), round(1, 5), round(2, 6), round(3, 6.5)] })).toBe("rounds");
  });
});
