import "server-only";
import { stat } from "node:fs/promises";
import { MediaError } from "./errors";
import { ffmpegFailure, runFfmpeg } from "./ffmpeg";

export type VideoFacts = {
  container: "mp4" | "webm";
  mediaType: "video/mp4" | "video/webm" | "video/quicktime";
  videoCodec: string;
  audioCodec: string | null;
  /** Display size (rotation applied, as players show it). */
  width: number;
  height: number;
  fps: number | null;
  durationSeconds: number;
  bytes: number;
};

/**
 * The codecs Loupe keeps: what browsers play, so a stored clip can be shown as it is. Anything
 * else (ProRes, MJPEG, MPEG-4 Part 2…) is refused with a message naming the codec.
 */
export const PLAYABLE_VIDEO_CODECS = new Set(["h264", "hevc", "vp8", "vp9", "av1"]);

/** Reads a video's facts from ffmpeg's description of its input. Throws a MediaError for anything Loupe cannot keep. */
export async function probeVideo(input: { path: string; signal?: AbortSignal }): Promise<VideoFacts> {
  const { size } = await stat(input.path);
  if (size === 0) throw new MediaError({ reason: "no_frames" });
  const run = await runFfmpeg({ args: ["-i", input.path], signal: input.signal, timeoutMs: 30_000 });
  return parseProbe(run.stderr, size);
}

/** Parses `ffmpeg -i` output (exported for tests with recorded logs). */
export function parseProbe(log: string, bytes: number): VideoFacts {
  const format = /^Input #0, ([^,\n]+(?:,[^,\n]+)*?), from /m.exec(log)?.[1];
  if (!format) throw new MediaError({ reason: "unsupported_container" }, { cause: new Error(ffmpegFailure(log)) });
  const container = containerOf(format);
  if (!container) throw new MediaError({ reason: "unsupported_container", container: format.split(",")[0] });
  const video = /Stream #0:\d+(?:\[[^\]]*\])?(?:\([^)]*\))?: Video: ([^\n]+)/.exec(log)?.[1];
  if (!video) throw new MediaError({ reason: "no_frames" });
  const codec = /^([a-z0-9_]+)/i.exec(video)?.[1]?.toLowerCase() ?? "unknown";
  if (!PLAYABLE_VIDEO_CODECS.has(codec)) throw new MediaError({ reason: "unsupported_codec", codec: codecName(codec) });
  const dims = /,\s*(\d{2,5})x(\d{2,5})[\s,[]/.exec(`${video} `);
  if (!dims) throw new MediaError({ reason: "no_frames" });
  const rotated = Math.abs(rotationOf(log)) % 180 === 90;
  const [w, h] = [Number(dims[1]), Number(dims[2])];
  const audio = /Stream #0:\d+(?:\[[^\]]*\])?(?:\([^)]*\))?: Audio: ([a-z0-9_]+)/i.exec(log)?.[1]?.toLowerCase() ?? null;
  return {
    container,
    mediaType: container === "webm" ? "video/webm" : format.includes("mov") && /major_brand\s*:\s*qt/.test(log) ? "video/quicktime" : "video/mp4",
    videoCodec: codec,
    audioCodec: audio,
    width: rotated ? h : w,
    height: rotated ? w : h,
    fps: Number(/(\d+(?:\.\d+)?) fps/.exec(video)?.[1]) || null,
    durationSeconds: durationOf(log),
    bytes,
  };
}

function containerOf(format: string): VideoFacts["container"] | undefined {
  const names = format.split(",").map((n) => n.trim());
  if (names.includes("mp4") || names.includes("mov")) return "mp4";
  if (names.includes("webm") || names.includes("matroska")) return "webm";
  return undefined;
}

const CODEC_NAMES: Record<string, string> = { prores: "Apple ProRes", mjpeg: "Motion JPEG", mpeg4: "MPEG-4 Part 2", mpeg2video: "MPEG-2", theora: "Theora", dnxhd: "Avid DNxHD", rawvideo: "uncompressed video", png: "PNG frames", gif: "GIF" };
const codecName = (codec: string) => CODEC_NAMES[codec] ?? codec;

function durationOf(log: string): number {
  const match = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(log);
  if (!match) return 0;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Phones record portrait video as landscape pixels plus a rotation. */
function rotationOf(log: string): number {
  const rotate = /^\s*rotate\s*:\s*(-?\d+)/m.exec(log)?.[1];
  if (rotate) return Number(rotate);
  const matrix = /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(log)?.[1];
  return matrix ? Math.round(Number(matrix)) : 0;
}

/**
 * Decodes the first frame (and, with `whole`, every frame): a file whose header looks right but
 * whose frames do not decode is refused here, before anything is stored. Returns the frames seen.
 */
export async function checkDecodes(input: { path: string; whole?: boolean; signal?: AbortSignal; timeoutMs?: number }): Promise<number> {
  const run = await runFfmpeg({
    args: ["-v", "error", "-stats", "-i", input.path, "-map", "0:v:0", ...(input.whole ? [] : ["-frames:v", "1"]), "-f", "null", "-"],
    signal: input.signal,
    timeoutMs: input.timeoutMs ?? 120_000,
  });
  const frames = [...run.stderr.matchAll(/frame=\s*(\d+)/g)].map((m) => Number(m[1])).pop() ?? 0;
  if (frames === 0) throw new MediaError({ reason: "no_frames" }, { cause: new Error(ffmpegFailure(run.stderr)) });
  return frames;
}
