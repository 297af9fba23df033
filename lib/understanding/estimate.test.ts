import { describe, expect, it } from "vitest";
import { estimateUnderstandingUsd } from "./estimate";
import type { EngineInfo } from "./types";

const claude: EngineInfo = { kind: "claude", label: "Claude", refineModel: "claude-haiku-5-5", critiqueModel: "claude-sonnet-5-5" };
const offline: EngineInfo = { kind: "offline", label: "Offline", refineModel: "offline", critiqueModel: "offline" };

describe("estimateUnderstandingUsd", () => {
  it("is zero for the Offline engine", () => {
    expect(estimateUnderstandingUsd({ engine: offline, call: "critique", textChars: 4000, images: 2 })).toBe(0);
  });

  it("prices a critique at its model's rate with every output token it may write", () => {
    const usd = estimateUnderstandingUsd({ engine: claude, call: "critique", textChars: 0, images: 1 });
    // Sonnet: $3 in, $15 out per million; 4,096 output tokens alone are ~$0.061.
    expect(usd).toBeGreaterThan(0.061);
    expect(usd).toBeLessThan(0.1);
  });

  it("grows with the text and images sent", () => {
    const small = estimateUnderstandingUsd({ engine: claude, call: "revise", textChars: 100 });
    const large = estimateUnderstandingUsd({ engine: claude, call: "revise", textChars: 10_000, images: 1 });
    expect(large).toBeGreaterThan(small);
  });
});
