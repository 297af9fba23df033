import "server-only";
import { writingTarget } from "./explore/target";
import { insertRefine } from "@/lib/db/queries";
import { LoupeError } from "@/lib/errors";
import type { RefineDone } from "@/lib/schemas/refine";
import { getUnderstandingEngine } from "@/lib/understanding";
import { understandingCall } from "./paid-call";

/**
 * Refines the owner's draft into a prompt, handing each piece to `onDelta` as it is written.
 * The server keeps what this refine cost, measured from its own stream, under the id the answer
 * carries; the render of the refined prompt names that id and the cost joins its iteration
 * (lib/db/queries.ts, insertIteration). The browser is never asked what a refine cost.
 */
export async function refine({ ownerId, draft, target, signal, onDelta }: {
  ownerId: string;
  draft: string;
  /** The model that will render and the project: the prompt is written in its style, with the project's notes on it. */
  target?: { providerId?: string; model?: string; projectId?: string | null };
  signal: AbortSignal;
  onDelta: (text: string) => void;
}): Promise<RefineDone> {
  const engine = getUnderstandingEngine();
  const writing = await writingTarget({ ownerId, ...target });
  const started = performance.now();
  const { value: done, costUsd } = await understandingCall({
    engine,
    call: "refine",
    texts: [draft],
    run: async () => {
      for await (const event of engine.refine({ draft, ...writing, signal })) {
        if (event.type === "done") return event;
        onDelta(event.text);
      }
      throw new LoupeError("claude_error", { message: "The refine ended without a prompt. Try again.", retryable: true });
    },
  });
  const ms = Math.round(performance.now() - started);
  const record = await insertRefine({ ownerId, engine: engine.info.kind, model: done.model, usage: done.usage, costUsd, ms });
  return { prompt: done.prompt, usage: done.usage, model: done.model, engine: engine.info.kind, ms, refineId: record.id };
}
