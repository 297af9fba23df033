import { describe, expect, it } from "vitest";
import { translator } from "./dictionaries";
import { errorText, negotiateLocale, plural } from "./index";
import { en } from "./messages/en";
import { zhCN } from "./messages/zh-CN";

describe("negotiateLocale", () => {
  it("follows the browser's ranking", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("en-GB,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR;q=1, zh-TW;q=0.7, en;q=0.5")).toBe("zh-CN");
    expect(negotiateLocale("en;q=0.2, zh-Hans;q=0.9")).toBe("zh-CN");
  });

  it("falls back to English", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("de-DE, fr")).toBe("en");
    expect(negotiateLocale("zh;q=0, de")).toBe("en");
  });
});

describe("dictionaries", () => {
  it("Chinese has exactly the English keys, with the same placeholders", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect([key, names(zhCN[key])]).toEqual([key, names(en[key])]);
  });

  it("every Chinese message is written in Chinese unless it is a name or an example", () => {
    const untranslated = (Object.keys(en) as Array<keyof typeof en>).filter(
      (key) => zhCN[key] === en[key] && !key.startsWith("empty.example") && !/\{|Claude|%/.test(en[key]),
    );
    expect(untranslated).toEqual([]);
  });
});

describe("translator", () => {
  it("fills values and formats numbers for the locale", () => {
    expect(translator("en")("prompt.count", { count: 1234, max: 4000 })).toBe("1,234 / 4,000");
    expect(translator("zh-CN")("announce.critiqueReady", { score: "7.5" })).toBe("评审完成：7.5/10。");
  });

  it("picks singular and plural", () => {
    const t = translator("en");
    expect(plural(t, "projects.iterations", 1)).toBe("1 iteration");
    expect(plural(t, "projects.iterations", 3)).toBe("3 iterations");
  });
});

describe("errorText", () => {
  const error = { code: "provider_timeout" as const, message: "The image provider took too long to answer.", retryable: true };
  it("keeps the server's sentence in English and translates the code otherwise", () => {
    expect(errorText({ t: translator("en"), locale: "en", error })).toBe(error.message);
    expect(errorText({ t: translator("zh-CN"), locale: "zh-CN", error })).toBe("图像服务响应超时。");
  });

  it("adds when to retry, and falls back to the server's sentence for an unknown code", () => {
    const t = translator("zh-CN");
    expect(errorText({ t, locale: "zh-CN", error: { ...error, code: "rate_limited", retryAfterSeconds: 30 } })).toBe("请求过于频繁，请稍后再试。 请在 30 秒后重试。");
    expect(errorText({ t, locale: "zh-CN", error: { ...error, code: "too_many_jobs", retryAfterSeconds: 300 } })).toBe("你已有多个渲染或评审正在进行。请等其中一个完成后再试。 请在 5 分钟后重试。");
    expect(errorText({ t, locale: "zh-CN", error: { ...error, code: "budget_exhausted", retryAfterSeconds: 3 * 3600 + 5 } })).toBe("此工作室今天的 AI 预算已用完。付费渲染和 Claude 调用将在 UTC 午夜后恢复。 请在约 4 小时后重试。");
    const unknown = { code: "budget_exceeded", message: "Daily budget reached.", retryable: false } as unknown as typeof error;
    expect(errorText({ t, locale: "zh-CN", error: unknown })).toBe("Daily budget reached.");
  });
});
