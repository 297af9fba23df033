import "server-only";
import sharp from "sharp";
import { MediaError } from "@/lib/media/errors";
import { ffmpegFailure, runFfmpeg } from "@/lib/media/ffmpeg";
import { formatTimeMark } from "@/lib/schemas/video";
import { chooseTimes, frameEdge, needsTenths, type SampledTime } from "./sampling";

/** One sampled moment of a clip: a JPEG no larger than 1568 px on its long edge, labelled with its time. */
export type VideoFrame = {
  /** Seconds from the start. */
  at: number;
  /** "0:02" (or "0:01.5" when frames lie less than a second apart). */
  label: string;
  reason: SampledTime["reason"];
  bytes: Uint8Array;
  mediaType: "image/jpeg";
  width: number;
  height: number;
};

/** Above this length only keyframes are scored for scene changes: decoding every frame of a long video takes minutes. */
const FULL_SCENE_SCAN_SECONDS = 60;
const SCENE_THRESHOLD = 0.3;

/**
 * Scene changes, from ffmpeg's scene score on small frames (160 px wide): the score and time of
 * each frame that differs from the one before by more than the threshold.
 */
export async function detectScenes(input: { path: string; durationSeconds: number; signal?: AbortSignal }): Promise<Array<{ at: number; score: number }>> {
  const keyframesOnly = input.durationSeconds > FULL_SCENE_SCAN_SECONDS;
  const run = await runFfmpeg({
    args: [...(keyframesOnly ? ["-skip_frame", "nokey"] : []), "-i", input.path, "-an", "-sn", "-vf", `scale=160:-2,select='gt(scene,${SCENE_THRESHOLD})',metadata=print:key=lavfi.scene_score`, "-f", "null", "-"],
    signal: input.signal,
    timeoutMs: 300_000,
  });
  if (run.code !== 0) throw new MediaError({ reason: "decoder_failed", detail: ffmpegFailure(run.stderr) });
  return parseScenes(run.stderr);
}

/** Pairs each `pts_time:` line of metadata=print with the `lavfi.scene_score=` after it. */
export function parseScenes(log: string): Array<{ at: number; score: number }> {
  const scenes: Array<{ at: number; score: number }> = [];
  let at: number | undefined;
  for (const line of log.split("\n")) {
    const time = /pts_time:(-?[\d.]+)/.exec(line);
    if (time) at = Number(time[1]);
    const score = /lavfi\.scene_score=([\d.]+)/.exec(line);
    if (score && at !== undefined) {
      scenes.push({ at, score: Number(score[1]) });
      at = undefined;
    }
  }
  return scenes;
}

/** One frame at `at` seconds as a JPEG, its long edge at most `edge` (never enlarged), upright. */
export async function frameAt(input: { path: string; at: number; edge: number; signal?: AbortSignal }): Promise<Uint8Array | null> {
  const scale = `scale='if(gte(iw,ih),min(iw,${input.edge}),-2)':'if(gte(iw,ih),-2,min(ih,${input.edge}))'`;
  const run = await runFfmpeg({
    args: ["-ss", input.at.toFixed(3), "-i", input.path, "-an", "-sn", "-frames:v", "1", "-vf", scale, "-q:v", "3", "-f", "image2pipe", "-c:v", "mjpeg", "-"],
    signal: input.signal,
    timeoutMs: 60_000,
    stdout: true,
  });
  return run.code === 0 && run.stdout.length > 0 ? new Uint8Array(run.stdout) : null;
}

/**
 * The frames a critique or a description looks at: even spacing plus scene changes (see
 * sampling.ts), each labelled with its time. Throws no_frames when none decodes.
 */
export async function extractFrames(input: { path: string; durationSeconds: number; signal?: AbortSignal }): Promise<VideoFrame[]> {
  const scenes = await detectScenes(input);
  const times = chooseTimes({ durationSeconds: input.durationSeconds, scenes });
  const edge = frameEdge(times.length);
  const tenths = needsTenths(times.map((t) => t.at));
  const frames: VideoFrame[] = [];
  for (const time of times) {
    const bytes = await frameAt({ path: input.path, at: time.at, edge, signal: input.signal });
    if (!bytes) continue;
    const meta = await sharp(bytes).metadata();
    frames.push({ at: time.at, label: formatTimeMark(time.at, { tenths }), reason: time.reason, bytes, mediaType: "image/jpeg", width: meta.width, height: meta.height });
  }
  if (frames.length === 0) throw new MediaError({ reason: "no_frames" });
  return frames;
}

/** The poster: the frame a third of the way in (past any fade-in), up to 1920 px on its long edge. */
export async function extractPoster(input: { path: string; durationSeconds: number; at?: number; signal?: AbortSignal }): Promise<Uint8Array> {
  const at = input.at ?? input.durationSeconds / 3;
  const bytes = (await frameAt({ path: input.path, at, edge: 1920, signal: input.signal })) ?? (await frameAt({ path: input.path, at: 0, edge: 1920, signal: input.signal }));
  if (!bytes) throw new MediaError({ reason: "no_frames" });
  return bytes;
}
