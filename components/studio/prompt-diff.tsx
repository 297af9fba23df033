import { wordDiff } from "@/lib/studio/word-diff";

/** A word diff read as one text: removed words struck through, added words highlighted (tints kept light enough for AA contrast). */
export function PromptDiff({ before, after }: { before: string; after: string }) {
  return (
    <p className="font-mono text-xs leading-relaxed whitespace-pre-wrap">
      {wordDiff({ before, after }).map((part, i) =>
        part.kind === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === "added" ? (
          <ins key={i} className="rounded-sm bg-good/10 text-good no-underline">
            {part.text}
          </ins>
        ) : (
          <del key={i} className="rounded-sm bg-bad/10 text-bad">
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}
