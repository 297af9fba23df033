import "server-only";
import { tokensForChars, tokensOn } from "./caching/calibrate";
import { HANDBOOK } from "./caching/handbook";
import { MAX_IMAGE_TOKENS, imageTokens } from "@/lib/schemas/claude-image-tokens";
import { CRITIQUE_MAX_TOKENS, DESCRIBE_MAX_TOKENS, IMAGE_TALK_MAX_TOKENS, REFINE_MAX_TOKENS, REVISE_MAX_TOKENS } from "./claude";
import { DRAFTS_MAX_TOKENS, NOTES_MAX_TOKENS, PICK_MAX_TOKENS, REVIEW_MAX_TOKENS } from "./explore/claude-explore";
import { DRAFTS_SYSTEM_PROMPT, NOTES_SYSTEM_PROMPT, PICK_SYSTEM_PROMPT, REVIEW_SYSTEM_PROMPT } from "./explore/prompts";
import { IMAGE_TALK_SYSTEM_PROMPT } from "./image-talk/prompts";
import { costOfUsage } from "./pricing";
import { CRITIQUE_SYSTEM_PROMPT, DESCRIBE_SYSTEM_PROMPT, REFINE_SYSTEM_PROMPT, REVISE_SYSTEM_PROMPT } from "./prompts";
import type { EngineInfo } from "./types";

export type UnderstandingCall = "refine" | "critique" | "revise" | "describe" | "discuss" | "drafts" | "pick" | "notes" | "review";

/*
 * What a Claude call may cost before it is made, for the daily budget: its system prompt and the
 * text sent, counted at the model's characters per token as count_tokens calibrated them
 * (caching/calibrate.ts; 3 characters a token until then, or where a gateway lacks count_tokens),
 * each image at w·h/750 tokens at the size Claude reads it (the most an image can cost when its
 * size is not given), and every output token the call may write — thinking included.
 */
/** The wrapper text around the designer's words in each user message. */
const MESSAGE_OVERHEAD_TOKENS = 300;

const refine = (info: EngineInfo) => info.refineModel;
const critique = (info: EngineInfo) => info.critiqueModel;

const CALLS: Record<UnderstandingCall, { system: string[]; maxTokens: number; model: (info: EngineInfo) => string }> = {
  refine: { system: [HANDBOOK, REFINE_SYSTEM_PROMPT], maxTokens: REFINE_MAX_TOKENS, model: refine },
  critique: { system: [HANDBOOK, CRITIQUE_SYSTEM_PROMPT], maxTokens: CRITIQUE_MAX_TOKENS, model: critique },
  revise: { system: [HANDBOOK, REVISE_SYSTEM_PROMPT], maxTokens: REVISE_MAX_TOKENS, model: refine },
  describe: { system: [DESCRIBE_SYSTEM_PROMPT], maxTokens: DESCRIBE_MAX_TOKENS, model: critique },
  // Priced as if nothing came from the prompt cache: the budget errs on the safe side.
  discuss: { system: [IMAGE_TALK_SYSTEM_PROMPT], maxTokens: IMAGE_TALK_MAX_TOKENS, model: critique },
  drafts: { system: [HANDBOOK, DRAFTS_SYSTEM_PROMPT], maxTokens: DRAFTS_MAX_TOKENS, model: refine },
  pick: { system: [HANDBOOK, PICK_SYSTEM_PROMPT], maxTokens: PICK_MAX_TOKENS, model: critique },
  notes: { system: [HANDBOOK, NOTES_SYSTEM_PROMPT], maxTokens: NOTES_MAX_TOKENS, model: refine },
  review: { system: [HANDBOOK, REVIEW_SYSTEM_PROMPT], maxTokens: REVIEW_MAX_TOKENS, model: critique },
};

/** Input tokens of a call before it is made (nothing assumed cached). */
export function estimateInputTokens(input: { engine: EngineInfo; call: UnderstandingCall; textChars: number; images?: number; imageSizes?: ReadonlyArray<{ width: number; height: number }> }): number {
  const call = CALLS[input.call];
  const model = call.model(input.engine);
  const system = call.system.reduce((sum, text) => sum + tokensOn({ model, text }), 0);
  const text = tokensForChars({ model, chars: input.textChars });
  const sized = (input.imageSizes ?? []).reduce((sum, size) => sum + imageTokens(size), 0);
  const unsized = Math.max(0, (input.images ?? 0) - (input.imageSizes?.length ?? 0)) * MAX_IMAGE_TOKENS;
  return system + text + MESSAGE_OVERHEAD_TOKENS + sized + unsized;
}

/** Zero for the Offline engine, which costs nothing. */
export function estimateUnderstandingUsd(input: { engine: EngineInfo; call: UnderstandingCall; textChars: number; images?: number; imageSizes?: ReadonlyArray<{ width: number; height: number }> }): number {
  if (input.engine.kind === "offline") return 0;
  const call = CALLS[input.call];
  const thinking = input.call === "critique" ? (input.engine.critiqueThinkingBudget ?? 0) : 0;
  return costOfUsage({ usage: { inputTokens: estimateInputTokens(input), outputTokens: call.maxTokens + thinking, cachedTokens: 0 }, model: call.model(input.engine), engine: "claude" });
}
