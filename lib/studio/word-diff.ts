import { diffArrays } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

// Intl.Segmenter splits Chinese into words too, where a whitespace split would see one long token.
const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

function tokens(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** A word-level diff of two prompts, merged into runs so the UI renders few spans. */
export function wordDiff({ before, after }: { before: string; after: string }): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(tokens(before), tokens(after))) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return parts;
}
