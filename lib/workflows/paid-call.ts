import "server-only";
import { estimateRenderUsd, type RenderResult } from "@/lib/generation";
import { recordSpend, reserveForCall } from "@/lib/limits/work";
import type { Usage } from "@/lib/schemas/critique";
import type { GenerationParams } from "@/lib/schemas/params";
import { costOfUsage, estimateUnderstandingUsd, type UnderstandingCall, type UnderstandingEngine } from "@/lib/understanding";

/*
 * Every paid call — a render, a refine, a critique, a revision, a description — goes through
 * paidCall: estimate → reserve → call → cost → settle. The estimate is reserved against the
 * day's budget first (refused with `budget_exhausted` when it would pass, before anything is
 * made); after the call its real cost is recorded, and the work scope settles the reservation
 * to it when the work ends (lib/limits/work.ts). Free engines estimate 0 and reserve nothing.
 */

export type PaidCall<T> = {
  estimateUsd: number;
  call: () => Promise<T>;
  /** What the finished call really cost, in USD. */
  costOf: (value: T) => number;
};

export async function paidCall<T>({ estimateUsd, call, costOf }: PaidCall<T>): Promise<{ value: T; costUsd: number }> {
  await reserveForCall(estimateUsd);
  const value = await call();
  const costUsd = costOf(value);
  recordSpend(costUsd);
  return { value, costUsd };
}

/** A call to the understanding engine, priced before by its text and images and after by the tokens it used. */
export function understandingCall<T extends { usage: Usage; model: string }>(input: {
  engine: UnderstandingEngine;
  call: UnderstandingCall;
  /** The text sent beside the system prompt (the estimate counts its characters). */
  texts: readonly (string | undefined)[];
  images?: number;
  run: () => Promise<T>;
}): Promise<{ value: T; costUsd: number }> {
  const { engine } = input;
  const textChars = input.texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
  return paidCall({
    estimateUsd: estimateUnderstandingUsd({ engine: engine.info, call: input.call, textChars, images: input.images }),
    call: input.run,
    costOf: (out) => costOfUsage({ usage: out.usage, model: out.model, engine: engine.info.kind }),
  });
}

/**
 * A render's price: its list-price estimate (`reference`: a reference image can route it to
 * another model), and its real cost once done. A provider without a listed price keeps its
 * estimate counted rather than nothing; a render that failed cost nothing.
 */
export function renderPrice(render: { prompt: string; params: GenerationParams; reference: boolean }): { estimateUsd: number; costOf: (result: RenderResult | null) => number } {
  const estimateUsd = estimateRenderUsd(render);
  return { estimateUsd, costOf: (result) => (result ? (result.costUsd ?? estimateUsd) : 0) };
}
