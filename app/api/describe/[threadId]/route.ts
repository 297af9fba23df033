import { z } from "zod";
import { toPublicError } from "@/lib/errors";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { currentCaller } from "@/lib/limits/caller";
import { isLimitRefusal } from "@/lib/limits/guard";
import { admitWork } from "@/lib/limits/work";
import { turnRequestSchema, type TurnStreamEvent } from "@/lib/schemas/image-thread";
import { parseInput } from "@/lib/schemas/parse";
import { startDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { eventStream } from "@/lib/server/event-stream";
import { answerOnce } from "@/lib/workflows/describe";

/**
 * POST /api/describe/<threadId> ({ question, idempotencyKey }) — the summary (question null) or
 * a follow-up's answer as server-sent events: delta*, then done (the saved turn) or error. One
 * answer per key (lib/workflows/describe/answer.ts). A refused limit or budget is a plain 429
 * before any event. Closing the dialog does not stop the answer: it is saved and there on the
 * next open.
 */
export async function POST(request: Request, { params }: { params: Promise<{ threadId: string }> }): Promise<Response> {
  const deadline = startDeadline();
  try {
    const threadId = parseInput(z.uuid(), (await params).threadId);
    const { question, idempotencyKey } = parseInput(turnRequestSchema, await request.json().catch(() => null));
    const { ownerId, limits } = await currentCaller();
    const admitted = await admitWork({ kind: "work", ...limits });
    const language = critiqueLanguage(await getLocale());
    return await eventStream<TurnStreamEvent>({
      run: (send) =>
        admitted.run(async () => {
          const turn = await answerOnce({ ownerId, threadId, question, idempotencyKey, language, signal: deadline.signal, onDelta: (text) => send({ event: "delta", data: { text } }) });
          send({ event: "done", data: turn });
        }),
      refused: (error) => (isLimitRefusal(error) ? errorResponse(toPublicError(error)) : null),
      failed: (error) => ({ event: "error", data: toPublicError(deadline.explain(error)) }),
    });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}
