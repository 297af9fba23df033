import { EventSourceParserStream } from "eventsource-parser/stream";
import type { PublicError } from "@/lib/errors";

/**
 * POSTs JSON to a route that answers with server-sent events (delta*, then done or error), calls
 * `onDelta` for every chunk of text as it arrives, and resolves with the done event's data. A
 * refusal before the stream (a limit, bad input) arrives as JSON with an error.
 */
export async function postEventStream<Done>({
  url,
  body,
  onDelta,
  fallback,
  signal,
}: {
  url: string;
  body: unknown;
  onDelta: (text: string) => void;
  /** What the designer reads when the answer is cut off or unreadable. */
  fallback: string;
  signal?: AbortSignal;
}): Promise<{ ok: true; value: Done } | { ok: false; error: PublicError }> {
  const lost = (): { ok: false; error: PublicError } => ({ ok: false, error: { code: "internal", message: fallback, retryable: true } });
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal }).catch(() => null);
  if (!response) return lost();
  if (!response.ok || !response.body) {
    const answer = (await response.json().catch(() => null)) as { error?: PublicError } | null;
    return answer?.error ? { ok: false, error: answer.error } : lost();
  }
  try {
    const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    for await (const message of events) {
      const data: unknown = JSON.parse(message.data);
      if (message.event === "delta") onDelta((data as { text: string }).text);
      else if (message.event === "done") return { ok: true, value: data as Done };
      else if (message.event === "error") return { ok: false, error: data as PublicError };
    }
  } catch {
    // A dropped connection mid-stream reads as the fallback below.
  }
  return lost();
}
