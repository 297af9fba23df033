import "server-only";
import type { VideoAspectRatio, VideoParams, VideoResolution } from "@/lib/schemas/video";
import type { VideoCapability } from "./capabilities";

/**
 * A clip request shaped to what one model offers: the duration snapped to the nearest length it
 * makes, the aspect ratio and resolution to the closest it has. Every change is said in a
 * warning, so the designer knows why the clip is not exactly what was asked. Pure.
 */
export type VideoCall = {
  duration: number;
  aspectRatio: VideoAspectRatio;
  resolution: VideoResolution;
  /** Pixel size of the resolution at the aspect ratio (even numbers), e.g. 1280×720. */
  width: number;
  height: number;
  /** Sent only where the model reproduces clips from it. */
  seed?: number;
  warnings: string[];
};

const SHORT_EDGE: Record<VideoResolution, number> = { "360p": 360, "480p": 480, "720p": 720, "1080p": 1080 };

const ratioValue = (ratio: string) => {
  const [w, h] = ratio.split(":").map(Number) as [number, number];
  return w / h;
};

function nearest<T>(items: readonly T[], distance: (item: T) => number): T {
  return [...items].sort((a, b) => distance(a) - distance(b))[0]!;
}

export function pixelSize(resolution: VideoResolution, aspectRatio: VideoAspectRatio): { width: number; height: number } {
  const short = SHORT_EDGE[resolution];
  const ratio = ratioValue(aspectRatio);
  const long = Math.round((short * Math.max(ratio, 1 / ratio)) / 2) * 2;
  return ratio >= 1 ? { width: long, height: short } : { width: short, height: long };
}

export function translateVideoParams({ capability, params }: { capability: VideoCapability; params: VideoParams }): VideoCall {
  const warnings: string[] = [];
  const name = capability.name;
  const duration = nearest(capability.durations, (d) => Math.abs(d - params.durationSeconds) - d / 1000);
  if (duration !== params.durationSeconds) {
    warnings.push(`${name} makes ${listOf(capability.durations.map((d) => `${d}`))} s clips: ${params.durationSeconds} s became ${duration} s.`);
  }
  const aspectRatio = nearest(capability.aspectRatios, (r) => Math.abs(Math.log(ratioValue(r) / ratioValue(params.aspectRatio))));
  if (aspectRatio !== params.aspectRatio) warnings.push(`${name} has no ${params.aspectRatio} clips; it renders ${aspectRatio}.`);
  const asked = params.resolution;
  const resolution = asked ? nearest(capability.resolutions, (r) => Math.abs(SHORT_EDGE[r] - SHORT_EDGE[asked])) : capability.resolutions[0]!;
  if (asked && resolution !== asked) warnings.push(`${name} has no ${asked}; it renders ${resolution}.`);
  if (params.audio === true && capability.audio === "none") warnings.push(`${name} makes silent clips; the clip will have no sound.`);
  if (params.audio === false && capability.audio === "always") warnings.push(`${name} always adds a soundtrack.`);
  const seed = capability.seed ? params.seed : undefined;
  return { duration, aspectRatio, resolution, ...pixelSize(resolution, aspectRatio), ...(seed !== undefined ? { seed } : {}), warnings };
}

/** "5 or 9", "4, 6 or 8", "1–15". */
function listOf(values: string[]): string {
  const numbers = values.map(Number);
  const consecutive = numbers.length > 3 && numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  if (consecutive) return `${numbers[0]}–${numbers.at(-1)}`;
  return values.length === 1 ? values[0]! : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}
