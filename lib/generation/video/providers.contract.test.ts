import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeRequest } from "@/tests/support/fakes/provider-fake";
import { startVideoProviderFake, type VideoProviderFake } from "@/tests/support/fakes/video-providers";
import { envSchema } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { MediaError } from "@/lib/media/errors";
import { videoParamsSchema, type VideoParams } from "@/lib/schemas/video";
import { estimateVideo, listVideoProviders, renderVideo, type RenderedVideo } from "./index";
import { saveEnv, setEnv } from "@/tests/support/env";

/**
 * Every video adapter against a local fake of its provider's HTTP video API, reached through the
 * provider package's base URL: the real AI SDK package submits the job and polls it, the fake
 * checks the requests as the provider would and delivers a real clip, and we check the file
 * Loupe ends up with — and every way it must refuse one.
 */
const KEY = "test-key-0123456789abcdef";
const PROMPT = "a paper boat drifting down a rainy street, cinematic";
const VARS = Object.keys(envSchema.shape).filter((k) => /API_KEY|API_TOKEN|FAL_KEY|BASE_URL|_MODEL$|^LOUPE_VIDEO_|PROVIDER_/.test(k));
const restore = saveEnv(VARS);

type Case = {
  id: "fal" | "google" | "replicate" | "xai";
  env: (fake: VideoProviderFake) => Record<string, string>;
  params: Partial<VideoParams>;
  /** The submission, as the provider receives it. */
  expectSubmit: (request: FakeRequest) => void;
  /** How the job is polled until done. */
  pollPath: RegExp;
  expectClip: { model: string; width: number; height: number; seconds: number; costUsd: number; seed: number | null };
};

const cases: Case[] = [
  {
    id: "fal",
    env: (f) => ({ FAL_KEY: KEY, FAL_BASE_URL: f.url }),
    params: { durationSeconds: 5, aspectRatio: "16:9", resolution: "720p" },
    expectSubmit: (r) => {
      expect(r.path).toBe("/fal-ai/luma-ray-2");
      expect(r.headers.authorization).toBe(`Key ${KEY}`);
      expect(r.body).toEqual({ prompt: PROMPT, aspect_ratio: "16:9", duration: "5s", resolution: "720p" });
    },
    pollPath: /^\/fal-ai\/luma-ray-2\/requests\/[0-9a-f]+$/,
    expectClip: { model: "luma-ray-2", width: 640, height: 360, seconds: 5, costUsd: 0.5, seed: null },
  },
  {
    id: "google",
    env: (f) => ({ GOOGLE_GENERATIVE_AI_API_KEY: KEY, GOOGLE_GENERATIVE_AI_BASE_URL: f.url }),
    params: { durationSeconds: 5, aspectRatio: "9:16", seed: 42 },
    expectSubmit: (r) => {
      expect(r.path).toBe("/v1beta/models/veo-3.0-fast-generate-001:predictLongRunning");
      expect(r.headers["x-goog-api-key"]).toBe(KEY);
      // 5 s is not a Veo 3 length: snapped to 6 (4, 6 or 8).
      expect(r.body).toEqual({ instances: [{ prompt: PROMPT }], parameters: { sampleCount: 1, aspectRatio: "9:16", durationSeconds: 6, seed: 42, resolution: "720p" } });
    },
    pollPath: /^\/v1beta\/models\/veo-3\.0-fast-generate-001\/operations\/[0-9a-f]+$/,
    expectClip: { model: "veo-3.0-fast-generate-001", width: 360, height: 640, seconds: 6, costUsd: 0.9, seed: 42 },
  },
  {
    id: "replicate",
    env: (f) => ({ REPLICATE_API_TOKEN: KEY, REPLICATE_BASE_URL: f.url }),
    params: { durationSeconds: 5, seed: 7 },
    expectSubmit: (r) => {
      expect(r.path).toBe("/v1/models/minimax/video-01/predictions");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.headers.prefer).toBe("wait");
      // MiniMax makes 6 s clips and takes no seed.
      expect(r.body).toEqual({ input: { prompt: PROMPT, aspect_ratio: "16:9", duration: 6 } });
    },
    pollPath: /^\/v1\/predictions\/[0-9a-f]+$/,
    expectClip: { model: "minimax/video-01", width: 640, height: 360, seconds: 6, costUsd: 0.498, seed: null },
  },
  {
    id: "xai",
    env: (f) => ({ XAI_API_KEY: KEY, XAI_BASE_URL: f.url }),
    params: { durationSeconds: 4, aspectRatio: "1:1", resolution: "480p" },
    expectSubmit: (r) => {
      expect(r.path).toBe("/v1/videos/generations");
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.body).toEqual({ model: "grok-imagine-video", prompt: PROMPT, duration: 4, aspect_ratio: "1:1", resolution: "480p" });
    },
    pollPath: /^\/v1\/videos\/[0-9a-f]+$/,
    expectClip: { model: "grok-imagine-video", width: 360, height: 360, seconds: 4, costUsd: 0.2, seed: null },
  },
];

const fakes = new Map<string, VideoProviderFake>();
const workDir = mkdtempSync(path.join(tmpdir(), "loupe-video-contract-"));
const rendered: RenderedVideo[] = [];

beforeAll(async () => {
  for (const c of cases) fakes.set(c.id, await startVideoProviderFake({ provider: c.id, apiKey: KEY }));
});
afterAll(async () => {
  await Promise.all([...fakes.values()].map((f) => f.close()));
  rmSync(workDir, { recursive: true, force: true });
  restore();
});
beforeEach(() => {
  setEnv({ ...Object.fromEntries(VARS.map((k) => [k, undefined])), LOUPE_VIDEO_POLL_INTERVAL_MS: "20" });
  for (const f of fakes.values()) f.reset();
});
afterEach(async () => {
  await Promise.all(rendered.splice(0).map((r) => r.dispose()));
});

const use = (c: Case) => setEnv(c.env(fakes.get(c.id)!));
const params = (input: Partial<VideoParams>) => videoParamsSchema.parse(input);

async function render(input: Parameters<typeof renderVideo>[0]): Promise<RenderedVideo> {
  const clip = await renderVideo({ tempDir: workDir, ...input });
  rendered.push(clip);
  return clip;
}

async function failure(input: Parameters<typeof renderVideo>[0]): Promise<LoupeError> {
  const error = await render(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoupeError);
  return error as LoupeError;
}

const leftovers = () => readdirSync(workDir);

describe.each(cases)("$id video through its fake", (c) => {
  it("submits the job as the provider expects, polls it, and keeps a checked clip", async () => {
    use(c);
    const fake = fakes.get(c.id)!;
    const stages: string[] = [];
    const clip = await render({ prompt: PROMPT, params: params({ providerId: c.id, ...c.params }), onStage: (stage) => stages.push(stage) });
    const submit = fake.requests.find((r) => r.method === "POST")!;
    c.expectSubmit(submit);
    expect(fake.requests.filter((r) => r.method === "GET" && c.pollPath.test(r.path)).length).toBeGreaterThanOrEqual(2);
    expect(stages).toEqual(["rendering", "downloading", "checking"]);
    expect(clip).toMatchObject({ providerId: c.id, model: c.expectClip.model, seed: c.expectClip.seed, costUsd: c.expectClip.costUsd, mediaType: "video/mp4" });
    expect(clip.facts).toMatchObject({ container: "mp4", videoCodec: "h264", width: c.expectClip.width, height: c.expectClip.height });
    expect(clip.facts.durationSeconds).toBeCloseTo(c.expectClip.seconds, 0);
    expect(clip.path.startsWith(workDir)).toBe(true);
    await clip.dispose();
    expect(leftovers()).toEqual([]);
  });

  it("says the provider's job never finished when it outlasts LOUPE_VIDEO_TIMEOUT_MS, and leaves nothing behind", async () => {
    use(c);
    setEnv({ LOUPE_VIDEO_TIMEOUT_MS: "300" });
    fakes.get(c.id)!.jobs.next("stall");
    const started = Date.now();
    const error = await failure({ prompt: PROMPT, params: params({ providerId: c.id, ...c.params }) });
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).reason).toBe("never_finished");
    expect(error.message).toBe(`${{ fal: "fal", google: "Google", replicate: "Replicate", xai: "xAI" }[c.id]} did not finish the clip within 0.3 s, so Loupe stopped waiting. Your prompt is kept: try again, or choose another provider.`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(leftovers()).toEqual([]);
  });
});

describe("what a provider delivers is checked before it is kept", () => {
  const fal = cases[0]!;
  const falParams = () => params({ providerId: "fal", ...fal.params });

  it("caps the download: a clip past LOUPE_VIDEO_MAX_BYTES is refused while streaming, never held whole", async () => {
    use(fal);
    setEnv({ LOUPE_VIDEO_MAX_BYTES: String(1_000_000) });
    const fake = fakes.get("fal")!;
    fake.jobs.hugeBytes = 2_500_000;
    fake.jobs.next("huge");
    const error = await failure({ prompt: PROMPT, params: falParams() });
    expect((error as MediaError).reason).toBe("too_large");
    expect(error.message).toBe("The video is larger than the 1 MB Loupe accepts (3 MB).");
    expect(leftovers()).toEqual([]);
  });

  it("refuses a codec browsers do not play, naming it", async () => {
    use(fal);
    fakes.get("fal")!.jobs.next("mjpeg");
    const error = await failure({ prompt: PROMPT, params: falParams() });
    expect((error as MediaError).reason).toBe("unsupported_codec");
    expect(error.code).toBe("unsupported_media");
    expect(error.message).toMatch(/^The video is encoded as Motion JPEG, which Loupe cannot read\./);
  });

  it("refuses a file whose frames do not decode", async () => {
    use(fal);
    fakes.get("fal")!.jobs.next("corrupt");
    const error = await failure({ prompt: PROMPT, params: falParams() });
    expect((error as MediaError).reason).toBe("no_frames");
    expect(error.message).toMatch(/no frames that could be decoded/);
  });

  it("reports a failed job with the provider's reason", async () => {
    use(cases[3]!);
    fakes.get("xai")!.jobs.next("fail");
    const error = await failure({ prompt: PROMPT, params: params({ providerId: "xai" }) });
    expect(error.code).toBe("provider_error");
    expect(error.message).toBe("xAI: Video generation failed.");
  });

  it("reports a rejected key as such", async () => {
    use(cases[1]!);
    setEnv({ GOOGLE_GENERATIVE_AI_API_KEY: "wrong-key" });
    const error = await failure({ prompt: PROMPT, params: params({ providerId: "google" }) });
    expect(error.code).toBe("provider_auth");
  });

  it("stops polling and the job at once when the designer cancels", async () => {
    use(cases[2]!);
    const fake = fakes.get("replicate")!;
    fake.jobs.next("stall");
    const controller = new AbortController();
    const pending = render({ prompt: PROMPT, params: params({ providerId: "replicate" }), signal: controller.signal });
    await until(() => fake.requests.some((r) => r.method === "GET"));
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(1000);
    const polls = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.requests.length).toBe(polls);
  });
});

describe("image-to-video through the providers that take a first frame", () => {
  it("sends the image to Veo as the start frame, and to xAI as an image URL", async () => {
    const image = await sharp({ create: { width: 64, height: 36, channels: 3, background: "#3366cc" } }).png().toBuffer();
    use(cases[1]!);
    use(cases[3]!);
    await render({ prompt: "slow push in", params: params({ providerId: "google", durationSeconds: 4 }), image: { bytes: image, mediaType: "image/png" } });
    const veo = fakes.get("google")!.requests.find((r) => r.method === "POST")!.body as { instances: Array<{ image: { bytesBase64Encoded: string; mimeType: string } }> };
    expect(veo.instances[0]!.image).toEqual({ bytesBase64Encoded: image.toString("base64"), mimeType: "image/png" });
    await render({ prompt: "slow push in", params: params({ providerId: "xai", durationSeconds: 3 }), image: { bytes: image, mediaType: "image/png" } });
    const xai = fakes.get("xai")!.requests.find((r) => r.method === "POST")!.body as { image: { url: string } };
    expect(xai.image.url).toBe(`data:image/png;base64,${image.toString("base64")}`);
  });

  it("refuses an explicit model that cannot start from an image, before anything is paid for", async () => {
    use(cases[0]!);
    const image = await sharp({ create: { width: 64, height: 36, channels: 3, background: "#000" } }).png().toBuffer();
    const error = await failure({ prompt: "move", params: params({ providerId: "fal" }), image: { bytes: image, mediaType: "image/png" } });
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(/cannot start a clip from an image/);
    expect(fakes.get("fal")!.requests).toEqual([]);
  });
});

describe("Auto, the list of video providers and the price before rendering", () => {
  it("lists the Local video renderer first, then each configured provider with its capability rows", () => {
    use(cases[0]!);
    use(cases[1]!);
    const list = listVideoProviders();
    expect(list.map((p) => p.id)).toEqual(["local", "fal", "google"]);
    expect(list[1]!.capabilities.map((c) => c.model)).toEqual(["luma-ray-2", "luma-ray-2-flash", "minimax-video", "hunyuan-video"]);
    expect(JSON.stringify(list)).not.toContain(KEY);
  });

  it("routes Auto with its reason, prices the clip before it renders, and is free on the Local renderer", () => {
    expect(estimateVideo({ params: params({ providerId: "auto", durationSeconds: 5 }) })).toMatchObject({ usd: 0, providerId: "local", routeReason: "no video provider configured → Local video renderer" });
    use(cases[0]!);
    use(cases[1]!);
    expect(estimateVideo({ params: params({ providerId: "auto", durationSeconds: 5 }) })).toEqual({ usd: 2.4, providerId: "google", model: "veo-3.0-generate-001", durationSeconds: 6, routeReason: "best quality for the price (Google · Veo 3)" });
    expect(estimateVideo({ params: params({ providerId: "fal", durationSeconds: 9 }) })).toMatchObject({ usd: 0.9, durationSeconds: 9, routeReason: "chosen by the designer" });
    expect(estimateVideo({ params: params({ providerId: "replicate" }) })).toBeNull();
  });

  it("under Auto, a failed clip is made by the Local video renderer instead, and says so", async () => {
    use(cases[3]!);
    fakes.get("xai")!.jobs.next("fail");
    const clip = await render({ prompt: PROMPT, params: params({ providerId: "auto", durationSeconds: 1, resolution: "360p" }) });
    expect(clip).toMatchObject({ providerId: "local", mediaType: "video/webm", costUsd: 0, routeReason: "best quality for the price (xAI · Grok Imagine Video)" });
    expect(clip.notes).toEqual(["fell back from xAI to Local video renderer: xAI: Video generation failed."]);
  });
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
