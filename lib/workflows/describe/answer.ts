import "server-only";
import { getImageThread, insertImageThreadTurn } from "@/lib/db/thread-queries";
import { LoupeError } from "@/lib/errors";
import { recordSpend, reserveForCall } from "@/lib/limits/work";
import type { ImageTurnView } from "@/lib/schemas/image-thread";
import { readImage } from "@/lib/storage";
import { costOfUsage, estimateUnderstandingUsd, getUnderstandingEngine } from "@/lib/understanding";
import { toImageTurnView } from "./views";

/**
 * One answer in a conversation about an image: the summary (question null) or a follow-up,
 * streamed to `onDelta` as it is written, then saved as the thread's next turn. The whole
 * conversation goes back with the image each time (the API keeps no state); the prompt cache
 * makes the repeated part cheap. A failed answer saves nothing and the thread is as it was.
 */
export async function answerInThread({
  ownerId,
  threadId,
  question,
  language,
  signal,
  onDelta,
}: {
  ownerId: string;
  threadId: string;
  question: string | null;
  language: "en" | "zh";
  signal: AbortSignal;
  onDelta: (text: string) => void;
}): Promise<ImageTurnView> {
  const thread = await getImageThread({ ownerId, threadId });
  if (!thread) throw new LoupeError("not_found", { message: "That image conversation was not found." });
  const [summary] = thread.turns;
  // Asking for a summary that exists (a retry after its answer was lost) gets that summary, not a second one.
  if (question === null && summary) return toImageTurnView(summary);
  if (question !== null && !summary) throw new LoupeError("bad_request", { message: "Wait for the summary before asking a question." });
  const image = await readImage(thread.storageKey);
  if (!image) throw new LoupeError("not_found", { message: "The image file is missing; describe it again." });

  const engine = getUnderstandingEngine();
  const turns = thread.turns.map(({ question, answer, language }) => ({ question, answer, language }));
  const textChars = [question ?? "", ...turns.flatMap((t) => [t.question ?? "", t.answer])].reduce((sum, text) => sum + text.length, 0);
  await reserveForCall(estimateUnderstandingUsd({ engine: engine.info, call: "discuss", textChars, images: 1 }));
  const started = performance.now();
  let done: { text: string; usage: ImageTurnView["usage"]; model: string } | undefined;
  for await (const event of engine.discussImage({ image, turns, question, language, signal })) {
    if (event.type === "delta") onDelta(event.text);
    else done = event;
  }
  if (!done) throw new LoupeError("claude_error", { message: "The answer ended before it was complete; ask again." });
  const costUsd = costOfUsage({ usage: done.usage, model: done.model, engine: engine.info.kind });
  recordSpend(costUsd);
  const turn = await insertImageThreadTurn({
    threadId: thread.id,
    position: thread.turns.length,
    question,
    answer: done.text,
    language,
    engine: engine.info.kind,
    model: done.model,
    inputTokens: done.usage.inputTokens,
    outputTokens: done.usage.outputTokens,
    cachedTokens: done.usage.cachedTokens,
    costUsd,
    ms: Math.round(performance.now() - started),
  });
  return toImageTurnView(turn);
}
