import { invalidInput, toPublicError, type PublicError } from "@/lib/errors";
import { currentCaller } from "@/lib/limits/caller";
import { limitResponse } from "@/lib/limits/guard";
import { admitWork, recordSpend, type Admitted } from "@/lib/limits/work";
import { refineRequestSchema, type RefineStreamEvent } from "@/lib/schemas/refine";
import { startDeadline, withDeadline } from "@/lib/server/deadline";
import { costOfUsage, estimateUnderstandingUsd, getUnderstandingEngine } from "@/lib/understanding";

/**
 * POST /api/refine — the refined prompt as server-sent events, so the first words reach
 * the browser while Claude is still writing. A route handler rather than a server action
 * because actions answer once; this answers as it goes.
 */
export async function POST(request: Request): Promise<Response> {
  const body: unknown = await request.json().catch(() => null);
  const parsed = refineRequestSchema.safeParse(body);
  if (!parsed.success) return jsonError(toPublicError(invalidInput(parsed.error.issues)), 400);
  const caller = await currentCaller();

  const engine = getUnderstandingEngine();
  // Limits are checked before the stream starts, so a refusal is a plain 429 with Retry-After.
  let admitted: Admitted;
  try {
    const estimateUsd = estimateUnderstandingUsd({ engine: engine.info, call: "refine", textChars: parsed.data.draft.length });
    admitted = await admitWork({ kind: "work", ...caller.limits, estimateUsd });
  } catch (error) {
    const publicError = toPublicError(error);
    return limitResponse(publicError) ?? jsonError(publicError, 503);
  }
  // The stream is bounded like an action: a Claude that stops mid-stream cannot hold it open.
  const deadline = startDeadline();
  const signal = withDeadline(deadline, request.signal);
  const encoder = new TextEncoder();
  const started = performance.now();
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => admitted.run(async () => {
      const send = (message: RefineStreamEvent) =>
        controller.enqueue(encoder.encode(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`));
      try {
        for await (const event of engine.refine({ draft: parsed.data.draft, signal })) {
          if (event.type === "delta") send({ event: "delta", data: { text: event.text } });
          else {
            recordSpend(costOfUsage({ usage: event.usage, model: event.model, engine: engine.info.kind }));
            send({
              event: "done",
              data: { prompt: event.prompt, usage: event.usage, model: event.model, engine: engine.info.kind, ms: Math.round(performance.now() - started) },
            });
          }
        }
      } catch (error) {
        if (!request.signal.aborted) send({ event: "error", data: toPublicError(deadline.explain(error)) });
      } finally {
        controller.close();
      }
    }),
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      // Tells nginx-style proxies not to buffer the stream.
      "x-accel-buffering": "no",
    },
  });
}

function jsonError(error: PublicError, status: number): Response {
  return Response.json({ error }, { status });
}
