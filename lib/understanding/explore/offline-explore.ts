import "server-only";
import { zeroUsage } from "@/lib/schemas/critique";
import { draftLabels, MAX_DRAFTS, type Draft } from "@/lib/schemas/exploration";
import { applyFixes } from "../offline/revise";
import { acceptedIssues, type UnderstandingEngine } from "../types";
import { offlineModelNotes } from "./offline-notes";
import { offlinePick } from "./offline-pick";
import type { WriteDraftsInput, WriteDraftsOutput } from "./types";
import { variantDrafts, type VariantFix } from "./variants";

type ExploreMethods = Pick<UnderstandingEngine, "writeDrafts" | "pickBest" | "writeModelNotes" | "reviewRound">;

/** The Offline engine's exploration: deterministic drafts, a pairwise pick on pixel metrics, notes from measurements. */
export function offlineExploreMethods({ model, revise }: { model: string; revise: UnderstandingEngine["revise"] }): ExploreMethods {
  const writeDrafts = async (input: WriteDraftsInput): Promise<WriteDraftsOutput> => {
    input.signal?.throwIfAborted();
    const k = draftCount(input.k);
    if (k === 0) return { drafts: [], usage: zeroUsage, model, repaired: [], dropped: 0 };
    const fixes = input.critique ? fixesOf(input) : [];
    // One draft answering a critique is today's revision, word for word.
    if (k === 1 && input.critique) {
      const out = await revise({ ...input, critique: input.critique });
      return { drafts: [{ label: "A", prompt: out.prompt, takes: fixes.map((f) => f.id), reading: readingOfRevision(input.language, fixes), source: "offline" }], usage: out.usage, model: out.model, repaired: [], dropped: 0 };
    }
    const note = input.note?.trim();
    const base = note ? applyFixes({ prompt: input.prompt, issues: [], note }) : input.prompt;
    const variants = variantDrafts({ prompt: base, fixes, notes: input.notes?.notes, k, style: input.style, language: input.language });
    const drafts: Draft[] = variants.map((v, i) => ({ ...v, label: draftLabels[i]!, source: "offline" }));
    return { drafts, usage: zeroUsage, model, repaired: [], dropped: k - drafts.length };
  };

  return {
    writeDrafts,

    async pickBest({ draft, candidates, best, language, signal }) {
      signal?.throwIfAborted();
      const { pick, winnerIndex } = await offlinePick({ draft, candidates: checkedCandidates(candidates), best, language });
      return { pick, winnerIndex, usage: zeroUsage, model };
    },

    async writeModelNotes({ notes, attempts, round, language, signal }) {
      signal?.throwIfAborted();
      return { notes: offlineModelNotes({ notes, attempts, round, language }), usage: zeroUsage, model };
    },

    async reviewRound(input) {
      input.signal?.throwIfAborted();
      const { pick, winnerIndex } = await offlinePick({ draft: input.draft, candidates: checkedCandidates(input.candidates), best: input.best, language: input.language });
      const attempts = input.candidates.map((c) => ({ round: input.round, prompt: c.prompt, critique: c.critique }));
      const notes = offlineModelNotes({ notes: input.notes, attempts, round: input.round, language: input.language });
      // The next drafts improve the best image after this pick, with the notes just written.
      const from = pick.beatsBest || !input.best ? input.candidates[winnerIndex]! : input.best;
      const next = await writeDrafts({ prompt: from.prompt, draft: input.draft, critique: from.critique, k: input.nextDrafts, style: input.style, notes, language: input.language, signal: input.signal });
      return { pick, winnerIndex, notes, drafts: next.drafts, repaired: next.repaired, dropped: next.dropped, usage: next.usage, model };
    },
  };
}

/** 0 to 4; anything else is a caller's mistake, said plainly. */
export function draftCount(k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > MAX_DRAFTS) throw new Error(`A round has 0 to ${MAX_DRAFTS} drafts, not ${k}.`);
  return k;
}

export function checkedCandidates<T>(candidates: readonly T[]): readonly T[] {
  if (candidates.length === 0 || candidates.length > MAX_DRAFTS) throw new Error(`A pick compares 1 to ${MAX_DRAFTS} renders, not ${candidates.length}.`);
  return candidates;
}

/** The kept issues, with the designer's edits, as the variant writer takes them. */
export function fixesOf(input: Pick<WriteDraftsInput, "critique" | "acceptedIssueIds" | "editedFixes">): VariantFix[] {
  if (!input.critique) return [];
  const critique = input.critique;
  return acceptedIssues({ ...input, critique }).map((issue) => ({
    id: issue.id,
    problem: issue.problem,
    fix: issue.fix,
    aspect: issue.aspect,
    severity: issue.severity,
    edited: critique.issues.find((original) => original.id === issue.id)?.fix !== issue.fix,
  }));
}

function readingOfRevision(language: "en" | "zh" | undefined, fixes: readonly VariantFix[]): string {
  const ids = fixes.map((f) => f.id).join(", ");
  return language === "zh" ? `采纳保留的修改（${ids || "无"}）。` : `Takes the kept fixes (${ids || "none"}).`;
}
