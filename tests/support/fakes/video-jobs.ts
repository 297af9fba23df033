/**
 * What the video-provider fakes (fal queue, Google Veo, Replicate, xAI) share: real clips made
 * with the shipped ffmpeg, and a job book where each submitted clip is pending for a few polls
 * and then done — or, when a test asks, never finishes, fails, or delivers a file Loupe must
 * refuse (too large, a codec browsers do not play, frames that do not decode).
 */
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";

/** How the next clip job ends. */
export type ClipOutcome = "ok" | "stall" | "fail" | "huge" | "mjpeg" | "corrupt";

export type VideoJob = {
  id: string;
  model: string;
  body: unknown;
  outcome: ClipOutcome;
  polls: number;
  /** What the clip shows: the prompt (and the first frame's hash, for image-to-video). */
  key: string;
  seconds: number;
  width: number;
  height: number;
  /** The hosted file's URL once done. */
  url?: string;
  bytes?: number;
};

export type VideoJobs = {
  /** The next `count` submitted jobs end this way. */
  next(outcome: ClipOutcome, count?: number): void;
  /** Polls a job answers "pending" before it is done (default 2). */
  pollsUntilDone: number;
  /** Size of a "huge" clip, in bytes (default 3 MB). */
  hugeBytes: number;
  submitted: VideoJob[];
  submit(input: Omit<VideoJob, "id" | "outcome" | "polls">): VideoJob;
  get(id: string): VideoJob | undefined;
  /** Counts a poll; says where the job stands now. */
  poll(id: string): "pending" | "done" | "failed" | "missing";
  reset(): void;
};

export function createVideoJobs(): VideoJobs {
  const queue: Array<{ outcome: ClipOutcome; remaining: number }> = [];
  const jobs = new Map<string, VideoJob>();
  const book: VideoJobs = {
    pollsUntilDone: 2,
    hugeBytes: 3 * 1024 * 1024,
    submitted: [],
    next(outcome, count = 1) {
      queue.push({ outcome, remaining: count });
    },
    submit(input) {
      const head = queue[0];
      const outcome = head?.outcome ?? "ok";
      if (head && --head.remaining <= 0) queue.shift();
      const job: VideoJob = { ...input, id: randomUUID().replace(/-/g, ""), outcome, polls: 0 };
      jobs.set(job.id, job);
      book.submitted.push(job);
      return job;
    },
    get: (id) => jobs.get(id),
    poll(id) {
      const job = jobs.get(id);
      if (!job) return "missing";
      job.polls += 1;
      if (job.outcome === "stall" || job.polls < book.pollsUntilDone) return "pending";
      return job.outcome === "fail" ? "failed" : "done";
    },
    reset() {
      queue.length = 0;
      jobs.clear();
      book.submitted.length = 0;
      book.pollsUntilDone = 2;
      book.hugeBytes = 3 * 1024 * 1024;
    },
  };
  return book;
}

/** The bytes a finished job delivers, and how they are labelled. */
export function clipFor(job: VideoJob, hugeBytes: number): { bytes: Buffer; extension: "mp4" | "mov" } {
  if (job.outcome === "huge") return { bytes: Buffer.alloc(hugeBytes, 7), extension: "mp4" };
  if (job.outcome === "mjpeg") return { bytes: makeClip({ ...job, codec: "mjpeg" }), extension: "mov" };
  const clip = makeClip({ ...job, codec: "h264" });
  return { bytes: job.outcome === "corrupt" ? blankFrames(clip) : clip, extension: "mp4" };
}

const cache = new Map<string, Buffer>();

/** A real clip of a solid colour from the key (so different prompts give different clips), with a moving test pattern. */
export function makeClip(input: { key: string; seconds: number; width: number; height: number; codec: "h264" | "mjpeg" }): Buffer {
  const seconds = Math.min(10, Math.max(1, input.seconds));
  const cacheKey = JSON.stringify({ ...input, seconds });
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const colour = createHash("sha256").update(input.key).digest("hex").slice(0, 6);
  const dir = mkdtempSync(path.join(tmpdir(), "loupe-fake-clip-"));
  const file = path.join(dir, input.codec === "mjpeg" ? "clip.mov" : "clip.mp4");
  try {
    const size = `${input.width}x${input.height}`;
    const codec = input.codec === "mjpeg" ? ["-c:v", "mjpeg", "-f", "mov"] : ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"];
    const filter = `color=c=0x${colour}:size=${size}:rate=24:duration=${seconds}[bg];testsrc=size=${Math.round(input.width / 4)}x${Math.round(input.height / 4)}:rate=24:duration=${seconds}[fg];[bg][fg]overlay=x='t*20':y=20`;
    const run = spawnSync(ffmpegInstaller.path, ["-hide_banner", "-v", "error", "-filter_complex", filter, ...codec, "-y", file], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the fake could not make a clip: ${run.stderr}`);
    const bytes = readFileSync(file);
    cache.set(cacheKey, bytes);
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same MP4 with every byte of its media data zeroed: the header reads fine, no frame decodes. */
function blankFrames(mp4: Buffer): Buffer {
  const copy = Buffer.from(mp4);
  const at = copy.indexOf("mdat");
  if (at < 4) throw new Error("no mdat box");
  copy.fill(0, at + 4);
  return copy;
}

/** Width and height (even) of a ratio at a short edge. */
export function clipSize(ratio: string | undefined, shortEdge = 360): { width: number; height: number } {
  const [w, h] = (ratio ?? "16:9").split(":").map(Number) as [number, number];
  const even = (v: number) => Math.round(v / 2) * 2;
  return w >= h ? { width: even((shortEdge * w) / h), height: shortEdge } : { width: shortEdge, height: even((shortEdge * h) / w) };
}
