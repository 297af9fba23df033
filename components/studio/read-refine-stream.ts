import type { PublicError } from "@/lib/errors";
import type { RefineStreamEvent } from "@/lib/schemas/refine";
import { postEventStream } from "./post-event-stream";

type Done = Extract<RefineStreamEvent, { event: "done" }>["data"];

/**
 * Posts a draft to the refine stream and calls `onDelta` for every text chunk as it
 * arrives, so the first words show while Claude is still writing.
 */
export function readRefineStream({
  draft,
  onDelta,
  signal,
}: {
  draft: string;
  onDelta: (text: string) => void;
  signal?: AbortSignal;
}): Promise<{ ok: true; value: Done } | { ok: false; error: PublicError }> {
  return postEventStream<Done>({ url: "/api/refine", body: { draft }, onDelta, signal, fallback: "The refine stream ended early. Try again." });
}
