import { EventSourceParserStream } from "eventsource-parser/stream";
import type { PublicError } from "@/lib/errors";
import type { RefineStreamEvent } from "@/lib/schemas/refine";

type Done = Extract<RefineStreamEvent, { event: "done" }>["data"];

/**
 * Posts a draft to the refine stream and calls `onDelta` for every text chunk as it
 * arrives, so the first words show while Claude is still writing.
 */
export async function readRefineStream({
  draft,
  onDelta,
  signal,
}: {
  draft: string;
  onDelta: (text: string) => void;
  signal?: AbortSignal;
}): Promise<{ ok: true; value: Done } | { ok: false; error: PublicError }> {
  const response = await fetch("/api/refine", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ draft }),
    signal,
  });
  if (!response.ok || !response.body) {
    const error = (await response.json().catch(() => null)) as { error?: PublicError } | null;
    return {
      ok: false,
      error: error?.error ?? { code: "internal", message: "Refine failed. Try again.", retryable: true },
    };
  }
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of events) {
    const data: unknown = JSON.parse(message.data);
    if (message.event === "delta") onDelta((data as { text: string }).text);
    else if (message.event === "done") return { ok: true, value: data as Done };
    else if (message.event === "error") return { ok: false, error: data as PublicError };
  }
  return { ok: false, error: { code: "internal", message: "The refine stream ended early.", retryable: true } };
}
