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
  target,
  onDelta,
  signal,
}: {
  draft: string;
  /** The model that will render and the project: the prompt is written for it. */
  target?: { providerId: string; model?: string; projectId: string | null };
  onDelta: (text: string) => void;
  signal?: AbortSignal;
}): Promise<{ ok: true; value: Done } | { ok: false; error: PublicError }> {
  return postEventStream<Done>({ url: "/api/refine", body: { draft, ...target }, onDelta, signal, fallback: "The refine stream ended early. Try again." });
}
