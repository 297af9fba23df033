import "server-only";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type { JSONOutputFormat } from "@anthropic-ai/sdk/resources/messages";
import { LoupeError } from "@/lib/errors";
import { clampScore, isRecord, round1, slug, truncate } from "../critique-output";
import { formatTimeMark, parseTimeMark, videoAspectKeys, videoCritiqueSchema, videoDescriptionSchema, type VideoCritique, type VideoDescription } from "@/lib/schemas/video";

/**
 * The JSON schemas Claude answers a video critique and a video description with (the SDK helper
 * moves bounds into descriptions and closes every object), and the parsers of its answers: small
 * deviations are repaired (a score of 10.5, a duplicate id, a mark written "00:02" or "2s"),
 * anything that is not recognisably the asked shape is a claude_error.
 */
export const videoCritiqueOutputFormat: JSONOutputFormat = { type: "json_schema", schema: zodOutputFormat(videoCritiqueSchema).schema };
export const videoDescriptionOutputFormat: JSONOutputFormat = { type: "json_schema", schema: zodOutputFormat(videoDescriptionSchema).schema };

export function parseVideoCritiqueAnswer(text: string): VideoCritique {
  const raw = parseJson(text, "a video critique");
  const parsed = videoCritiqueSchema.safeParse(repairCritique(raw));
  if (!parsed.success) throw new LoupeError("claude_error", { cause: parsed.error, message: "Claude answered with something that is not a video critique." });
  return parsed.data;
}

export function parseVideoDescriptionAnswer(text: string): VideoDescription {
  const raw = parseJson(text, "a video description");
  const parsed = videoDescriptionSchema.safeParse(repairDescription(raw));
  if (!parsed.success) throw new LoupeError("claude_error", { cause: parsed.error, message: "Claude answered with something that is not a video description." });
  return parsed.data;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(/^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text)?.[1] ?? text);
  } catch (cause) {
    throw new LoupeError("claude_error", { cause, message: `Claude answered with something that is not ${what}.` });
  }
}

/** "0:02" stays; "00:02", "2s", "2.5 s", "at 0:02" become "0:02" / "0:02.5". Anything else is left for the schema to refuse. */
export function normaliseMark(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim().replace(/^at\s+/i, "");
  if (parseTimeMark(text) !== null && !/^0\d:/.test(text)) return text;
  const seconds = parseTimeMark(text.replace(/^0(\d):/, "$1:")) ?? (/^(\d+(?:\.\d+)?)\s*s(?:ec(?:onds?)?)?$/i.test(text) ? Number.parseFloat(text) : null);
  if (seconds === null) return value;
  return formatTimeMark(seconds, { tenths: !Number.isInteger(Math.round(seconds * 10) / 10) });
}

function repairCritique(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const aspects = isRecord(raw.aspects) ? Object.fromEntries(videoAspectKeys.map((k) => [k, clampScore((raw.aspects as Record<string, unknown>)[k])])) : raw.aspects;
  const values = isRecord(aspects) ? Object.values(aspects).filter((v): v is number => typeof v === "number") : [];
  const overall = raw.overall === undefined && values.length === videoAspectKeys.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : clampScore(raw.overall);
  const seen = new Set<string>();
  const issues = Array.isArray(raw.issues)
    ? raw.issues.slice(0, 10).map((issue, index) => {
        if (!isRecord(issue)) return issue;
        let id = typeof issue.id === "string" ? slug(issue.id) : "";
        if (!id || seen.has(id)) id = `issue-${index + 1}`;
        seen.add(id);
        return { ...issue, id, at: normaliseMark(issue.at), problem: truncate(issue.problem, 600), fix: truncate(issue.fix, 600) };
      })
    : raw.issues;
  return {
    ...raw,
    overall,
    aspects,
    summary: truncate(raw.summary, 1200),
    strengths: Array.isArray(raw.strengths) ? raw.strengths.filter((s) => typeof s === "string" && s.trim()).slice(0, 8).map((s) => truncate(s, 400)) : raw.strengths,
    issues,
    revisedPrompt: truncate(raw.revisedPrompt, 4000),
  };
}

function repairDescription(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const marks = (list: unknown, keys: string[], max: number) =>
    Array.isArray(list) ? list.slice(0, max).map((item) => (isRecord(item) ? { ...item, ...Object.fromEntries(keys.map((k) => [k, normaliseMark(item[k])])) } : item)) : list;
  return {
    ...raw,
    summary: truncate(raw.summary, 1500),
    scenes: marks(raw.scenes, ["start", "end"], 20),
    onScreenText: marks(raw.onScreenText, ["at"], 30),
    speech: marks(raw.speech, ["at"], 40),
    audio: truncate(raw.audio, 400),
    keyInformation: Array.isArray(raw.keyInformation) ? raw.keyInformation.slice(0, 12).map((s) => truncate(s, 400)) : raw.keyInformation,
  };
}
