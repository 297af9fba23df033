import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "@/tests/support/fakes/anthropic";
import { LoupeError } from "@/lib/errors";
import { createClaudeEngine } from "./claude";
import { createOfflineEngine } from "./offline";
import type { DiscussImageEvent, ImageTurn } from "./types";

const KEY = "sk-ant-test-image-talk";
const chart = { bytes: new Uint8Array(readFileSync(path.join(process.cwd(), "tests/support/fixtures/quarterly-sales-chart.png"))), mediaType: "image/png" };
const brief = { bytes: new Uint8Array(readFileSync(path.join(process.cwd(), "tests/support/fixtures/chinese-sales-brief.png"))), mediaType: "image/png" };
let fake: AnthropicFake;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const claude = () =>
  createClaudeEngine({ apiKey: KEY, baseURL: fake.url, auth: "bearer", refineModel: "claude-haiku-5-5", critiqueModel: "claude-sonnet-5-5", timeoutMs: 20_000, maxRetries: 0 });

async function answer(events: AsyncGenerator<DiscussImageEvent>) {
  let streamed = "";
  for await (const event of events) {
    if (event.type === "delta") streamed += event.text;
    else return { ...event, streamed };
  }
  throw new Error("no done event");
}

describe("Claude engine: discussing an image", () => {
  it("streams a summary with the chart's numbers, then answers a follow-up with the image and summary read from the cache", async () => {
    const engine = claude();
    const summary = await answer(engine.discussImage({ image: chart, turns: [], question: null, language: "en" }));
    expect(summary.streamed).toBe(summary.text);
    for (const value of ["120", "340", "275", "410"]) expect(summary.text).toContain(value);
    expect(summary.usage.cachedTokens).toBe(0);
    const turns: ImageTurn[] = [{ question: null, answer: summary.text, language: "en" }];
    const followUp = await answer(engine.discussImage({ image: chart, turns, question: "What were the sales in 2026?", language: "en" }));
    expect(followUp.text).toContain("Quarterly sales 2026");
    // Most of the follow-up's input (the system prompt and the image) came from the cache.
    expect(followUp.usage.cachedTokens).toBeGreaterThan(followUp.usage.inputTokens / 2);
    const body = fake.requests.at(-1)!.body as { messages: unknown[]; stream: boolean };
    expect(body.stream).toBe(true);
    expect(body.messages).toHaveLength(3);
  });

  it("turns a refusal into a clear error", async () => {
    fake.answerNext({ text: "I won't describe this.", kind: "read", stopReason: "refusal" });
    const error = await answer(claude().discussImage({ image: chart, turns: [], question: null, language: "en" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).message).toContain("Claude declined to describe this image");
  });
});

describe("Offline engine: discussing an image", () => {
  const offline = createOfflineEngine({ chunkDelayMs: 0 });

  it("says what pixels and offline text reading can: size, palette, the text verbatim and its numbers, and that it is not Claude", async () => {
    const { text, usage, model } = await answer(offline.discussImage({ image: chart, turns: [], question: null, language: "en" }));
    expect(text).toContain("800×500 px");
    expect(text).toContain('"Quarterly sales 2026 (units)"');
    expect(text).toMatch(/Numbers: .*2026.*410.*340.*275.*120/);
    expect(text).toMatch(/Palette: white \d+%, blue \d+%/);
    expect(text).toContain("does not recognise objects");
    expect(usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
    expect(model).toBe("offline-heuristics-v1");
  });

  it("reads Chinese text offline and writes the Chinese UI's summary in Chinese", async () => {
    const { text } = await answer(offline.discussImage({ image: brief, turns: [], question: null, language: "zh" }));
    expect(text).toContain("这是什么");
    expect(text).toContain("第一季度 120");
    expect(text).toContain("同比增长 18%");
  });

  it("answers a follow-up from what it measured, in the question's language, and says it cannot understand questions", async () => {
    const turns: ImageTurn[] = [{ question: null, answer: "…", language: "zh" }];
    const { text } = await answer(offline.discussImage({ image: chart, turns, question: "What colours does it use?", language: "zh" }));
    expect(text).toContain("cannot understand questions");
    expect(text).toMatch(/Its palette: white/);
  });
});
