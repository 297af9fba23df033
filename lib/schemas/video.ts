import { critiqueIssueSchema } from "./critique";
import { MAX_SEED } from "./params";
import { MAX_CLIP_SECONDS, videoAspectRatios } from "./video-limits";
import { z } from "./zod";

/*
 * Video, as both pipelines and the browser share it: what a clip render asks for, time marks,
 * and the structured answers of a video critique and a video description. Browser-safe.
 */

export { MAX_CLIP_SECONDS, videoAspectRatios, type VideoAspectRatio } from "./video-limits";

export const videoResolutions = ["360p", "480p", "720p", "1080p"] as const;
export type VideoResolution = (typeof videoResolutions)[number];


/** What the designer asks of a clip. Each provider translates it to what its model offers. */
export const videoParamsSchema = z.object({
  /** A video provider id, or "auto". */
  providerId: z.string().min(1).max(64).default("local"),
  model: z.string().min(1).max(128).optional(),
  aspectRatio: z.enum(videoAspectRatios).default("16:9"),
  durationSeconds: z.number().int().min(1).max(MAX_CLIP_SECONDS).default(5),
  resolution: z.enum(videoResolutions).optional(),
  /** Ask for a soundtrack where the model can make one; models without audio ignore it (with a warning). */
  audio: z.boolean().optional(),
  seed: z.number().int().min(0).max(MAX_SEED).optional(),
});
export type VideoParams = z.infer<typeof videoParamsSchema>;

/* ---------- time marks ---------- */

const TIME_MARK = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d))?$/;

/**
 * "0:02", "1:05", "1:02:03"; with `tenths`, "0:01.5" — for short clips whose frames lie less
 * than a second apart, so that no two frames carry the same label.
 */
export function formatTimeMark(seconds: number, options: { tenths?: boolean } = {}): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const total = options.tenths ? Math.floor(safe * 10 + 1e-6) / 10 : Math.floor(safe + 1e-6);
  const whole = Math.floor(total);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const tail = options.tenths ? `.${Math.round((total - whole) * 10) % 10}` : "";
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}${tail}` : `${m}:${ss}${tail}`;
}

/** Seconds of a time mark, or null when it is not one. */
export function parseTimeMark(mark: string): number | null {
  const match = TIME_MARK.exec(mark.trim());
  if (!match) return null;
  const [, h, m, s, tenth] = match;
  if (Number(s) > 59 || (h !== undefined && Number(m) > 59)) return null;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(tenth ?? 0) / 10;
}

export const isTimeMark = (value: string) => parseTimeMark(value) !== null;

/** No `pattern` in the JSON schema (structured output may reject it): the mark is checked after parsing. */
const timeMarkSchema = z.string().min(1).max(12).describe('A time mark like "0:02" or "0:01.5", as the frames are labelled.').refine(isTimeMark, "Not a time mark like 0:02.");

/* ---------- video critique ---------- */

export const videoAspectKeys = ["promptAdherence", "motion", "composition", "text", "artifacts"] as const;
export type VideoAspectKey = (typeof videoAspectKeys)[number];

export const videoAspectLabels: Record<VideoAspectKey, string> = {
  promptAdherence: "Prompt adherence",
  motion: "Motion & temporal consistency",
  composition: "Composition",
  text: "Text",
  artifacts: "Artifacts",
};

const score = z.number().min(0).max(10);

/** An image critique's issue, judged on the clip's aspects, with when it starts. */
export const videoCritiqueIssueSchema = critiqueIssueSchema.extend({
  aspect: z.enum(videoAspectKeys),
  /** When the problem starts. */
  at: timeMarkSchema,
});
export type VideoCritiqueIssue = z.infer<typeof videoCritiqueIssueSchema>;

/** A clip's critique, from its frames (and transcript); Claude's answer is validated against it. */
export const videoCritiqueSchema = z.object({
  overall: score,
  aspects: z.object({ promptAdherence: score, motion: score, composition: score, text: score, artifacts: score }),
  summary: z.string().min(1).max(1200),
  strengths: z.array(z.string().min(1).max(400)).max(8),
  issues: z.array(videoCritiqueIssueSchema).max(10),
  revisedPrompt: z.string().min(1).max(4000),
});
export type VideoCritique = z.infer<typeof videoCritiqueSchema>;

/** "0:02 — the logo warps": how an issue reads wherever it is shown. */
export function issueHeadline(issue: Pick<VideoCritiqueIssue, "at" | "problem">): string {
  return `${issue.at} — ${issue.problem}`;
}

/* ---------- video description ---------- */

export const videoDescriptionSchema = z.object({
  summary: z.string().min(1).max(1500),
  scenes: z.array(z.object({ start: timeMarkSchema, end: timeMarkSchema, description: z.string().min(1).max(600) })).max(20),
  onScreenText: z.array(z.object({ at: timeMarkSchema, text: z.string().min(1).max(400) })).max(30),
  speech: z.array(z.object({ at: timeMarkSchema, text: z.string().min(1).max(600) })).max(40),
  /** What is heard: silence, music, speech, and how loud — in words. */
  audio: z.string().min(1).max(400),
  keyInformation: z.array(z.string().min(1).max(400)).max(12),
});
export type VideoDescription = z.infer<typeof videoDescriptionSchema>;
