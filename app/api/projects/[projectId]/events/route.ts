import { z } from "zod";
import { readOwnerId } from "@/lib/auth/owner";
import { isShuttingDown } from "@/lib/db/client";
import { getProject } from "@/lib/db/queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/error-response";
import { followProjectEvents } from "@/lib/server/project-events";

/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/**
 * When the server stops, the stream ends with this reconnect delay: longer than Node's 5 s
 * keep-alive timeout, so the browser's kept-alive connection goes idle and is closed (a stopping
 * `next start` waits for every connection) instead of carrying the reconnect to a dying server.
 */
const RECONNECT_AFTER_SHUTDOWN_MS = 8_000;

/**
 * GET /api/projects/<id>/events — the project's events as server-sent events: each stage of a
 * render or critique, each image as it is stored, critiques, costs, auto-iterate rounds. Each
 * event carries its log id, so a reconnect (the browser sends Last-Event-ID) resumes after the
 * last one it got; `?after=` does the same for a page that knows where its data ends.
 */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  // A stream opened while the server stops (its database closing) is told to come back later, to the next server.
  if (isShuttingDown()) return comeBackLater();
  const { projectId } = await params;
  const ownerId = await readOwnerId();
  const project = ownerId && z.uuid().safeParse(projectId).success ? await getProject({ ownerId, projectId }) : null;
  // Another browser's project is indistinguishable from one that does not exist.
  if (!ownerId || !project) return errorResponse(toPublicError(new LoupeError("not_found", { message: "That project was not found." })));
  const afterId = resumeFrom(request);
  const encoder = new TextEncoder();
  let stop = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const heartbeat = setInterval(() => write(": ping\n\n"), HEARTBEAT_MS);
      const unfollow = await followProjectEvents({
        projectId,
        ownerId,
        afterId,
        onEvents: (events) => {
          for (const event of events) write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
        },
        onShutdown: () => {
          write(`retry: ${RECONNECT_AFTER_SHUTDOWN_MS}\n\n`);
          stop();
        },
      });
      stop = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unfollow();
        controller.close();
      };
      request.signal.addEventListener("abort", stop);
      write("retry: 2000\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}

/** An event stream that only sets the reconnect delay and ends: EventSource tries again, where a 503 would make it give up. */
function comeBackLater(): Response {
  return new Response(`retry: ${RECONNECT_AFTER_SHUTDOWN_MS}\n\n`, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store" } });
}

function resumeFrom(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}
