import "server-only";
import type { OutputConfig, ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages";

/**
 * The deeper critique: extended thinking behind LOUPE_CRITIQUE_THINKING. How SDK 1.x on API
 * 2026-10-21 says it depends on the model generation:
 *   - Claude 5 models and the 4.6+ generation think adaptively: `thinking: { type: "adaptive" }`
 *     with `output_config.effort`; they refuse `{ type: "enabled", budget_tokens }` with a 400.
 *     Sonnet 5.5 already thinks adaptively at effort "high" when `thinking` is left out (its
 *     thinking is then billed but not shown), so "standard" sends nothing and changes nothing.
 *   - Older models (Haiku 4.5, Sonnet 4.5 and before) take a budget: `{ type: "enabled",
 *     budget_tokens }`, at least 1,024 and below max_tokens.
 * Thinking works with structured output (`output_config.format`: the JSON comes as the text block
 * after the thinking block), so the critique keeps its schema; a forced tool would not (the API
 * refuses forced tool use with thinking, and Sonnet 5.5 refuses forced tool use at all).
 * Thinking tokens are output tokens: the budget is added to max_tokens, which bounds them on both
 * generations, and they show in the usage as `thinkingTokens`.
 */
export type CritiqueThinking = { depth: "standard" | "deep"; budgetTokens: number };

export const STANDARD_THINKING: CritiqueThinking = { depth: "standard", budgetTokens: 0 };

const ADAPTIVE_GENERATION = /(sonnet|opus|haiku|fable|mythos)-5|sonnet-4-6|opus-4-[6-9]/;

export function thinksAdaptively(model: string): boolean {
  return ADAPTIVE_GENERATION.test(model);
}

export function thinkingParams({ model, thinking, maxTokens }: { model: string; thinking: CritiqueThinking; maxTokens: number }): {
  max_tokens: number;
  thinking?: ThinkingConfigParam;
  effort?: OutputConfig["effort"];
} {
  if (thinking.depth === "standard") return { max_tokens: maxTokens };
  const max_tokens = maxTokens + thinking.budgetTokens;
  if (thinksAdaptively(model)) return { max_tokens, thinking: { type: "adaptive", display: "summarized" }, effort: "xhigh" };
  return { max_tokens, thinking: { type: "enabled", budget_tokens: thinking.budgetTokens, display: "summarized" } };
}
