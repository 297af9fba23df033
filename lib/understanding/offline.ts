import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { zeroUsage } from "@/lib/schemas/critique";
import { validDraft } from "./draft";
import { critiqueFromMetrics } from "./offline/critique";
import { measureImage } from "./offline/image-metrics";
import { compareWithReference } from "./offline/compare-reference";
import { withEditVerdicts } from "./edit/offline-edit";
import { describeFromMetrics } from "./offline/describe";
import { offlineImageAnswer, offlineImageSummary } from "./offline/image-talk";
import { readTextIn } from "./offline/read-text";
import { wordChunks } from "./offline/language";
import { expandDraft } from "./offline/refine";
import { applyFixes } from "./offline/revise";
import { offlineExploreMethods } from "./explore/offline-explore";
import { inStyle, withNotes } from "./explore/variants";
import { acceptedIssues, type ReviseInput, type ReviseOutput, type UnderstandingEngine } from "./types";
import { offlineCritiqueVideo, offlineDescribeVideo } from "./video/offline-video";

/** A question written in another language than the UI's is answered in its own. */
function questionLanguage({ question, language }: { question: string; language: "en" | "zh" }): "en" | "zh" {
  if (/\p{Script=Han}/u.test(question)) return "zh";
  return /[a-z]{3,}/i.test(question) ? "en" : language;
}

/** Reported as the model of every Offline result, so stored results say where they came from. */
export const OFFLINE_MODEL = "offline-heuristics-v1";

export type OfflineEngineOptions = {
  /** Pause between streamed chunks so the UI shows the same streaming it shows for Claude; 0 in tests. */
  chunkDelayMs?: number;
};

/** Deterministic, no network: heuristics on the prompt text and on the image's real pixels. */
export function createOfflineEngine({ chunkDelayMs = 12 }: OfflineEngineOptions = {}): UnderstandingEngine {
  return {
    info: { kind: "offline", label: "Offline", refineModel: OFFLINE_MODEL, critiqueModel: OFFLINE_MODEL },

    critiqueVideo: (input) => offlineCritiqueVideo({ ...input, model: OFFLINE_MODEL }),

    describeVideo: (input) => offlineDescribeVideo({ ...input, model: OFFLINE_MODEL }),

    async *refine({ draft, style, notes, signal }) {
      const prompt = inStyle(withNotes(expandDraft(validDraft(draft)), notes?.notes ?? []), style);
      for (const text of wordChunks(prompt)) {
        signal?.throwIfAborted();
        if (chunkDelayMs > 0) await sleep(chunkDelayMs, undefined, { signal });
        yield { type: "delta", text };
      }
      yield { type: "done", prompt, usage: zeroUsage, model: OFFLINE_MODEL };
    },

    async critique(input) {
      const { image, prompt, draft, language, reference, signal, onStarted } = input;
      signal?.throwIfAborted();
      // Nothing to cache offline: the answer has begun as soon as it is asked for.
      onStarted?.();
      const metrics = await measureImage(image.bytes);
      const plain = critiqueFromMetrics({ metrics, prompt, draft, language });
      const critique = reference ? compareWithReference({ critique: plain, metrics, reference: await measureImage(reference.image.bytes), prompt }) : plain;
      // A region edit and a moodboard add their own verdicts (edit/offline-edit.ts).
      return { critique: await withEditVerdicts({ critique, input }), usage: zeroUsage, model: OFFLINE_MODEL };
    },

    async *discussImage({ image, turns, question, language, signal }) {
      signal?.throwIfAborted();
      const [metrics, text] = await Promise.all([measureImage(image.bytes), readTextIn({ bytes: image.bytes, signal })]);
      if (question !== null && turns.length === 0) throw new Error("Ask a question only after the summary.");
      const answer =
        question === null ? offlineImageSummary({ metrics, text, language }) : offlineImageAnswer({ metrics, text, question, language: questionLanguage({ question, language }) });
      for (const chunk of wordChunks(answer)) {
        signal?.throwIfAborted();
        if (chunkDelayMs > 0) await sleep(chunkDelayMs, undefined, { signal });
        yield { type: "delta", text: chunk };
      }
      yield { type: "done", text: answer, usage: zeroUsage, model: OFFLINE_MODEL };
    },

    async describe({ image, signal }) {
      signal?.throwIfAborted();
      return { description: describeFromMetrics(await measureImage(image.bytes)), usage: zeroUsage, model: OFFLINE_MODEL };
    },

    revise,

    ...offlineExploreMethods({ model: OFFLINE_MODEL, revise }),
  };
}

/** The kept fixes (and the designer's note) written into the prompt; the model notes' advice too, when given. */
async function revise(input: ReviseInput): Promise<ReviseOutput> {
  input.signal?.throwIfAborted();
  const issues = acceptedIssues(input).map((issue) => ({
    ...issue,
    edited: input.critique.issues.find((original) => original.id === issue.id)?.fix !== issue.fix,
  }));
  const prompt = applyFixes({ prompt: withNotes(input.prompt, input.notes?.notes ?? []), issues, note: input.note });
  return { prompt: inStyle(prompt, input.style), usage: zeroUsage, model: OFFLINE_MODEL };
}
