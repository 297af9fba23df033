import "server-only";
/**
 * Which moments of a clip Claude (or the Offline engine) looks at. Pure, so each rule has a test.
 *
 * Even spacing covers the whole clip; scene changes add the first frame of each new shot, so a
 * cut between two even samples is not missed. How many depends on the duration: about one frame
 * a second for short clips (motion and text reveals happen within seconds), thinning out for
 * longer ones. Claude takes up to 100 images per request; the caps below stay far under that and
 * keep a request's image tokens bounded (~1,800 tokens per 1568 px 16:9 frame).
 */

/** Even samples, then at most this many scene frames, and never more than MAX_FRAMES in all. */
export const MAX_EVEN_FRAMES = 32;
export const MAX_SCENE_FRAMES = 16;
export const MAX_FRAMES = 40;

export function evenFrameCount(durationSeconds: number): number {
  const d = Math.max(0, durationSeconds);
  // ≤ 8 s: one a second (at least 4); to a minute: one every 3 s more; beyond: one every 20 s more.
  const count = d <= 8 ? Math.ceil(d) : d <= 60 ? 8 + (d - 8) / 3 : 8 + 52 / 3 + (d - 60) / 20;
  return Math.max(4, Math.min(MAX_EVEN_FRAMES, Math.round(count)));
}

/** The middle of each of `count` equal slices: no frame sits on the very first or last instant, where fades live. */
export function evenTimes(durationSeconds: number, count = evenFrameCount(durationSeconds)): number[] {
  return Array.from({ length: count }, (_, i) => round3(((i + 0.5) * durationSeconds) / count));
}

/** Scene changes closer together than this are one change (a flash, a fast pan). */
export function minSceneGap(durationSeconds: number): number {
  return round3(Math.max(0.25, durationSeconds / (2 * evenFrameCount(durationSeconds))));
}

export type SampledTime = { at: number; reason: "even" | "scene"; sceneScore?: number };

/**
 * Even times plus the strongest scene changes (by score), without two samples nearer than the
 * scene gap (an even sample yields to a scene change beside it: the cut's first frame says more),
 * sorted by time and capped at MAX_FRAMES.
 */
export function chooseTimes(input: { durationSeconds: number; scenes: Array<{ at: number; score: number }> }): SampledTime[] {
  const gap = minSceneGap(input.durationSeconds);
  const scenes = [...input.scenes]
    .filter((s) => s.at > 0.05)
    .sort((a, b) => b.score - a.score)
    .reduce<Array<{ at: number; score: number }>>((kept, s) => (kept.some((k) => Math.abs(k.at - s.at) < gap) || kept.length >= MAX_SCENE_FRAMES ? kept : [...kept, s]), []);
  const even = evenTimes(input.durationSeconds).filter((t) => !scenes.some((s) => Math.abs(s.at - t) < gap / 2));
  const all: SampledTime[] = [...even.map((at) => ({ at, reason: "even" as const })), ...scenes.map((s) => ({ at: round3(s.at), reason: "scene" as const, sceneScore: round3(s.score) }))];
  all.sort((a, b) => a.at - b.at);
  if (all.length <= MAX_FRAMES) return all;
  // Too many: keep every scene change and thin the even samples evenly.
  const keepEven = MAX_FRAMES - scenes.length;
  const evens = all.filter((t) => t.reason === "even");
  const step = evens.length / keepEven;
  const keptEven = new Set(Array.from({ length: keepEven }, (_, i) => evens[Math.floor(i * step)]!));
  return all.filter((t) => t.reason === "scene" || keptEven.has(t));
}

/**
 * Long edge of each frame sent: 1568 px (Claude's useful maximum) for a handful, smaller when
 * there are many, so a request's image tokens stay bounded.
 */
export function frameEdge(count: number): number {
  if (count <= 12) return 1568;
  if (count <= 24) return 1024;
  return 768;
}

/** Whether two frames' times need tenths to tell apart ("0:01.5"): frames less than a second apart. */
export function needsTenths(times: number[]): boolean {
  const seconds = times.map((t) => Math.floor(t + 1e-6));
  return new Set(seconds).size < seconds.length;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
