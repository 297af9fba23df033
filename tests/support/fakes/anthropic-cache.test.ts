import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "./anthropic";

/**
 * The fake's prompt cache and counting, spoken to with plain fetch as the API is documented:
 * per-model minimums, the TTL, keys by the exact prefix, the four-breakpoint limit, count_tokens,
 * and thinking.
 */
const KEY = "sk-ant-fake-cache";
let fake: AnthropicFake;

beforeAll(async () => {
  // No minCacheableTokens override: each model's own minimum applies.
  fake = await startAnthropicFake({ apiKey: KEY });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const headers = { "content-type": "application/json", "x-api-key": KEY, "anthropic-version": "2023-06-01" };
type Usage = { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number; output_tokens_details?: { thinking_tokens: number } };

async function post(body: unknown, path = "/v1/messages") {
  return fetch(`${fake.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

async function usage(body: unknown): Promise<Usage> {
  const response = await post(body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { usage: Usage }).usage;
}

/** A system prompt of about `tokens` tokens at the fake's 4 characters a token. */
const systemOf = (tokens: number, word = "Loupe ") => [{ type: "text", text: word.repeat(Math.ceil((tokens * 4) / word.length)), cache_control: { type: "ephemeral" } }];
const request = (model: string, system: unknown, extra: Record<string, unknown> = {}) => ({ model, max_tokens: 300, system, messages: [{ role: "user", content: "<draft>a kite</draft>" }], ...extra });

describe("Anthropic fake: the prompt cache", () => {
  it("writes nothing below the model's minimum and caches above it (Haiku 5.5: 4,096; Sonnet 5.5: 512)", async () => {
    const short = await usage(request("claude-haiku-5-5", systemOf(3000)));
    const again = await usage(request("claude-haiku-5-5", systemOf(3000)));
    expect(short.cache_creation_input_tokens).toBe(0);
    expect(again.cache_read_input_tokens).toBe(0);

    const long = await usage(request("claude-haiku-5-5", systemOf(4200)));
    expect(long.cache_creation_input_tokens).toBeGreaterThan(4096);
    // The same 3,000 tokens are plenty for Sonnet 5.5.
    const sonnet = await usage(request("claude-sonnet-5-5", systemOf(3000)));
    expect(sonnet.cache_creation_input_tokens).toBeGreaterThan(2900);
  });

  it("reads an entry only for the exact prefix: model, schema, every byte before the breakpoint", async () => {
    const first = await usage(request("claude-sonnet-5-5", systemOf(1000)));
    expect((await usage(request("claude-sonnet-5-5", systemOf(1000)))).cache_read_input_tokens).toBe(first.cache_creation_input_tokens);
    // One character more: a new prefix, written again.
    const changed = await usage(request("claude-sonnet-5-5", [{ ...systemOf(1000)[0]!, text: `${systemOf(1000)[0]!.text}.` }]));
    expect(changed.cache_read_input_tokens).toBe(0);
    expect(changed.cache_creation_input_tokens).toBeGreaterThan(0);
    // Another model, or an output schema, keys its own entry.
    expect((await usage(request("claude-opus-5", systemOf(1000)))).cache_read_input_tokens).toBe(0);
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false };
    expect((await usage(request("claude-sonnet-5-5", systemOf(1000), { output_config: { format: { type: "json_schema", schema } } }))).cache_read_input_tokens).toBe(0);
  });

  it("reads the longest live prefix and writes only what follows it", async () => {
    const system = systemOf(800);
    const user = (tail: string) => [{ role: "user", content: [{ type: "text", text: "Notes on the model. ".repeat(60), cache_control: { type: "ephemeral" } }, { type: "text", text: tail }] }];
    const first = await usage({ model: "claude-sonnet-5-5", max_tokens: 100, system, messages: user("<prompt>one</prompt>") });
    const second = await usage({ model: "claude-sonnet-5-5", max_tokens: 100, system, messages: user("<prompt>two</prompt>") });
    expect(first.cache_read_input_tokens).toBe(0);
    expect(second.cache_read_input_tokens).toBe(first.cache_creation_input_tokens);
    expect(second.cache_creation_input_tokens).toBe(0);
    // New notes after the system prompt: the system part is read, the notes written.
    const third = await usage({ model: "claude-sonnet-5-5", max_tokens: 100, system, messages: [{ role: "user", content: [{ type: "text", text: "Other notes. ".repeat(60), cache_control: { type: "ephemeral" } }, { type: "text", text: "x" }] }] });
    expect(third.cache_read_input_tokens).toBeGreaterThan(700);
    expect(third.cache_read_input_tokens).toBeLessThan(first.cache_creation_input_tokens);
    expect(third.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it("expires an entry after its TTL (5 minutes, renewed by each read; 1 hour when asked)", async () => {
    const body = request("claude-sonnet-5-5", systemOf(1000));
    await usage(body);
    fake.advanceClock(4 * 60_000);
    expect((await usage(body)).cache_read_input_tokens).toBeGreaterThan(0);
    // The read renewed it: four more minutes are still inside its five.
    fake.advanceClock(4 * 60_000);
    expect((await usage(body)).cache_read_input_tokens).toBeGreaterThan(0);
    fake.advanceClock(5 * 60_000 + 1);
    const expired = await usage(body);
    expect(expired.cache_read_input_tokens).toBe(0);
    expect(expired.cache_creation_input_tokens).toBeGreaterThan(0);

    const hour = request("claude-sonnet-5-5", [{ ...systemOf(1000, "Hour ")[0]!, cache_control: { type: "ephemeral", ttl: "1h" } }]);
    await usage(hour);
    fake.advanceClock(30 * 60_000);
    expect((await usage(hour)).cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("keys message breakpoints by the thinking setting, system breakpoints not", async () => {
    const messages = [{ role: "user", content: [{ type: "text", text: "Reference notes. ".repeat(80), cache_control: { type: "ephemeral" } }, { type: "text", text: "x" }] }];
    const base = { model: "claude-sonnet-5-5", max_tokens: 4000, system: systemOf(600), messages };
    const plain = await usage(base);
    const thinking = await usage({ ...base, thinking: { type: "adaptive" } });
    expect(thinking.cache_read_input_tokens).toBeGreaterThan(500);
    expect(thinking.cache_read_input_tokens).toBeLessThan(plain.cache_creation_input_tokens);
  });

  it("refuses a fifth breakpoint and a 1-hour breakpoint after a 5-minute one", async () => {
    const mark = { type: "ephemeral" };
    const five = Array.from({ length: 5 }, (_, i) => ({ type: "text", text: `block ${i}`, cache_control: mark }));
    const tooMany = await post({ model: "claude-sonnet-5-5", max_tokens: 10, messages: [{ role: "user", content: five }] });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/maximum of 4 blocks with cache_control/);
    const order = await post({ model: "claude-sonnet-5-5", max_tokens: 10, system: [{ type: "text", text: "a", cache_control: mark }, { type: "text", text: "b", cache_control: { type: "ephemeral", ttl: "1h" } }], messages: [{ role: "user", content: "x" }] });
    expect(order.status).toBe(400);
  });
});

describe("Anthropic fake: count_tokens", () => {
  it("counts what the messages endpoint charges, images by w·h/750, and caches nothing", async () => {
    const png = await sharp({ create: { width: 1024, height: 768, channels: 3, background: "#336699" } }).png().toBuffer();
    const body = {
      model: "claude-sonnet-5-5",
      system: systemOf(700),
      messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: png.toString("base64") } }, { type: "text", text: "<prompt>a blue field</prompt>" }] }],
    };
    const counted = await post(body, "/v1/messages/count_tokens");
    expect(counted.status).toBe(200);
    const { input_tokens } = (await counted.json()) as { input_tokens: number };
    expect(fake.cacheEntries()).toBe(0);
    const charged = await usage({ ...body, max_tokens: 200 });
    expect(charged.input_tokens + charged.cache_creation_input_tokens + charged.cache_read_input_tokens).toBe(input_tokens);
    // The image alone: 1024 × 768 / 750.
    const withoutImage = (await (await post({ ...body, messages: [{ role: "user", content: [{ type: "text", text: "<prompt>a blue field</prompt>" }] }] }, "/v1/messages/count_tokens")).json()) as { input_tokens: number };
    expect(input_tokens - withoutImage.input_tokens).toBe(Math.ceil((1024 * 768) / 750));
  });

  it("checks auth and the request like the messages endpoint", async () => {
    const noKey = await fetch(`${fake.url}/v1/messages/count_tokens`, { method: "POST", headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" }, body: "{}" });
    expect(noKey.status).toBe(401);
    expect((await post({ model: "claude-sonnet-5-5" }, "/v1/messages/count_tokens")).status).toBe(400);
  });
});

describe("Anthropic fake: thinking", () => {
  const critique = (thinking: unknown, extra: Record<string, unknown> = {}) => ({ model: "claude-sonnet-5-5", max_tokens: 6000, messages: [{ role: "user", content: "<draft>a kite over the sea</draft>" }], thinking, ...extra });

  it("answers adaptive thinking with a thinking block first and counts its tokens as output", async () => {
    const response = await post(critique({ type: "adaptive", display: "summarized" }, { output_config: { effort: "xhigh" } }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { content: Array<{ type: string; thinking?: string; signature?: string }>; usage: Usage };
    expect(body.content[0]).toMatchObject({ type: "thinking" });
    expect(body.content[0]!.thinking).toContain("a kite over the sea");
    expect(body.content[0]!.signature).toBeTruthy();
    expect(body.content[1]!.type).toBe("text");
    expect(body.usage.output_tokens_details!.thinking_tokens).toBeGreaterThan(1000);
    expect(body.usage.output_tokens).toBeGreaterThan(body.usage.output_tokens_details!.thinking_tokens);
  });

  it("refuses what the model refuses: budgets on Claude 5, disabled on Sonnet 5.5, forced tools with thinking", async () => {
    expect((await post(critique({ type: "enabled", budget_tokens: 2000 }))).status).toBe(400);
    expect((await post(critique({ type: "disabled" }))).status).toBe(400);
    expect((await post(critique({ type: "between_tools" }, { output_config: { effort: "max" } }))).status).toBe(400);
    expect((await post({ ...critique({ type: "enabled", budget_tokens: 2000 }), model: "claude-haiku-4-5" })).status).toBe(200);
    expect((await post({ ...critique({ type: "enabled", budget_tokens: 9000 }), model: "claude-haiku-4-5" })).status).toBe(400);
    const forced = { tools: [{ name: "t", input_schema: { type: "object", properties: {}, additionalProperties: false } }], tool_choice: { type: "tool", name: "t" } };
    expect((await post({ ...critique({ type: "enabled", budget_tokens: 2000 }), model: "claude-haiku-4-5", ...forced })).status).toBe(400);
  });

  it("streams the thinking block before the text", async () => {
    const response = await post({ ...critique({ type: "adaptive" }), stream: true });
    const text = await response.text();
    const starts = [...text.matchAll(/"content_block":\{"type":"(\w+)"/g)].map((m) => m[1]);
    expect(starts).toEqual(["thinking", "text"]);
    expect(text).toContain('"signature_delta"');
    expect(text).toMatch(/"thinking_tokens":\d{3,}/);
  });
});
