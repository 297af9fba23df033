import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { zeroUsage } from "@/lib/schemas/critique";
import { validDraft } from "./draft";
import { critiqueFromMetrics } from "./offline/critique";
import { measureImage } from "./offline/image-metrics";
import { compareWithReference } from "./offline/compare-reference";
import { withEditVerdicts } from "./edit/offline-edit";
import { describeFromMetrics } from "./offline/describe";
import { wordChunks } from "./offline/language";
import { expandDraft } from "./offline/refine";
import { applyFixes } from "./offline/revise";
import { acceptedIssues, type UnderstandingEngine } from "./types";
import { offlineCritiqueVideo, offlineDescribeVideo } from "./video/offline-video";

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

    async *refine({ draft, signal }) {
      const prompt = expandDraft(validDraft(draft));
      for (const text of wordChunks(prompt)) {
        signal?.throwIfAborted();
        if (chunkDelayMs > 0) await sleep(chunkDelayMs, undefined, { signal });
        yield { type: "delta", text };
      }
      yield { type: "done", prompt, usage: zeroUsage, model: OFFLINE_MODEL };
    },

    async critique(input) {
      const { image, prompt, draft, language, reference, signal } = input;
      signal?.throwIfAborted();
      const metrics = await measureImage(image.bytes);
      const plain = critiqueFromMetrics({ metrics, prompt, draft, language });
      const critique = reference ? compareWithReference({ critique: plain, metrics, reference: await measureImage(reference.image.bytes), prompt }) : plain;
      // A region edit and a moodboard add their own verdicts (edit/offline-edit.ts).
      return { critique: await withEditVerdicts({ critique, input }), usage: zeroUsage, model: OFFLINE_MODEL };
    },

    async describe({ image, signal }) {
      signal?.throwIfAborted();
      return { description: describeFromMetrics(await measureImage(image.bytes)), usage: zeroUsage, model: OFFLINE_MODEL };
    },

    async revise(input) {
      input.signal?.throwIfAborted();
      const issues = acceptedIssues(input).map((issue) => ({
        ...issue,
        edited: input.critique.issues.find((original) => original.id === issue.id)?.fix !== issue.fix,
      }));
      const prompt = applyFixes({ prompt: input.prompt, issues, note: input.note });
      return { prompt, usage: zeroUsage, model: OFFLINE_MODEL };
    },
  };
}
