import { toPublicError } from "@/lib/errors";
import { currentCaller } from "@/lib/limits/caller";
import { isLimitRefusal } from "@/lib/limits/guard";
import { admitWork } from "@/lib/limits/work";
import { parseInput } from "@/lib/schemas/parse";
import { refineRequestSchema, type RefineStreamEvent } from "@/lib/schemas/refine";
import { startDeadline, withDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { eventStream } from "@/lib/server/event-stream";
import { refine } from "@/lib/workflows/refine";

/**
 * POST /api/refine — the refined prompt as server-sent events, so the first words reach the
 * browser while Claude is still writing. A route handler rather than a server action because
 * actions answer once; this answers as it goes. A refused limit or budget is a plain 429 with
 * Retry-After, before any event; the stream is bounded like an action by the deadline.
 */
export async function POST(request: Request): Promise<Response> {
  const deadline = startDeadline();
  try {
    const { draft, ...target } = parseInput(refineRequestSchema, await request.json().catch(() => null));
    const { ownerId, limits } = await currentCaller();
    const admitted = await admitWork({ kind: "work", ...limits });
    const signal = withDeadline(deadline, request.signal);
    return await eventStream<RefineStreamEvent>({
      run: (send) =>
        admitted.run(async () => {
          const done = await refine({ ownerId, draft, target, signal, onDelta: (text) => send({ event: "delta", data: { text } }) });
          send({ event: "done", data: done });
        }),
      refused: (error) => (isLimitRefusal(error) ? errorResponse(toPublicError(error)) : null),
      failed: (error) => (request.signal.aborted ? null : { event: "error", data: toPublicError(deadline.explain(error)) }),
    });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}
