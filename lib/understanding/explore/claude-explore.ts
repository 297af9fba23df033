import "server-only";
import type Anthropic from "@anthropic-ai/sdk";
import type { ContentBlockParam, JSONOutputFormat, Message } from "@anthropic-ai/sdk/resources/messages";
import { LoupeError } from "@/lib/errors";
import type { Usage } from "@/lib/schemas/critique";
import type { DraftLabel } from "@/lib/schemas/exploration";
import { modelTarget, type ModelNotes } from "@/lib/schemas/model-notes";
import { cachedRequest, notesBlock } from "../caching/prefix";
import { prepareImageForClaude } from "../claude-image";
import type { CritiqueInput, UnderstandingEngine } from "../types";
import { labelsFor, draftsOutputFormat, mergeNotes, notesOutputFormat, parseDrafts, parseJsonAnswer, parsePick, pickOutputFormat, reviewOutputFormat } from "./claude-output";
import { checkedCandidates, draftCount, fixesOf } from "./offline-explore";
import {
  DRAFTS_SYSTEM_PROMPT,
  NOTES_SYSTEM_PROMPT,
  PICK_SYSTEM_PROMPT,
  REVIEW_SYSTEM_PROMPT,
  bestBlock,
  candidateBlock,
  draftsUserMessage,
  notesUserMessage,
  pickInstruction,
  reviewInstruction,
} from "./prompts";
import type { PickCandidate, WriteDraftsInput, WriteDraftsOutput } from "./types";
import { repairDrafts } from "./variants";

export const DRAFTS_MAX_TOKENS = 3072;
export const PICK_MAX_TOKENS = 1536;
export const NOTES_MAX_TOKENS = 2048;
export const REVIEW_MAX_TOKENS = 6144;

type ExploreMethods = Pick<UnderstandingEngine, "writeDrafts" | "pickBest" | "writeModelNotes" | "reviewRound">;

export type ClaudeExploreDeps = {
  client: Anthropic;
  refineModel: string;
  critiqueModel: string;
  call: <T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  textOf(message: Message): string;
  toUsage(usage: Message["usage"]): Usage;
  revise: UnderstandingEngine["revise"];
  referenceContent(reference: NonNullable<CritiqueInput["reference"]>): Promise<ContentBlockParam[]>;
};

/**
 * Exploration on Claude. Drafts and notes are text calls on the refine model; the pick and the
 * round review see images, on the critique model. Every call has the cached shape of
 * caching/prefix.ts: handbook and task, then references and model notes, then this call's images
 * and words.
 */
export function claudeExploreMethods(deps: ClaudeExploreDeps): ExploreMethods {
  const ask = async ({ model, maxTokens, task, references, notes, volatile, format, signal, what }: {
    model: string;
    maxTokens: number;
    task: string;
    references?: ContentBlockParam[];
    notes?: string;
    volatile: ContentBlockParam[];
    format: JSONOutputFormat;
    signal?: AbortSignal;
    what: string;
  }) => {
    const message = await deps.call(signal, (signal) =>
      deps.client.messages.create({ model, max_tokens: maxTokens, ...cachedRequest({ task, references, notes, volatile }), output_config: { format } }, { signal }),
    );
    if (message.stop_reason === "refusal") throw new LoupeError("claude_error", { message: `Claude declined to write ${what}.` });
    if (message.stop_reason === "max_tokens") throw new LoupeError("claude_error", { message: `Claude's ${what} was cut off; try again.` });
    return { raw: parseJsonAnswer(deps.textOf(message), what), usage: deps.toUsage(message.usage) };
  };

  const writeDrafts = async (input: WriteDraftsInput): Promise<WriteDraftsOutput> => {
    const k = draftCount(input.k);
    const fixes = fixesOf(input);
    if (k === 0) return { drafts: [], usage: zeroUsage(), model: deps.refineModel, repaired: [], dropped: 0 };
    // One draft answering a critique is today's revision: the same call, the same shortcuts.
    if (k === 1 && input.critique) {
      const out = await deps.revise({ ...input, critique: input.critique });
      return { drafts: [{ label: "A", prompt: out.prompt, takes: fixes.map((f) => f.id), reading: "Takes the kept fixes.", source: "claude" }], usage: out.usage, model: out.model, repaired: [], dropped: 0 };
    }
    if (k === 1) return { drafts: [{ label: "A", prompt: input.prompt, takes: [], reading: "The prompt as it stands.", source: "claude" }], usage: zeroUsage(), model: deps.refineModel, repaired: [], dropped: 0 };
    const { raw, usage } = await ask({
      model: deps.refineModel,
      maxTokens: DRAFTS_MAX_TOKENS,
      task: DRAFTS_SYSTEM_PROMPT,
      notes: notesFor(input.notes),
      volatile: [{ type: "text", text: draftsUserMessage({ prompt: input.prompt, draft: input.draft, issues: fixes, note: input.note?.trim() || undefined, k, style: input.style, language: input.language }) }],
      format: draftsOutputFormat,
      signal: input.signal,
      what: "drafts",
    });
    const checked = repairDrafts({ drafts: parseDrafts(raw.drafts), base: input.prompt, fixes, notes: input.notes?.notes, k, style: input.style, language: input.language });
    return { ...checked, usage, model: deps.refineModel };
  };

  /** The candidates' blocks: the best so far first (labelled as such), then A, B, … each before its image. */
  const imageBlocks = async ({ candidates, best, withIssues }: { candidates: readonly PickCandidate[]; best?: PickCandidate; withIssues: boolean }) => {
    const labels = labelsFor(candidates.length);
    const blocks: ContentBlockParam[] = [];
    if (best) blocks.push({ type: "text", text: bestBlock({ prompt: best.prompt, critique: best.critique, withIssues }) }, await imageBlock(best));
    for (const [i, candidate] of candidates.entries()) {
      blocks.push({ type: "text", text: candidateBlock({ label: labels[i]!, prompt: candidate.prompt, critique: candidate.critique, withIssues }) }, await imageBlock(candidate));
    }
    return { labels, blocks };
  };

  return {
    writeDrafts,

    async pickBest(input) {
      const candidates = checkedCandidates(input.candidates);
      const { labels, blocks } = await imageBlocks({ candidates, best: input.best, withIssues: false });
      const { raw, usage } = await ask({
        model: deps.critiqueModel,
        maxTokens: PICK_MAX_TOKENS,
        task: PICK_SYSTEM_PROMPT,
        references: input.reference ? await deps.referenceContent(input.reference) : undefined,
        notes: notesFor(input.notes),
        volatile: [...blocks, { type: "text", text: pickInstruction({ draft: input.draft, labels, language: input.language, hasBest: Boolean(input.best) }) }],
        format: pickOutputFormat(labels),
        signal: input.signal,
        what: "a pick",
      });
      const pick = parsePick({ raw, labels, hasBest: Boolean(input.best) });
      return { pick, winnerIndex: labels.indexOf(pick.winner), usage, model: deps.critiqueModel };
    },

    async writeModelNotes(input) {
      const { raw, usage } = await ask({
        model: deps.refineModel,
        maxTokens: NOTES_MAX_TOKENS,
        task: NOTES_SYSTEM_PROMPT,
        volatile: [{ type: "text", text: notesUserMessage({ target: modelTarget(input.notes), notes: input.notes.notes, draft: input.draft, attempts: input.attempts, round: input.round, language: input.language }) }],
        format: notesOutputFormat,
        signal: input.signal,
        what: "model notes",
      });
      return { notes: { ...input.notes, notes: mergeNotes({ raw: raw.notes, current: input.notes.notes, source: "claude" }) }, usage, model: deps.refineModel };
    },

    async reviewRound(input) {
      const candidates = checkedCandidates(input.candidates);
      const k = draftCount(input.nextDrafts);
      const { labels, blocks } = await imageBlocks({ candidates, best: input.best, withIssues: true });
      const { raw, usage } = await ask({
        model: deps.critiqueModel,
        maxTokens: REVIEW_MAX_TOKENS,
        task: REVIEW_SYSTEM_PROMPT,
        references: input.reference ? await deps.referenceContent(input.reference) : undefined,
        notes: notesFor(input.notes),
        volatile: [
          ...blocks,
          { type: "text", text: reviewInstruction({ draft: input.draft, labels, hasBest: Boolean(input.best), round: input.round, target: modelTarget(input.notes), notes: input.notes.notes, k, style: input.style, language: input.language }) },
        ],
        format: reviewOutputFormat(labels),
        signal: input.signal,
        what: "a round review",
      });
      const pick = parsePick({ raw: raw.pick, labels, hasBest: Boolean(input.best) });
      const winnerIndex = labels.indexOf(pick.winner as DraftLabel);
      const notes: ModelNotes = { ...input.notes, notes: mergeNotes({ raw: raw.notes, current: input.notes.notes, source: "claude" }) };
      // The drafts start from the best image after the pick, as the task asked.
      const from = pick.beatsBest || !input.best ? candidates[winnerIndex]! : input.best;
      const next = k === 0 ? { drafts: [], repaired: [], dropped: 0 } : repairDrafts({ drafts: parseDrafts(raw.drafts), base: from.prompt, fixes: fixesOf({ critique: from.critique }), notes: notes.notes, k, style: input.style, language: input.language });
      return { pick, winnerIndex, notes, ...next, usage, model: deps.critiqueModel };
    },
  };
}

async function imageBlock(candidate: PickCandidate): Promise<ContentBlockParam> {
  const prepared = await prepareImageForClaude(candidate.image);
  return { type: "image", source: { type: "base64", media_type: prepared.mediaType, data: prepared.base64 } };
}

function notesFor(notes: ModelNotes | undefined): string | undefined {
  return notes ? notesBlock({ target: modelTarget(notes), notes: notes.notes }) : undefined;
}

function zeroUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
}
