import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIImagesFake, type OpenAIImagesFake } from "./openai-images";

const KEY = "sk-fake-test-key-123456";
let fake: OpenAIImagesFake;

beforeAll(async () => {
  fake = await startOpenAIImagesFake({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function post(body: unknown, key: string | null = KEY) {
  return fetch(`${fake.url}/images/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe("OpenAI images fake", () => {
  it("answers like the real API, sized per `size`", async () => {
    const res = await post({ model: "gpt-image-1", prompt: "a red kite", n: 2, size: "1024x1536" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { created: number; data: Array<{ b64_json: string }>; usage: { total_tokens: number }; size: string };
    expect(body.created).toEqual(expect.any(Number));
    expect(body.data).toHaveLength(2);
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    const meta = await sharp(Buffer.from(body.data[0]!.b64_json, "base64")).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1024, 1536]);
    expect(fake.requests[0]!.body).toMatchObject({ prompt: "a red kite" });
  });

  it("colours images by prompt, so different prompts give different bytes", async () => {
    const first = (await (await post({ model: "gpt-image-1", prompt: "one" })).json()) as { data: Array<{ b64_json: string }> };
    const second = (await (await post({ model: "gpt-image-1", prompt: "two" })).json()) as { data: Array<{ b64_json: string }> };
    expect(first.data[0]!.b64_json).not.toBe(second.data[0]!.b64_json);
  });

  it("returns revised_prompt and URLs for dall-e-3 without b64_json", async () => {
    const body = (await (await post({ model: "dall-e-3", prompt: "a fox" })).json()) as { data: Array<{ url: string; revised_prompt: string }> };
    expect(body.data[0]!.revised_prompt).toContain("a fox");
    const image = await fetch(body.data[0]!.url);
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  it("rejects a missing or wrong key with OpenAI's 401 body", async () => {
    const missing = await post({ model: "gpt-image-1", prompt: "x" }, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringContaining("didn't provide an API key") } });
    const wrong = await post({ model: "gpt-image-1", prompt: "x" }, "sk-wrong-000000000");
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_api_key" } });
  });

  it("validates size, n and model like the real API", async () => {
    expect(await (await post({ model: "gpt-image-1", prompt: "x", size: "1792x1024" })).json()).toMatchObject({ error: { param: "size", code: "invalid_value" } });
    expect((await post({ model: "dall-e-3", prompt: "x", n: 2 })).status).toBe(400);
    expect((await post({ model: "gpt-image-1", prompt: "x", response_format: "b64_json" })).status).toBe(400);
    expect((await post({ model: "no-such-model", prompt: "x" })).status).toBe(404);
  });

  it("takes edits as multipart form data, logs the image it was sent, and refuses what the real API refuses", async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } }).png().toBuffer();
    const form = (fields: Record<string, string>, image?: Blob) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      if (image) data.append("image", image, "reference.png");
      return fetch(`${fake.url}/images/edits`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: data });
    };
    const res = await form({ model: "gpt-image-1", prompt: "make it teal", size: "1024x1024" }, new Blob([new Uint8Array(png)], { type: "image/png" }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ b64_json: string }> };
    expect(body.data).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ path: "/v1/images/edits", body: { prompt: "make it teal", image: { type: "image/png", size: png.length } } });
    expect((fake.requests[0]!.body as { image: { bytes: Buffer } }).image.bytes.equals(png)).toBe(true);
    expect(await (await form({ model: "gpt-image-1", prompt: "x" })).json()).toMatchObject({ error: { param: "image", code: "missing_required_parameter" } });
    expect(await (await form({ model: "dall-e-3", prompt: "x" }, new Blob([new Uint8Array(png)], { type: "image/png" }))).json()).toMatchObject({ error: { param: "model" } });
    expect(await (await form({ model: "gpt-image-1", prompt: "x" }, new Blob(["<svg/>"], { type: "image/svg+xml" }))).json()).toMatchObject({ error: { param: "image", code: "unsupported_file_mimetype" } });
  });

  it("fails on demand with real error bodies, then recovers", async () => {
    fake.failNext(429);
    fake.failNext(500, 2);
    const limited = await post({ model: "gpt-image-1", prompt: "x" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    expect((await post({ model: "gpt-image-1", prompt: "x" })).status).toBe(500);
    const broken = await post({ model: "gpt-image-1", prompt: "x" });
    expect(await broken.json()).toMatchObject({ error: { type: "server_error" } });
    expect((await post({ model: "gpt-image-1", prompt: "x" })).status).toBe(200);
  });

  it("adds latency, and can be driven from another process through /__control", async () => {
    const base = fake.url.replace(/\/v1$/, "");
    await fetch(`${base}/__control`, { method: "POST", body: JSON.stringify({ latencyMs: 200, failNext: { status: 503 } }) });
    const started = performance.now();
    expect((await post({ model: "gpt-image-1", prompt: "x" })).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect((await fetch(`${base}/__health`)).status).toBe(200);
  });

  it("hangs, resets and draws seeded random faults like a flaky upstream", async () => {
    fake.hangNext();
    fake.resetNext();
    const hung = await fetch(`${fake.url}/images/generations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ model: "gpt-image-1", prompt: "x" }),
      signal: AbortSignal.timeout(300),
    }).then(() => "answered", (e: unknown) => (e as Error).name);
    expect(hung).toBe("TimeoutError");
    await expect(post({ model: "gpt-image-1", prompt: "x" })).rejects.toThrow(TypeError);
    expect(fake.requests.map((r) => r.status)).toEqual([0, 0]);

    fake.setChaos({ seed: 7, statuses: { 429: 0.5 }, retryAfter: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await post({ model: "gpt-image-1", prompt: "x" });
      if (res.status === 429) expect(res.headers.get("retry-after")).toBe("3");
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses).toContain(200);
  });
});
