import "server-only";

export type ServerEvent = { event: string; data: unknown };

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  // Tells nginx-style proxies not to buffer the stream.
  "x-accel-buffering": "no",
};

/**
 * Answers with server-sent events written by `run`. The answer starts with the first event, so
 * work refused before it wrote anything (`refused` returns a response for such an error: a
 * limit, the day's budget) gets a plain error answer with its status; any other failure, or one
 * after the stream began, ends the stream with the event `failed` makes of it.
 */
export function eventStream<E extends ServerEvent>(input: {
  run: (send: (event: E) => void) => Promise<void>;
  refused: (error: unknown) => Response | null;
  failed: (error: unknown) => E | null;
}): Promise<Response> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      closed = true;
    },
  });
  return new Promise<Response>((answer) => {
    let started = false;
    const begin = () => {
      if (!started) answer(new Response(body, { headers: HEADERS }));
      started = true;
    };
    const send = (message: E) => {
      begin();
      if (!closed) controller.enqueue(encoder.encode(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`));
    };
    input
      .run(send)
      .catch((error: unknown) => {
        const refusal = started ? null : input.refused(error);
        if (refusal) return answer(refusal);
        const event = input.failed(error);
        if (event) send(event);
      })
      .finally(() => {
        begin();
        if (!closed) controller.close();
        closed = true;
      });
  });
}
