import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "@/tests/support/fakes/anthropic";
import { LoupeError } from "@/lib/errors";
import { critiqueSchema, type Critique } from "@/lib/schemas/critique";
import { createClaudeEngine, type ClaudeEngineOptions } from "./claude";
import { CLAUDE_MAX_EDGE } from "./claude-image";
import { HANDBOOK } from "./caching/handbook";
import { REFINE_SYSTEM_PROMPT } from "./prompts";
import type { RefineEvent } from "./types";

const KEY = "sk-ant-test-claude-engine";
let fake: AnthropicFake;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

function engine(overrides: Partial<ClaudeEngineOptions> = {}) {
  return createClaudeEngine({
    apiKey: KEY,
    baseURL: fake.url,
    auth: "bearer",
    refineModel: "claude-haiku-5-5",
    critiqueModel: "claude-sonnet-5-5",
    timeoutMs: 5_000,
    maxRetries: 0,
    ...overrides,
  });
}

async function collect(events: AsyncGenerator<RefineEvent>) {
  const out: Array<RefineEvent & { at: number }> = [];
  for await (const event of events) out.push({ ...event, at: performance.now() });
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<LoupeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoupeError);
  return error as LoupeError;
}

function lastBody(): Record<string, unknown> {
  return fake.requests.at(-1)!.body as Record<string, unknown>;
}

/** A large, detailed photo-like PNG so downscaling has real work to do. */
async function bigImage(width = 3000, height = 2000) {
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
  return { bytes: new Uint8Array(noise), mediaType: "image/png" };
}

describe("Claude engine: refine", () => {
  it("streams text deltas as they arrive and ends with the whole prompt", async () => {
    fake.setLatency({ perTokenMs: 15 });
    const events = await collect(engine().refine({ draft: "a lighthouse poster, teal and orange" }));
    const deltas = events.filter((e) => e.type === "delta");
    const done = events.at(-1)!;
    expect(deltas.length).toBeGreaterThan(5);
    expect(done.type).toBe("done");
    if (done.type !== "done") return;
    expect(done.prompt).toBe(deltas.map((d) => (d.type === "delta" ? d.text : "")).join("").trim());
    expect(done.prompt).toContain("a lighthouse poster, teal and orange");
    expect(done.model).toBe("claude-haiku-5-5");
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.usage.outputTokens).toBe(deltas.length);
    // Streamed, not buffered: the first words arrive long before the last.
    expect(done.at - deltas[0]!.at).toBeGreaterThan(150);
  });

  it("sends a version-2026 request: streaming, cached handbook and task, no sampling parameters, bearer auth", async () => {
    await collect(engine().refine({ draft: "一张中秋节海报，标题“花好月圆”" }));
    const request = fake.requests.at(-1)!;
    const body = request.body as Record<string, unknown>;
    expect(body.stream).toBe(true);
    expect(body).not.toHaveProperty("temperature");
    expect(body).not.toHaveProperty("top_p");
    expect(body).not.toHaveProperty("top_k");
    // The handbook, then the refine task, each closed by a cache breakpoint.
    expect(body.system).toEqual([
      expect.objectContaining({ type: "text", text: HANDBOOK, cache_control: { type: "ephemeral" } }),
      expect.objectContaining({ type: "text", text: REFINE_SYSTEM_PROMPT, cache_control: { type: "ephemeral" } }),
    ]);
    expect(JSON.stringify(body.messages)).toContain("花好月圆");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(request.headers["anthropic-version"]).toBe("2026-10-21");
  });

  it("turns an overload inside the stream into claude_overloaded", async () => {
    fake.failNext({ status: 529, kind: "refine", midStream: true });
    const error = await rejection(collect(engine().refine({ draft: "a quiet harbour at dawn" })));
    expect(error.code).toBe("claude_overloaded");
    expect(error.retryable).toBe(true);
  });

  it("rejects an empty draft before calling Claude", async () => {
    const error = await rejection(collect(engine().refine({ draft: "  \u200b " })));
    expect(error.code).toBe("empty_prompt");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Claude engine: critique", () => {
  it("sends a downscaled image block with structured output and returns a validated critique", async () => {
    const image = await bigImage();
    const prompt = 'Poster of a jazz night, headline "Blue Notes", deep navy and brass';
    const { critique, usage, model } = await engine().critique({ image, prompt, draft: "jazz night poster", previousAttempts: ["jazz poster"] });

    const body = lastBody();
    expect(body).not.toHaveProperty("temperature");
    expect(body.output_config).toMatchObject({ format: { type: "json_schema" } });
    const content = (body.messages as Array<{ content: Array<Record<string, unknown>> }>)[0]!.content;
    const imageBlock = content.find((b) => b.type === "image") as { source: { data: string; media_type: string } };
    const sent = Buffer.from(imageBlock.source.data, "base64");
    const meta = await sharp(sent).metadata();
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(CLAUDE_MAX_EDGE);
    expect(meta.width / meta.height).toBeCloseTo(1.5, 1);
    expect(sent.byteLength).toBeLessThan(5 * 1024 * 1024);
    expect(`image/${meta.format}`).toBe(imageBlock.source.media_type);
    const text = content.find((b) => b.type === "text") as { text: string };
    expect(text.text).toContain("<prompt>");
    expect(text.text).toContain("jazz night poster");
    expect(text.text).toContain("<previous_attempts>");

    expect(critiqueSchema.safeParse(critique).success).toBe(true);
    // The fake's critique follows the request: this prompt has a headline, so typography is addressed.
    expect(critique.issues.some((i) => i.aspect === "typography" && i.problem.includes("Blue Notes"))).toBe(true);
    expect(model).toBe("claude-sonnet-5-5");
    expect(usage.outputTokens).toBeGreaterThan(0);
  });

  it("passes a small image through untouched", async () => {
    const bytes = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#c04030" } }).png().toBuffer();
    await engine().critique({ image: { bytes, mediaType: "image/png" }, prompt: "red square", draft: "red square" });
    const content = (lastBody().messages as Array<{ content: Array<Record<string, unknown>> }>)[0]!.content;
    const source = (content[0] as { source: { data: string; media_type: string } }).source;
    expect(source.media_type).toBe("image/png");
    expect(Buffer.from(source.data, "base64").equals(bytes)).toBe(true);
  });

  it("reports tokens read from the prompt cache on the second call", async () => {
    const image = await bigImage(800, 800);
    const first = await engine().critique({ image, prompt: "a fox in snow", draft: "fox" });
    const second = await engine().critique({ image, prompt: "a fox in deep snow", draft: "fox" });
    expect(first.usage.cachedTokens).toBe(0);
    expect(second.usage.cachedTokens).toBeGreaterThan(1000);
    expect(second.usage.inputTokens).toBeGreaterThan(second.usage.cachedTokens);
  });

  it("maps 529 to claude_overloaded and 429 to claude_rate_limited with retry-after", async () => {
    const image = await bigImage(600, 400);
    fake.failNext({ status: 529, kind: "critique" });
    const overloaded = await rejection(engine().critique({ image, prompt: "p", draft: "d" }));
    expect(overloaded.code).toBe("claude_overloaded");
    expect(overloaded.retryable).toBe(true);

    fake.failNext({ status: 429, kind: "critique", retryAfter: 7 });
    const limited = await rejection(engine().critique({ image, prompt: "p", draft: "d" }));
    expect(limited.code).toBe("claude_rate_limited");
    expect(limited.retryAfterSeconds).toBe(7);
    expect(limited.message).not.toContain(KEY);
  });

  it("maps a billing error to spend_limit and never retries it, even with retries on", async () => {
    const image = await bigImage(600, 400);
    const before = fake.requests.length;
    fake.failNext({ status: 402, kind: "critique", count: 3 });
    const spent = await rejection(engine({ maxRetries: 2 }).critique({ image, prompt: "p", draft: "d" }));
    expect(spent.code).toBe("spend_limit");
    expect(spent.retryable).toBe(false);
    expect(spent.message).toMatch(/spending limit or credit balance/);
    expect(fake.requests.length - before).toBe(1);
    fake.reset();
  });

  it("lets the SDK retry a 529 by itself when retries are on", async () => {
    const image = await bigImage(600, 400);
    fake.failNext({ status: 529, kind: "critique", retryAfter: 0.1 });
    const { critique } = await engine({ maxRetries: 2 }).critique({ image, prompt: "p", draft: "d" });
    expect(critique.overall).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.kind === "critique").map((r) => r.status)).toEqual([529, 200]);
  });

  it("maps a wrong key to claude_auth and a slow answer to claude_timeout", async () => {
    const image = await bigImage(600, 400);
    const auth = await rejection(engine({ apiKey: "sk-ant-wrong" }).critique({ image, prompt: "p", draft: "d" }));
    expect(auth.code).toBe("claude_auth");
    expect(auth.message).not.toContain("sk-ant-wrong");

    fake.setLatency({ firstTokenMs: 1_500 });
    const timeout = await rejection(engine({ timeoutMs: 200 }).critique({ image, prompt: "p", draft: "d" }));
    expect(timeout.code).toBe("claude_timeout");
  });

  it("bounds a call with its retries by timeoutMs, and lets the caller's deadline cut a hung call", async () => {
    const image = await bigImage(600, 400);
    // Every attempt hangs: the SDK's per-attempt timeout alone would allow three of them.
    fake.failNext({ mode: "hang", count: 10 });
    let started = performance.now();
    const own = await rejection(engine({ timeoutMs: 400, maxRetries: 2 }).critique({ image, prompt: "p", draft: "d" }));
    expect(own.code).toBe("claude_timeout");
    expect(performance.now() - started).toBeLessThan(1_000);

    started = performance.now();
    const deadline = AbortSignal.timeout(300);
    const cut = await engine({ timeoutMs: 5_000 })
      .critique({ image, prompt: "p", draft: "d", signal: deadline })
      .then(() => undefined, (e: unknown) => e);
    // The caller's abort passes through untouched, for the action to report as its deadline.
    expect(cut).not.toBeInstanceOf(LoupeError);
    expect(deadline.aborted).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("reports a connection reset (before the answer, or halfway through the stream) as a retryable error", async () => {
    fake.failNext({ mode: "reset", count: 2 });
    const stream = await rejection(collect(engine().refine({ draft: "a paper boat" })));
    expect(stream).toMatchObject({ code: "claude_error", retryable: true });
    const image = await bigImage(600, 400);
    const json = await rejection(engine().critique({ image, prompt: "p", draft: "d" }));
    expect(json).toMatchObject({ code: "claude_error", retryable: true });
  });

  it("cuts a refine stream that stops halfway at the caller's deadline", async () => {
    fake.failNext({ mode: "hang" });
    const signal = AbortSignal.timeout(300);
    const outcome = await collect(engine().refine({ draft: "a paper boat", signal })).then(() => "done", (e: unknown) => (e instanceof LoupeError ? e.code : "aborted"));
    expect(outcome).toBe("aborted");
  });

  it("sends the key in x-api-key, and no Authorization header, in x-api-key mode", async () => {
    await collect(engine({ auth: "x-api-key" }).refine({ draft: "a paper boat" }));
    const request = fake.requests.at(-1)!;
    expect(request.status).toBe(200);
    expect(request.headers["x-api-key"]).toBe(KEY);
    expect(request.headers.authorization).toBeUndefined();
  });
});

describe("Claude engine: revise", () => {
  const critique: Critique = {
    overall: 6,
    aspects: { promptAdherence: 6, composition: 6, typography: 6, colorLighting: 6, artifacts: 6 },
    summary: "Decent start.",
    strengths: ["Clear subject."],
    issues: [
      { id: "too-dark", aspect: "colorLighting", severity: "high", problem: "Underexposed.", fix: 'Add "bright, airy lighting".' },
      { id: "top-crowded", aspect: "composition", severity: "low", problem: "Crowded top.", fix: 'Add "more empty space at the top".' },
    ],
    revisedPrompt: "a fox in snow, bright, airy lighting, more empty space at the top",
  };

  it("uses the critique's own revision when every issue is kept and there is no note", async () => {
    const out = await engine().revise({ prompt: "a fox in snow", draft: "fox", critique });
    expect(out.prompt).toBe(critique.revisedPrompt);
    expect(fake.requests).toHaveLength(0);
  });

  it("asks Claude for a revision built from the accepted fixes and the note only", async () => {
    const out = await engine().revise({ prompt: "a fox in snow", draft: "fox", critique, acceptedIssueIds: ["too-dark"], note: "make the fox red" });
    const body = JSON.stringify(lastBody().messages);
    expect(body).toContain("bright, airy lighting");
    expect(body).not.toContain("more empty space at the top");
    expect(body).toContain("make the fox red");
    expect(lastBody()).not.toHaveProperty("temperature");
    expect(out.prompt).toContain("a fox in snow");
    expect(out.prompt).toContain("bright, airy lighting");
    expect(out.prompt).not.toContain("more empty space at the top");
    expect(out.model).toBe("claude-haiku-5-5");
  });
});

describe("Claude engine: describe a reference", () => {
  /** A wide photo-like image with a clear colour cast, so the description has something to read. */
  async function reference() {
    const bytes = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 30, g: 120, b: 160 }, noise: { type: "gaussian", mean: 0, sigma: 8 } } })
      .jpeg()
      .toBuffer();
    return { bytes: new Uint8Array(bytes), mediaType: "image/jpeg" };
  }

  it("sends the image as a base64 block beside its question, asks for the description's JSON schema, and validates the answer", async () => {
    const out = await engine().describe({ image: await reference() });
    const request = fake.requests.at(-1)!;
    expect(request.kind).toBe("describe");
    const body = request.body as { model: string; messages: Array<{ content: Array<{ type: string; source?: { type: string; media_type: string; data: string }; text?: string }> }>; output_config: { format: { type: string; schema: { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean } } } };
    expect(body.model).toBe("claude-sonnet-5-5");
    const [image, question] = body.messages[0]!.content;
    expect(image).toMatchObject({ type: "image", source: { type: "base64", media_type: "image/jpeg" } });
    // Downscaled to Claude's recommended long edge before it is sent.
    const sent = await sharp(Buffer.from(image!.source!.data, "base64")).metadata();
    expect(Math.max(sent.width, sent.height)).toBe(CLAUDE_MAX_EDGE);
    expect(question).toMatchObject({ type: "text", text: "Describe this reference image." });
    expect(body.output_config.format.type).toBe("json_schema");
    expect(Object.keys(body.output_config.format.schema.properties).sort()).toEqual(["composition", "palette", "style", "subject", "summary", "text"]);
    expect(body.output_config.format.schema.additionalProperties).toBe(false);
    // The fake reads the image it was sent: a landscape frame, its mean colour the palette.
    expect(out.description.subject).toMatch(/^a landscape reference image/);
    expect(out.description.palette).toHaveLength(1);
    expect(out.description.palette[0]).toMatch(/^#[0-9a-f]{6}$/);
    expect(out.model).toBe("claude-sonnet-5-5");
    expect(out.usage.inputTokens).toBeGreaterThan(0);
    expect(out.usage.outputTokens).toBeGreaterThan(0);
  });

  it("maps a 529 to claude_overloaded, retryable", async () => {
    fake.failNext({ status: 529, kind: "describe" });
    const error = await rejection(engine().describe({ image: await reference() }));
    expect(error.code).toBe("claude_overloaded");
    expect(error.retryable).toBe(true);
  });

  it("turns an answer that breaks the schema into a typed claude_error instead of a crash", async () => {
    fake.answerNext({ kind: "describe", text: "I see a blue photo." });
    const prose = await rejection(engine().describe({ image: await reference() }));
    expect(prose.code).toBe("claude_error");
    expect(prose.message).toBe("Claude answered with something that is not a description.");

    fake.answerNext({ kind: "describe", text: JSON.stringify({ subject: "a coast", style: "photo", palette: [], composition: "wide", text: "", summary: "x" }) });
    const empty = await rejection(engine().describe({ image: await reference() }));
    expect(empty.code).toBe("claude_error");
  });
});
