import "server-only";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type { JSONOutputFormat } from "@anthropic-ai/sdk/resources/messages";
import { LoupeError } from "@/lib/errors";
import { aspectKeys, critiqueSchema, type Critique } from "@/lib/schemas/critique";

/**
 * The JSON schema Claude must answer with. The SDK helper rewrites what the API rejects
 * (numeric bounds, string lengths, maxItems) into descriptions and closes every object with
 * `additionalProperties: false`; the bounds are enforced afterwards by `critiqueSchema`.
 */
export const critiqueOutputFormat: JSONOutputFormat = {
  type: "json_schema",
  // The region and moodboard verdicts are asked for only when there is an edit or a moodboard (edit/claude-edit.ts).
  schema: zodOutputFormat(critiqueSchema.omit({ region: true, references: true })).schema,
};

const limits = { summary: 1200, strength: 400, problem: 600, fix: 600, id: 40, prompt: 4000, strengths: 8, issues: 10 };

/**
 * Parses Claude's answer. Small deviations a model makes under structured output (a score of
 * 10.5, a missing or duplicate issue id, an over-long sentence) are repaired; anything that is
 * not recognisably a critique is rejected as `claude_error`.
 */
export function parseCritiqueAnswer(text: string): Critique {
  let raw: unknown;
  try {
    raw = JSON.parse(stripFences(text));
  } catch (cause) {
    throw new LoupeError("claude_error", { cause, message: "Claude answered with something that is not a critique." });
  }
  const parsed = critiqueSchema.safeParse(repair(raw));
  if (!parsed.success) {
    throw new LoupeError("claude_error", { cause: parsed.error, message: "Claude answered with something that is not a critique." });
  }
  return parsed.data;
}

export function stripFences(text: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return fenced?.[1] ?? text;
}

function repair(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const aspects = isRecord(raw.aspects)
    ? Object.fromEntries(aspectKeys.map((key) => [key, clampScore((raw.aspects as Record<string, unknown>)[key])]))
    : raw.aspects;
  const aspectValues = isRecord(aspects) ? Object.values(aspects).filter((v): v is number => typeof v === "number") : [];
  const overall =
    raw.overall === undefined && aspectValues.length === aspectKeys.length
      ? round1(aspectValues.reduce((a, b) => a + b, 0) / aspectValues.length)
      : clampScore(raw.overall);
  return {
    overall,
    aspects,
    summary: truncate(raw.summary, limits.summary),
    strengths: Array.isArray(raw.strengths)
      ? raw.strengths
          .filter((s) => typeof s === "string" && s.trim() !== "")
          .slice(0, limits.strengths)
          .map((s) => truncate(s, limits.strength))
      : raw.strengths,
    issues: Array.isArray(raw.issues) ? repairIssues(raw.issues) : raw.issues,
    revisedPrompt: typeof raw.revisedPrompt === "string" ? truncate(raw.revisedPrompt.trim(), limits.prompt) : raw.revisedPrompt,
  };
}

function repairIssues(issues: unknown[]): unknown[] {
  const seen = new Set<string>();
  return issues.slice(0, limits.issues).map((issue, index) => {
    if (!isRecord(issue)) return issue;
    let id = typeof issue.id === "string" ? slug(issue.id) : "";
    if (!id || seen.has(id)) id = `issue-${index + 1}`;
    seen.add(id);
    return {
      ...issue,
      id,
      problem: truncate(issue.problem, limits.problem),
      fix: truncate(issue.fix, limits.fix),
    };
  });
}

export function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, limits.id);
}

export function clampScore(value: unknown): unknown {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  return round1(Math.min(10, Math.max(0, value)));
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function truncate(value: unknown, max: number): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
