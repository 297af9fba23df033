import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { experimental_generateVideo as generateVideo } from "ai";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { checkDecodes, probeVideo } from "@/lib/media/probe";
import { ffmpegBinary } from "@/tests/support/video-files";
import { createLocalVideoModel, LOCAL_VIDEO_FPS, localVideoSize } from "./local-video-model";

const model = createLocalVideoModel();
const dir = mkdtempSync(path.join(tmpdir(), "loupe-local-video-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROMPT = 'neon city at night, poster, headline "NIGHT SHIFT"';

async function clip(options: { prompt?: string; seed?: number; duration?: number; image?: Uint8Array; resolution?: `${number}x${number}` }) {
  const result = await generateVideo({
    model,
    prompt: options.image ? { image: options.image, text: options.prompt ?? "" } : (options.prompt ?? PROMPT),
    seed: options.seed ?? 11,
    duration: options.duration ?? 2,
    resolution: options.resolution ?? "320x180",
    maxRetries: 0,
  });
  return { bytes: Buffer.from(result.video.uint8Array), mediaType: result.video.mediaType, warnings: result.warnings, metadata: result.providerMetadata };
}

function save(bytes: Uint8Array, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** One decoded frame at `at` seconds, as raw RGB. */
function frameAt(file: string, at: number, size: { width: number; height: number }): Buffer {
  const run = spawnSync(ffmpegBinary, ["-v", "error", "-ss", String(at), "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], { maxBuffer: 64 << 20 });
  expect(run.status).toBe(0);
  expect(run.stdout.length).toBe(size.width * size.height * 3);
  return run.stdout;
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

describe("Local video renderer", () => {
  it("is deterministic: the same prompt, seed, size and duration give the same WebM bytes", async () => {
    const [a, b] = await Promise.all([clip({}), clip({})]);
    expect(a.mediaType).toBe("video/webm");
    expect(a.bytes.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])); // EBML magic
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const other = await clip({ seed: 12 });
    expect(other.bytes.equals(a.bytes)).toBe(false);
  });

  it("makes a file ffmpeg decodes, with the asked duration and every frame", async () => {
    const { bytes, metadata } = await clip({ duration: 3 });
    const file = save(bytes, "three-seconds.webm");
    const facts = await probeVideo({ path: file });
    expect(facts).toMatchObject({ container: "webm", mediaType: "video/webm", videoCodec: "vp8", audioCodec: null, width: 320, height: 180 });
    expect(facts.durationSeconds).toBeCloseTo(3, 1);
    expect(await checkDecodes({ path: file, whole: true })).toBe(3 * LOCAL_VIDEO_FPS);
    expect(metadata.local).toMatchObject({ videos: [{ frames: 72, fps: 24, duration: 3, width: 320, height: 180, firstFrame: "scene" }] });
  });

  it("moves: the camera and the subject change the picture over time, and the headline appears", async () => {
    const size = { width: 320, height: 180 };
    const file = save((await clip({ duration: 3 })).bytes, "moving.webm");
    const [start, middle, end] = [0, 1.5, 2.9].map((t) => frameAt(file, t, size));
    expect(meanAbsDiff(start!, middle!)).toBeGreaterThan(2);
    expect(meanAbsDiff(middle!, end!)).toBeGreaterThan(0.5);
    // The headline band (top fifth) gains type as the headline is wiped in: more edges at the end than at the start.
    const band = (rgb: Buffer) => edgeCount(rgb, size, { y0: 0, y1: Math.round(size.height * 0.3) });
    expect(band(end!)).toBeGreaterThan(band(start!) * 1.5 + 20);
  });

  it("image-to-video: the first frame is the input image, then it moves", async () => {
    const size = { width: 320, height: 180 };
    const input = await sharp({ create: { width: 640, height: 360, channels: 3, background: "#204080" } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><circle cx="200" cy="180" r="90" fill="#f0c020"/><rect x="380" y="60" width="180" height="240" fill="#e04040"/></svg>') }])
      .png()
      .toBuffer();
    const { bytes, metadata } = await clip({ image: input, prompt: "slow push in", duration: 2 });
    expect(metadata.local).toMatchObject({ videos: [{ firstFrame: "input image" }] });
    const file = save(bytes, "animate.webm");
    const expected = await sharp(input).resize(size.width, size.height, { fit: "cover" }).removeAlpha().raw().toBuffer();
    const first = frameAt(file, 0, size);
    // Lossy VP8 at quality 80: within a few levels of the input everywhere on average.
    expect(meanAbsDiff(first, expected)).toBeLessThan(3);
    expect(meanAbsDiff(frameAt(file, 1.9, size), expected)).toBeGreaterThan(meanAbsDiff(first, expected) + 3);
  });

  it("sizes the clip from the aspect ratio at 480p, or from an explicit resolution", () => {
    expect(localVideoSize({ aspectRatio: "16:9" })).toEqual({ width: 854, height: 480 });
    expect(localVideoSize({ aspectRatio: "9:16" })).toEqual({ width: 480, height: 854 });
    expect(localVideoSize({ aspectRatio: "1:1", shortEdge: 720 })).toEqual({ width: 720, height: 720 });
    expect(localVideoSize({ resolution: "1281x721" })).toEqual({ width: 1282, height: 722 });
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const pending = generateVideo({ model, prompt: PROMPT, duration: 10, resolution: "640x360", abortSignal: controller.signal, maxRetries: 0 });
    setTimeout(() => controller.abort(new Error("cancelled by the designer")), 150);
    await expect(pending).rejects.toThrow(/cancelled by the designer/);
  });

  it("says what it cannot do instead of failing silently", async () => {
    const result = await generateVideo({ model, prompt: PROMPT, duration: 1, resolution: "160x90", fps: 30, generateAudio: true, maxRetries: 0 });
    const features = result.warnings.map((w) => ("feature" in w ? w.feature : w.type));
    expect(features).toEqual(expect.arrayContaining(["fps", "generateAudio"]));
  });
});

/** Horizontal light/dark transitions in a row band: type adds many. */
function edgeCount(rgb: Uint8Array, size: { width: number; height: number }, band: { y0: number; y1: number }): number {
  let edges = 0;
  for (let y = band.y0; y < band.y1; y++) {
    for (let x = 1; x < size.width; x++) {
      const i = (y * size.width + x) * 3;
      const luma = (j: number) => rgb[j]! * 0.3 + rgb[j + 1]! * 0.59 + rgb[j + 2]! * 0.11;
      if (Math.abs(luma(i) - luma(i - 3)) > 40) edges++;
    }
  }
  return edges;
}
