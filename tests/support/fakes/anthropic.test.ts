import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { critiqueSchema } from "@/lib/schemas/critique";
import { startAnthropicFake, type AnthropicFake } from "./anthropic";

/** Speaks to the fake with plain fetch, the way the API is documented, not through the SDK. */
const KEY = "sk-ant-fake-test";
let fake: AnthropicFake;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY, minCacheableTokens: 20 });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const headers = { "content-type": "application/json", "x-api-key": KEY, "anthropic-version": "2023-06-01" };
const basic = { model: "claude-haiku-5-5", max_tokens: 200, messages: [{ role: "user", content: "<draft>a red kite</draft>" }] };

function post(body: unknown, extra: Record<string, string | undefined> = {}) {
  const all = Object.fromEntries(Object.entries({ ...headers, ...extra }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return fetch(`${fake.url}/v1/messages`, { method: "POST", headers: all, body: JSON.stringify(body) });
}

async function expectError(response: Response, status: number, type: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { type: string; error: { type: string; message: string }; request_id: string };
  expect(body.type).toBe("error");
  expect(body.error.type).toBe(type);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.request_id).toMatch(/^req_/);
  return body;
}

function sseEvents(text: string) {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((chunk) => {
      const event = /^event: (.+)$/m.exec(chunk)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(chunk)?.[1] ?? "null") as Record<string, unknown>;
      return { event, data };
    });
}

async function image(width: number, height: number, colour = "#202020") {
  const png = await sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
  return { type: "image", source: { type: "base64", media_type: "image/png", data: png.toString("base64") } };
}

const critiqueSchemaJson = {
  type: "object",
  properties: { overall: { type: "number" } },
  required: ["overall"],
  additionalProperties: false,
};

describe("Anthropic fake: request checks", () => {
  it("accepts x-api-key or Authorization: Bearer and rejects anything else with authentication_error", async () => {
    expect((await post(basic)).status).toBe(200);
    expect((await post(basic, { "x-api-key": undefined, authorization: `Bearer ${KEY}` })).status).toBe(200);
    await expectError(await post(basic, { "x-api-key": "sk-ant-other" }), 401, "authentication_error");
    await expectError(await post(basic, { "x-api-key": undefined }), 401, "authentication_error");
  });

  it("requires the version header and the required fields", async () => {
    await expectError(await post(basic, { "anthropic-version": undefined }), 400, "invalid_request_error");
    for (const field of ["model", "max_tokens", "messages"]) {
      const body = { ...basic } as Record<string, unknown>;
      delete body[field];
      const error = await expectError(await post(body), 400, "invalid_request_error");
      expect(error.error.message).toContain(field);
    }
    await expectError(await post({ ...basic, messages: [] }), 400, "invalid_request_error");
  });

  it("rejects sampling parameters like API version 2026-10-21", async () => {
    for (const param of ["temperature", "top_p", "top_k"]) {
      const error = await expectError(await post({ ...basic, [param]: 0.5 }), 400, "invalid_request_error");
      expect(error.error.message).toContain(param);
    }
  });

  it("rejects JSON-schema keywords structured output does not support", async () => {
    const withBounds = { ...critiqueSchemaJson, properties: { overall: { type: "number", minimum: 0, maximum: 10 } } };
    const bounds = await expectError(await post({ ...basic, output_config: { format: { type: "json_schema", schema: withBounds } } }), 400, "invalid_request_error");
    expect(bounds.error.message).toContain("minimum");
    const open = { type: "object", properties: { overall: { type: "number" } }, required: ["overall"] };
    await expectError(await post({ ...basic, output_config: { format: { type: "json_schema", schema: open } } }), 400, "invalid_request_error");
    const many = { ...critiqueSchemaJson, properties: { tags: { type: "array", items: { type: "string" }, minItems: 2 } } };
    await expectError(await post({ ...basic, output_config: { format: { type: "json_schema", schema: many } } }), 400, "invalid_request_error");
  });

  it("checks images like the real API: media type, 5 MB, 8000 px", async () => {
    const ok = await image(64, 64);
    const wrongType = { ...ok, source: { ...ok.source, media_type: "image/jpeg" } };
    await expectError(await post({ ...basic, messages: [{ role: "user", content: [wrongType, { type: "text", text: "hi" }] }] }), 400, "invalid_request_error");
    const huge = await image(8001, 8);
    await expectError(await post({ ...basic, messages: [{ role: "user", content: [huge, { type: "text", text: "hi" }] }] }), 400, "invalid_request_error");
  });
});

describe("Anthropic fake: answers", () => {
  it("answers JSON in the Messages shape, with usage", async () => {
    const response = await post(basic);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "message", role: "assistant", model: "claude-haiku-5-5", stop_reason: "end_turn", stop_sequence: null });
    expect(body.id).toMatch(/^msg_/);
    expect(body.content).toEqual([expect.objectContaining({ type: "text", text: expect.stringContaining("a red kite") })]);
    expect(body.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number), cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });

  it("streams the real SSE event sequence", async () => {
    const response = await post({ ...basic, stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = sseEvents(await response.text());
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(names.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    const deltas = events.filter((e) => e.event === "content_block_delta");
    expect(deltas.length).toBeGreaterThan(3);
    expect(names.slice(3, 3 + deltas.length).every((n) => n === "content_block_delta")).toBe(true);
    for (const e of events) expect(e.data.type).toBe(e.event);
    const text = deltas.map((e) => (e.data.delta as { text: string }).text).join("");
    expect(text).toContain("a red kite");
    const messageDelta = events.find((e) => e.event === "message_delta")!.data;
    expect(messageDelta).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: deltas.length } });
  });

  it("stops at max_tokens and says so", async () => {
    const body = (await (await post({ ...basic, max_tokens: 3 })).json()) as { stop_reason: string; usage: { output_tokens: number } };
    expect(body.stop_reason).toBe("max_tokens");
    expect(body.usage.output_tokens).toBe(3);
  });

  it("returns a critique that follows the prompt and the image for structured-output requests", async () => {
    const ask = async (prompt: string, img: unknown) => {
      const response = await post({
        ...basic,
        max_tokens: 2000,
        output_config: { format: { type: "json_schema", schema: critiqueSchemaJson } },
        messages: [{ role: "user", content: [img, { type: "text", text: `<prompt>\n${prompt}\n</prompt>` }] }],
      });
      const body = (await response.json()) as { content: Array<{ text: string }> };
      return critiqueSchema.parse(JSON.parse(body.content[0]!.text));
    };
    const dark = await ask('poster, headline "Night Swim", square', await image(640, 480, "#101010"));
    const light = await ask("a calm lake", await image(512, 512, "#d8d8d8"));
    expect(dark.issues.map((i) => i.id)).toEqual(expect.arrayContaining(["underexposed", "headline-small", "not-square"]));
    expect(light.issues.map((i) => i.id)).not.toContain("underexposed");
    expect(dark.overall).toBeLessThan(light.overall);
    expect(dark.revisedPrompt).toContain("Night Swim");
  });

  it("answers a forced tool with a tool_use block", async () => {
    const response = await post({
      ...basic,
      max_tokens: 2000,
      tools: [{ name: "record_critique", input_schema: critiqueSchemaJson }],
      tool_choice: { type: "tool", name: "record_critique" },
      messages: [{ role: "user", content: [await image(300, 300), { type: "text", text: "<prompt>a fox</prompt>" }] }],
    });
    const body = (await response.json()) as { stop_reason: string; content: Array<{ type: string; name: string; input: unknown }> };
    expect(body.stop_reason).toBe("tool_use");
    expect(body.content[0]).toMatchObject({ type: "tool_use", name: "record_critique" });
    expect(critiqueSchema.safeParse(body.content[0]!.input).success).toBe(true);
  });

  it("caches a system prompt marked ephemeral: written once, then read", async () => {
    const system = [{ type: "text", text: "You are a careful art director. ".repeat(20), cache_control: { type: "ephemeral" } }];
    const first = (await (await post({ ...basic, system })).json()) as { usage: Record<string, number> };
    const second = (await (await post({ ...basic, system })).json()) as { usage: Record<string, number> };
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });
});

describe("Anthropic fake: scripted faults", () => {
  it("fails the next N requests of one kind with real error bodies", async () => {
    fake.failNext({ status: 529, count: 2, kind: "critique" });
    const critiqueBody = {
      ...basic,
      messages: [{ role: "user", content: [await image(32, 32), { type: "text", text: "<prompt>x</prompt>" }] }],
      output_config: { format: { type: "json_schema", schema: critiqueSchemaJson } },
    };
    expect((await post({ ...basic, stream: true })).status).toBe(200);
    await expectError(await post(critiqueBody), 529, "overloaded_error");
    await expectError(await post(critiqueBody), 529, "overloaded_error");
    expect((await post(critiqueBody)).status).toBe(200);
    expect(fake.requests.map((r) => [r.kind, r.status])).toEqual([
      ["refine", 200],
      ["critique", 529],
      ["critique", 529],
      ["critique", 200],
    ]);
  });

  it("sends retry-after with 429 rate_limit_error", async () => {
    fake.failNext({ status: 429, retryAfter: 12 });
    const response = await post(basic);
    expect(response.headers.get("retry-after")).toBe("12");
    await expectError(response, 429, "rate_limit_error");
  });

  it("can fail in the middle of a stream with an error event", async () => {
    fake.failNext({ status: 529, midStream: true });
    const events = sseEvents(await (await post({ ...basic, stream: true })).text());
    expect(events.at(-1)).toMatchObject({ event: "error", data: { type: "error", error: { type: "overloaded_error" } } });
    expect(events.map((e) => e.event)).not.toContain("message_stop");
  });

  it("hangs without answering until the caller gives up", async () => {
    fake.failNext({ mode: "hang" });
    const started = performance.now();
    const outcome = await fetch(`${fake.url}/v1/messages`, { method: "POST", headers, body: JSON.stringify(basic), signal: AbortSignal.timeout(300) }).then(
      () => "answered",
      (e: unknown) => (e as Error).name,
    );
    expect(outcome).toBe("TimeoutError");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.requests.at(-1)?.status).toBe(0);
  });

  it("resets the connection before a JSON answer and halfway through a stream", async () => {
    fake.failNext({ mode: "reset", count: 2 });
    await expect(post(basic)).rejects.toThrow(TypeError);
    const stream = await post({ ...basic, stream: true });
    expect(stream.status).toBe(200);
    await expect(stream.text()).rejects.toThrow();
  });

  it("draws seeded random faults: the same seed gives the same outcomes", async () => {
    const run = async () => {
      fake.reset();
      fake.setChaos({ seed: 42, statuses: { 529: 0.3, 429: 0.1 }, retryAfter: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) {
        const response = await post(basic);
        if (response.status === 429) expect(response.headers.get("retry-after")).toBe("2");
        if (response.status === 529) await expectError(response, 529, "overloaded_error");
        else await response.arrayBuffer();
        statuses.push(response.status);
      }
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const overloaded = first.filter((s) => s === 529).length;
    expect(overloaded).toBeGreaterThan(4);
    expect(overloaded).toBeLessThan(20);
    expect(first).toContain(429);
    expect(first).toContain(200);
  });

  it("delays the first token and each token when asked", async () => {
    fake.setLatency({ firstTokenMs: 250 });
    const started = performance.now();
    await (await post(basic)).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("takes the same scripting over HTTP from another process", async () => {
    const control = await fetch(`${fake.url}/__control`, { method: "POST", body: JSON.stringify({ failNext: { status: 529, kind: "refine" } }) });
    expect(control.status).toBe(200);
    await expectError(await post({ ...basic, stream: true }), 529, "overloaded_error");
    expect((await post({ ...basic, stream: true })).status).toBe(200);
    const log = (await (await fetch(`${fake.url}/__control`)).json()) as { requests: Array<{ kind: string; status: number }> };
    expect(log.requests.map((r) => r.status)).toEqual([529, 200]);
    await fetch(`${fake.url}/__control`, { method: "POST", body: JSON.stringify({ reset: true }) });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Anthropic fake: conversations about an image", () => {
  const chart = () => readFileSync(path.join(process.cwd(), "tests/support/fixtures/quarterly-sales-chart.png")).toString("base64");
  const system = [{ type: "text", text: "You read images for designers. ".repeat(10), cache_control: { type: "ephemeral" } }];
  const summaryTurn = (data: string) => ({
    role: "user",
    content: [
      { type: "image", source: { type: "base64", media_type: "image/png", data } },
      { type: "text", text: "Summarise the key information of this image. Write in English.", cache_control: { type: "ephemeral" } },
    ],
  });

  it("reads the text of the image it is sent, streams the summary and answers a follow-up with the image in context", async () => {
    const data = chart();
    const first = await post({ ...basic, max_tokens: 1000, system, stream: true, messages: [summaryTurn(data)] });
    const stream = await first.text();
    const summary = [...stream.matchAll(/"text_delta","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string).join("");
    for (const number of ["120", "340", "275", "410"]) expect(summary).toContain(number);
    expect(summary).toContain("Quarterly sales 2026");
    expect(fake.requests.at(-1)!.kind).toBe("read");
    const start = JSON.parse(/event: message_start\ndata: (.*)\n/.exec(stream)![1]!) as { message: { usage: Record<string, number> } };
    // The system prompt alone is short; with the image the prefix is long enough to be written to the cache.
    expect(start.message.usage.cache_creation_input_tokens).toBeGreaterThan(500);
    expect(start.message.usage.cache_read_input_tokens).toBe(0);

    const followUp = {
      ...basic,
      max_tokens: 1000,
      system,
      messages: [
        { ...summaryTurn(data) },
        { role: "assistant", content: summary },
        { role: "user", content: [{ type: "text", text: "<question>\nWhat are the sales in 2026?\n</question>", cache_control: { type: "ephemeral" } }] },
      ],
    };
    const answer = (await (await post(followUp)).json()) as { content: Array<{ text: string }>; usage: Record<string, number> };
    expect(answer.content[0]!.text).toContain("Quarterly sales 2026");
    // The image and the summary request come from the cache; only the new turns are written.
    expect(answer.usage.cache_read_input_tokens).toBe(start.message.usage.cache_creation_input_tokens);
    expect(answer.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(answer.usage.cache_creation_input_tokens).toBeLessThan(answer.usage.cache_read_input_tokens!);
  });

  it("declines with stop_reason refusal when told to", async () => {
    fake.answerNext({ text: "I can't help with that image.", kind: "read", stopReason: "refusal" });
    const body = (await (await post({ ...basic, system, messages: [summaryTurn(chart())] })).json()) as { stop_reason: string };
    expect(body.stop_reason).toBe("refusal");
  });
});
