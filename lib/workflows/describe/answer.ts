import "server-only";
import { createHash } from "node:crypto";
import { getImageThread, insertImageThreadTurn } from "@/lib/db/thread-queries";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import type { ImageTurnView } from "@/lib/schemas/image-thread";
import { onceForKey } from "@/lib/server/idempotency";
import { readImage } from "@/lib/storage";
import { getUnderstandingEngine, readVideo, type UnderstandingEngine } from "@/lib/understanding";
import { withVideoFile } from "@/lib/storage/videos";
import { describeVideoText } from "./video";
import { understandingCall } from "../paid-call";
import { toImageTurnView } from "./views";

type Answer = { ownerId: string; threadId: string; question: string | null; language: "en" | "zh"; signal: AbortSignal; onDelta: (text: string) => void };

/**
 * One answer per idempotency key: the same request again (a reconnect, a double click) gets the
 * saved answer instead of a second paid call.
 */
export function answerOnce({ idempotencyKey, ...answer }: Answer & { idempotencyKey: string }): Promise<ImageTurnView> {
  return onceForKey({
    ownerId: answer.ownerId,
    key: idempotencyKey,
    kind: "image-turn",
    requestHash: createHash("sha256").update(JSON.stringify({ threadId: answer.threadId, question: answer.question })).digest("hex"),
    deadlineMs: env().LOUPE_ACTION_DEADLINE_MS,
    run: () => answerInThread(answer),
  });
}

/**
 * One answer in a conversation about an image: the summary (question null) or a follow-up,
 * streamed to `onDelta` as it is written, then saved as the thread's next turn. The whole
 * conversation goes back with the image each time (the API keeps no state); the prompt cache
 * makes the repeated part cheap. A failed answer saves nothing and the thread is as it was.
 */
export async function answerInThread({ ownerId, threadId, question, language, signal, onDelta }: Answer): Promise<ImageTurnView> {
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
  const started = performance.now();
  // A clip's summary is read from its frames, audio and transcript; its follow-ups from that summary and the poster frame.
  const { value: done, costUsd } = question === null && thread.videoKey ? await summariseClip({ engine, videoKey: thread.videoKey, language, signal, onDelta }) : await understandingCall({
    engine,
    call: "discuss",
    texts: [question ?? "", ...turns.flatMap((t) => [t.question ?? "", t.answer])],
    images: 1,
    run: async () => {
      for await (const event of engine.discussImage({ image, turns, question, language, signal })) {
        if (event.type === "done") return event;
        onDelta(event.text);
      }
      throw new LoupeError("claude_error", { message: "The answer ended before it was complete; ask again." });
    },
  });
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

async function summariseClip({ engine, videoKey, language, signal, onDelta }: { engine: UnderstandingEngine; videoKey: string; language: "en" | "zh"; signal: AbortSignal; onDelta: (text: string) => void }) {
  const video = await withVideoFile({ key: videoKey }, (path) => readVideo({ path, signal }));
  return understandingCall({
    engine,
    call: "describe",
    texts: [video.transcript?.text],
    images: video.frames.length,
    run: async () => {
      const out = await engine.describeVideo({ video, language, signal });
      const text = describeVideoText({ description: out.description, video, language });
      onDelta(text);
      return { text, model: out.model, usage: out.usage };
    },
  });
}
