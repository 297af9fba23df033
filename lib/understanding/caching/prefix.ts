import "server-only";
import type { ContentBlockParam, MessageParam, TextBlockParam } from "@anthropic-ai/sdk/resources/messages";
import type { ModelNote } from "@/lib/schemas/model-notes";
import { HANDBOOK } from "./handbook";
import { MAX_CACHE_BREAKPOINTS } from "@/lib/schemas/claude-cache-minimums";

/**
 * The shape of every Claude call that writes or judges prompts: the stable parts first, each
 * closed by a cache breakpoint, then what changes from call to call.
 *
 *   system:  [handbook ▮] [task ▮]               same for every call of a kind, on any project
 *   user:    [references … ▮] [model notes ▮]     same for every call of a project / of a round
 *            [the image under review, the prompt, the draft …]   this call only
 *
 * A breakpoint after the handbook lets calls of different kinds on the same model share it (the
 * API keys a cache entry by everything before the breakpoint — model, output schema, tools,
 * system, messages — so kinds with different output schemas keep entries of their own); the one
 * after the task serves every call of that kind; the reference and notes breakpoints serve the
 * k critiques of a round, which differ only in their image and prompt. Four at most (the API's limit).
 */
const ephemeral = { type: "ephemeral" } as const;

export type CachedRequestParts = {
  /** What this call must do: stable per kind of call (prompts.ts, explore/prompts.ts). */
  task: string;
  /** The project's reference images and their descriptions, already as blocks; stable for the project. */
  references?: ContentBlockParam[];
  /** The model notes as one text block (notesBlock); stable within a round. */
  notes?: string;
  /** Everything that changes per call, last. */
  volatile: ContentBlockParam[];
};

export function cachedRequest(parts: CachedRequestParts): { system: TextBlockParam[]; messages: MessageParam[] } {
  const system: TextBlockParam[] = [
    { type: "text", text: HANDBOOK, cache_control: ephemeral },
    { type: "text", text: parts.task, cache_control: ephemeral },
  ];
  const content: ContentBlockParam[] = [...markLast(parts.references ?? [])];
  if (parts.notes) content.push({ type: "text", text: parts.notes, cache_control: ephemeral });
  content.push(...parts.volatile);
  return { system, messages: [{ role: "user", content }] };
}

/** The last block of a stable run carries the breakpoint; the blocks before it are in its prefix. */
function markLast(blocks: ContentBlockParam[]): ContentBlockParam[] {
  if (blocks.length === 0) return blocks;
  const last = blocks.at(-1)!;
  return [...blocks.slice(0, -1), { ...last, cache_control: ephemeral } as ContentBlockParam];
}

/** How many breakpoints a built request carries; never more than the API allows. */
export function breakpointsOf(request: { system: TextBlockParam[]; messages: MessageParam[] }): number {
  const marked = (block: unknown) => typeof block === "object" && block !== null && "cache_control" in block && Boolean((block as { cache_control?: unknown }).cache_control);
  const count =
    request.system.filter(marked).length +
    request.messages.reduce((sum, m) => sum + (typeof m.content === "string" ? 0 : m.content.filter(marked).length), 0);
  if (count > MAX_CACHE_BREAKPOINTS) throw new Error(`A request may carry ${MAX_CACHE_BREAKPOINTS} cache breakpoints, not ${count}.`);
  return count;
}

/**
 * The model notes for the model that will render, as the prefix carries them: one line a note,
 * its confidence and where it was seen. Written in a fixed order (the notes' own) so the same
 * notes are the same bytes, and a round's critiques read one cache entry.
 */
export function notesBlock({ target, notes }: { target: string; notes: readonly ModelNote[] }): string | undefined {
  if (notes.length === 0) return undefined;
  const lines = notes.map((note) => {
    const rounds = [...new Set(note.evidence.flatMap((e) => (e.round === undefined ? [] : [e.round])))];
    const seen = rounds.length > 0 ? ` (seen in round${rounds.length > 1 ? "s" : ""} ${rounds.join(", ")})` : "";
    const by = note.source === "designer" ? " [written by the designer]" : "";
    return `- [${note.kind} · ${note.confidence}] ${note.behaviour} → ${note.advice}${seen}${by}`;
  });
  return `<model_notes target="${target}">\nWhat this model has done with kinds of instructions; follow each note's advice when writing for it, and check for it when judging its renders.\n${lines.join("\n")}\n</model_notes>`;
}
