import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/translate";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { describeFigures, formatListPrice, formatMs } from "./format";

describe("price and time labels", () => {
  it("keeps the significant digits of small per-image prices", () => {
    expect(formatListPrice(0.025)).toBe("$0.025");
    expect(formatListPrice(0.0027)).toBe("$0.0027");
    expect(formatListPrice(0.1)).toBe("$0.1");
    expect(formatListPrice(0)).toBe("free");
    expect(formatListPrice(null)).toBe("price unknown");
  });

  it("describes a provider by its typical latency and price per image", () => {
    const t = createTranslator({ locale: "en", messages: en });
    expect(describeFigures({ latencySeconds: 5, priceUsd: 0.025 }, t)).toBe("~5 s · $0.025/image");
    expect(describeFigures({ latencySeconds: 1, priceUsd: 0 }, t)).toBe("~1 s · free");
    expect(describeFigures({ latencySeconds: 20, priceUsd: null }, t)).toBe("~20 s · price unknown");
    const zh = createTranslator({ locale: "zh-CN", messages: zhCN });
    expect(describeFigures({ latencySeconds: 5, priceUsd: 0.025 }, zh)).toBe("约 5 秒 · $0.025/张");
    expect(describeFigures({ latencySeconds: 1, priceUsd: 0 }, zh)).toBe("约 1 秒 · 免费");
  });

  it("formats a call's time", () => {
    expect([formatMs(850), formatMs(2_430), formatMs(14_200)]).toEqual(["850 ms", "2.4 s", "14 s"]);
  });
});
