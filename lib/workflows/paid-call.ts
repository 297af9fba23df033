import "server-only";
import { estimateRenderUsd } from "@/lib/generation";
import { recordSpend, reserveForCall } from "@/lib/limits/work";
import type { GenerationParams } from "@/lib/schemas/params";
import { estimateUnderstandingUsd, type EngineInfo, type UnderstandingCall } from "@/lib/understanding";

/*
 * The daily budget's side of each paid call: its estimated price is reserved before the call
 * (refused with `budget_exhausted` when the day's budget would pass) and its real cost recorded
 * after, so the action settles to what was really spent. Free engines reserve nothing.
 */

/** `reference`: whether the render carries a reference image, which can route it to another model. */
export function reserveRender(input: { prompt: string; params: GenerationParams; reference: boolean }): Promise<void> {
  return reserveForCall(estimateRenderUsd(input));
}

export function reserveUnderstanding(input: { engine: EngineInfo; call: UnderstandingCall; texts: readonly (string | undefined)[]; images?: number; calls?: number }): Promise<void> {
  const textChars = input.texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
  const one = estimateUnderstandingUsd({ engine: input.engine, call: input.call, textChars, images: input.images });
  return reserveForCall(one * (input.calls ?? 1));
}

/** A render's real cost; a provider without a listed price keeps its estimate counted rather than nothing. */
export function recordRenderSpend({ costUsd, ...render }: { costUsd: number | null; prompt: string; params: GenerationParams; reference: boolean }): void {
  recordSpend(costUsd ?? estimateRenderUsd(render));
}

export { recordSpend };
