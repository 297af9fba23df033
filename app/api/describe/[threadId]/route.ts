import { createHash } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { toPublicError } from "@/lib/errors";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { currentCaller } from "@/lib/limits/caller";
import { admitWork, type Admitted } from "@/lib/limits/work";
import { turnRequestSchema, type TurnStreamEvent } from "@/lib/schemas/image-thread";
import { parseInput } from "@/lib/schemas/parse";
import { startDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { onceForKey } from "@/lib/server/idempotency";
import { answerInThread } from "@/lib/workflows/describe";

/**
 * POST /api/describe/<threadId> ({ question, idempotencyKey }) — the summary (question null) or
 * a follow-up's answer as server-sent events: delta*, then done (the saved turn) or error. One
 * answer per key: the same request again (a reconnect, a double click) gets the saved answer
 * instead of a second paid call. Closing the dialog does not stop the answer: it is saved and
 * there on the next open.
 */
export async function POST(request: Request, { params }: { params: Promise<{ threadId: string }> }): Promise<Response> {
  let admitted: Admitted;
  let input: z.output<typeof turnRequestSchema> & { threadId: string };
  let ownerId: string;
  try {
    const threadId = parseInput(z.uuid(), (await params).threadId);
    input = { ...parseInput(turnRequestSchema, await request.json().catch(() => null)), threadId };
    const caller = await currentCaller();
    ownerId = caller.ownerId;
    // Limits are checked before the stream starts, so a refusal is a plain 429 with Retry-After.
    admitted = await admitWork({ kind: "work", ...caller.limits });
  } catch (error) {
    return errorResponse(toPublicError(error));
  }
  const language = critiqueLanguage(await getLocale());
  const deadline = startDeadline();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) =>
      admitted.run(async () => {
        const send = (message: TurnStreamEvent) => {
          try {
            controller.enqueue(encoder.encode(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`));
          } catch {
            // The browser went away; the answer is still written and saved.
          }
        };
        try {
          const { idempotencyKey, threadId, question } = input;
          const turn = await onceForKey({
            ownerId,
            key: idempotencyKey,
            kind: "image-turn",
            requestHash: createHash("sha256").update(JSON.stringify({ threadId, question })).digest("hex"),
            deadlineMs: env().LOUPE_ACTION_DEADLINE_MS,
            run: () => answerInThread({ ownerId, threadId, question, language, signal: deadline.signal, onDelta: (text) => send({ event: "delta", data: { text } }) }),
          });
          send({ event: "done", data: turn });
        } catch (error) {
          send({ event: "error", data: toPublicError(deadline.explain(error)) });
        } finally {
          try {
            controller.close();
          } catch {
            // Already closed by a client that left.
          }
        }
      }),
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
