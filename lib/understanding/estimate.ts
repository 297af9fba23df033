import "server-only";
import { CRITIQUE_MAX_TOKENS, DESCRIBE_MAX_TOKENS, IMAGE_TALK_MAX_TOKENS, REFINE_MAX_TOKENS, REVISE_MAX_TOKENS } from "./claude";
import { IMAGE_TALK_SYSTEM_PROMPT } from "./image-talk/prompts";
import { costOfUsage } from "./pricing";
import { CRITIQUE_SYSTEM_PROMPT, DESCRIBE_SYSTEM_PROMPT, REFINE_SYSTEM_PROMPT, REVISE_SYSTEM_PROMPT } from "./prompts";
import type { EngineInfo } from "./types";

export type UnderstandingCall = "refine" | "critique" | "revise" | "describe" | "discuss";

/*
 * What a Claude call may cost before it is made, for the daily budget: the system prompt and the
 * text sent (at a pessimistic three characters per token), ~1,600 tokens per image (Claude
 * scales images to about 1.15 megapixels), and every output token the call may write.
 */
const CHARS_PER_TOKEN = 3;
const TOKENS_PER_IMAGE = 1600;
/** The wrapper text around the designer's words in each user message. */
const MESSAGE_OVERHEAD_TOKENS = 300;

const CALLS: Record<UnderstandingCall, { system: string; maxTokens: number; model: (info: EngineInfo) => string }> = {
  refine: { system: REFINE_SYSTEM_PROMPT, maxTokens: REFINE_MAX_TOKENS, model: (info) => info.refineModel },
  critique: { system: CRITIQUE_SYSTEM_PROMPT, maxTokens: CRITIQUE_MAX_TOKENS, model: (info) => info.critiqueModel },
  revise: { system: REVISE_SYSTEM_PROMPT, maxTokens: REVISE_MAX_TOKENS, model: (info) => info.refineModel },
  describe: { system: DESCRIBE_SYSTEM_PROMPT, maxTokens: DESCRIBE_MAX_TOKENS, model: (info) => info.critiqueModel },
  // Priced as if nothing came from the prompt cache: the budget errs on the safe side.
  discuss: { system: IMAGE_TALK_SYSTEM_PROMPT, maxTokens: IMAGE_TALK_MAX_TOKENS, model: (info) => info.critiqueModel },
};

/** Zero for the Offline engine, which costs nothing. */
export function estimateUnderstandingUsd(input: { engine: EngineInfo; call: UnderstandingCall; textChars: number; images?: number }): number {
  if (input.engine.kind === "offline") return 0;
  const call = CALLS[input.call];
  const inputTokens = Math.ceil((call.system.length + input.textChars) / CHARS_PER_TOKEN) + MESSAGE_OVERHEAD_TOKENS + (input.images ?? 0) * TOKENS_PER_IMAGE;
  return costOfUsage({ usage: { inputTokens, outputTokens: call.maxTokens, cachedTokens: 0 }, model: call.model(input.engine), engine: "claude" });
}
