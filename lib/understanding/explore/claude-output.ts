import "server-only";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type { JSONOutputFormat } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import { LoupeError } from "@/lib/errors";
import { comparativePickSchema, draftLabels, type ComparativePick, type DraftLabel } from "@/lib/schemas/exploration";
import { MAX_MODEL_NOTES, modelNoteKinds, modelNoteSchema, noteConfidences, type ModelNote } from "@/lib/schemas/model-notes";
import { isRecord, slug, truncate } from "../critique-output";

/**
 * The answers of the exploration calls: their output formats (JSON schemas without the bounds the
 * API refuses, which the SDK helper moves into descriptions) and their parsers, which repair the
 * small deviations a model makes and refuse anything that is not recognisably the answer.
 */
const claudeDraft = z.object({
  prompt: z.string().describe("The complete prompt, in the style's form and the prompt's language."),
  takes: z.array(z.string()).describe("Ids of the fixes this draft applies."),
  reading: z.string().describe("One line: which fixes it takes and which reading it bets on."),
});

const claudeNote = z.object({
  id: z.string().describe("Short kebab-case slug, stable across updates."),
  kind: z.enum(modelNoteKinds),
  behaviour: z.string(),
  advice: z.string(),
  evidence: z.array(z.object({ round: z.number().int().nullable(), prompt: z.string(), observed: z.string() })),
  confidence: z.enum(noteConfidences),
});

function pickShape(labels: readonly DraftLabel[]) {
  const label = z.enum(labels as [DraftLabel, ...DraftLabel[]]);
  return z.object({
    winner: label,
    reasons: z.array(z.string()),
    perImage: z.array(z.object({ label, note: z.string() })),
    beatsBest: z.boolean(),
    versusBest: z.string(),
  });
}

const format = (schema: z.ZodType): JSONOutputFormat => ({ type: "json_schema", schema: zodOutputFormat(schema).schema });

export const draftsOutputFormat = format(z.object({ drafts: z.array(claudeDraft) }));
export const notesOutputFormat = format(z.object({ notes: z.array(claudeNote) }));
/** The winner and the per-image labels are an enum of the labels actually shown. */
export const pickOutputFormat = (labels: readonly DraftLabel[]) => format(pickShape(labels));
export const reviewOutputFormat = (labels: readonly DraftLabel[]) => format(z.object({ pick: pickShape(labels), notes: z.array(claudeNote), drafts: z.array(claudeDraft) }));

export function parseJsonAnswer(text: string, what: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(/^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text)?.[1] ?? text);
    if (isRecord(raw)) return raw;
  } catch {
    // Falls through to the same refusal.
  }
  throw new LoupeError("claude_error", { message: `Claude answered with something that is not ${what}.` });
}

/** Drafts as Claude wrote them, trimmed; empty prompts are left out (the repair fills their place). */
export function parseDrafts(raw: unknown): Array<{ prompt: string; takes: string[]; reading: string }> {
  if (!Array.isArray(raw)) throw new LoupeError("claude_error", { message: "Claude answered without drafts." });
  return raw.filter(isRecord).flatMap((d) => {
    const prompt = typeof d.prompt === "string" ? d.prompt.trim() : "";
    if (!prompt) return [];
    const takes = Array.isArray(d.takes) ? d.takes.filter((t): t is string => typeof t === "string" && t.trim() !== "").map((t) => t.trim().slice(0, 40)).slice(0, 10) : [];
    const reading = (truncate(typeof d.reading === "string" && d.reading.trim() ? d.reading : "—", 300) as string) || "—";
    return [{ prompt, takes, reading }];
  });
}

export function parsePick({ raw, labels, hasBest }: { raw: unknown; labels: readonly DraftLabel[]; hasBest: boolean }): ComparativePick {
  const bad = () => new LoupeError("claude_error", { message: "Claude answered with something that is not a pick." });
  if (!isRecord(raw) || typeof raw.winner !== "string" || !labels.includes(raw.winner.trim().toUpperCase() as DraftLabel)) throw bad();
  const notes = Array.isArray(raw.perImage) ? raw.perImage.filter(isRecord) : [];
  const parsed = comparativePickSchema.safeParse({
    winner: raw.winner.trim().toUpperCase(),
    reasons: (Array.isArray(raw.reasons) ? raw.reasons : []).filter((r): r is string => typeof r === "string" && r.trim() !== "").slice(0, 4).map((r) => truncate(r, 400)),
    // One line per render shown, in label order; a render Claude skipped says so.
    perImage: labels.map((label) => {
      const note = notes.find((n) => typeof n.label === "string" && n.label.trim().toUpperCase() === label)?.note;
      return { label, note: typeof note === "string" && note.trim() ? truncate(note, 300) : "—" };
    }),
    beatsBest: hasBest ? raw.beatsBest === true : true,
    versusBest: hasBest && typeof raw.versusBest === "string" ? truncate(raw.versusBest, 400) : "",
  });
  if (!parsed.success) throw bad();
  return parsed.data;
}

/**
 * Claude's updated notes merged with the designer's: a note the designer wrote or edited stays
 * exactly as it is, whatever Claude answered for its id; Claude's own notes are validated and
 * repaired (ids slugged and unique, lines cut to length), and at most 12 are kept.
 */
export function mergeNotes({ raw, current, source }: { raw: unknown; current: readonly ModelNote[]; source: "claude" }): ModelNote[] {
  if (!Array.isArray(raw)) throw new LoupeError("claude_error", { message: "Claude answered without notes." });
  const designer = current.filter((n) => n.source === "designer");
  const taken = new Set(designer.map((n) => n.id));
  const written: ModelNote[] = [];
  for (const item of raw.filter(isRecord)) {
    let id = typeof item.id === "string" ? slug(item.id).slice(0, 60) : "";
    if (designer.some((n) => n.id === id)) continue;
    if (!id || taken.has(id)) id = `note-${taken.size + 1}`;
    const note = modelNoteSchema.safeParse({
      id,
      kind: item.kind,
      behaviour: truncate(item.behaviour, 300),
      advice: truncate(item.advice, 300),
      evidence: (Array.isArray(item.evidence) ? item.evidence : []).filter(isRecord).slice(-8).map((e) => ({
        ...(typeof e.round === "number" && Number.isInteger(e.round) && e.round >= 0 ? { round: e.round } : {}),
        prompt: truncate(typeof e.prompt === "string" ? e.prompt : "", 300),
        observed: truncate(typeof e.observed === "string" && e.observed.trim() ? e.observed : "—", 300),
      })),
      confidence: item.confidence,
      source,
    });
    if (!note.success) continue;
    taken.add(id);
    written.push(note.data);
  }
  return [...designer, ...written].slice(0, MAX_MODEL_NOTES);
}

export const labelsFor = (count: number): DraftLabel[] => draftLabels.slice(0, count);
