/**
 * Thinking in the Anthropic fake, as API version 2026-10-21 takes it:
 *   - `{ type: "adaptive" }` with `output_config.effort` on the Claude 5 / 4.6+ generation (the
 *     older models refuse it); `{ type: "enabled", budget_tokens }` only on the older models (the
 *     newer ones refuse it, pointing to adaptive), with 1,024 ≤ budget < max_tokens;
 *   - Sonnet 5.5 refuses `disabled` (its lowest setting is `between_tools`, which refuses the
 *     xhigh and max efforts) and refuses forced tool use altogether; no model thinks with a
 *     forced tool;
 *   - an answer that thought starts with a thinking block (its summary, or empty when display is
 *     "omitted", and a signature); the thinking tokens are output tokens, reported again in
 *     usage.output_tokens_details.thinking_tokens.
 * The fake thinks only when asked: the real Sonnet 5.5 also thinks adaptively when `thinking` is
 * left out, which the fake does not imitate, so requests without it keep their old token counts.
 */
import { randomBytes } from "node:crypto";

type Body = Record<string, unknown>;

const ADAPTIVE_GENERATION = /(sonnet|opus|haiku|fable|mythos)-5|sonnet-4-6|opus-4-[6-9]/;
const EFFORTS = ["low", "medium", "high", "xhigh", "max"] as const;
/** Tokens the fake spends thinking at each effort (a budget spends at most its budget). */
const EFFORT_TOKENS: Record<(typeof EFFORTS)[number], number> = { low: 120, medium: 360, high: 900, xhigh: 1800, max: 3600 };

export type Thinking = { tokens: number; display: "summarized" | "omitted" };

/** The API's 400 for a thinking setting this model or request cannot take; null when it is fine. */
export function thinkingProblem(body: Body): string | null {
  const model = String(body.model);
  const adaptiveGeneration = ADAPTIVE_GENERATION.test(model);
  const thinking = body.thinking;
  const effort = isRecord(body.output_config) ? body.output_config.effort : undefined;
  if (effort !== undefined && effort !== null && !EFFORTS.includes(effort as (typeof EFFORTS)[number])) return "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'";
  const forced = isRecord(body.tool_choice) && (body.tool_choice.type === "tool" || body.tool_choice.type === "any");
  if (forced && /sonnet-5-5/.test(model)) return "tool_choice: forced tool use is not supported for this model; use output_config.format for structured output";
  if (thinking === undefined) return null;
  if (!isRecord(thinking)) return "thinking: Input should be an object";
  switch (thinking.type) {
    case "enabled": {
      if (adaptiveGeneration) return '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';
      const budget = thinking.budget_tokens;
      if (!Number.isInteger(budget) || (budget as number) < 1024) return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
      if ((budget as number) >= (body.max_tokens as number)) return "`max_tokens` must be greater than `thinking.budget_tokens`";
      break;
    }
    case "adaptive":
      if (!adaptiveGeneration) return '"thinking.type.adaptive" is not supported for this model. Use "thinking.type.enabled" with "budget_tokens".';
      break;
    case "disabled":
      if (/sonnet-5-5/.test(model)) return '"thinking.type.disabled" is not supported for this model. Use "thinking.type.between_tools" to turn off up-front thinking.';
      return null;
    case "between_tools":
      if (effort === "xhigh" || effort === "max") return '"thinking.type.between_tools" is not supported with effort "xhigh" or "max"; use "thinking.type.adaptive".';
      return null;
    default:
      return "thinking.type: Input should be 'enabled', 'disabled', 'adaptive' or 'between_tools'";
  }
  if (forced) return "Thinking may not be enabled when tool_choice forces tool use.";
  return null;
}

/** How much this request thinks, or null when it does not. */
export function thinkingOf(body: Body): Thinking | null {
  const thinking = body.thinking;
  if (!isRecord(thinking) || (thinking.type !== "enabled" && thinking.type !== "adaptive")) return null;
  const display = thinking.display === "omitted" ? "omitted" : "summarized";
  const effort = isRecord(body.output_config) && typeof body.output_config.effort === "string" ? (body.output_config.effort as (typeof EFFORTS)[number]) : "high";
  const wanted = thinking.type === "enabled" ? Math.min(thinking.budget_tokens as number, EFFORT_TOKENS.high) : EFFORT_TOKENS[effort];
  // Thinking counts toward max_tokens; leave the answer at least a token.
  return { tokens: Math.max(1, Math.min(wanted, (body.max_tokens as number) - 1)), display };
}

/** The thinking block an answer starts with: a summary read from the request (what it checks), and a signature. */
export function thinkingBlock({ thinking, userText }: { thinking: Thinking; userText: string }) {
  const draft = /<draft>\s*([\s\S]*?)\s*<\/draft>/.exec(userText)?.[1]?.replace(/\s+/g, " ").slice(0, 160);
  const prompt = /<prompt>\s*([\s\S]*?)\s*<\/prompt>/.exec(userText)?.[1]?.replace(/\s+/g, " ").slice(0, 160);
  const summary = [
    draft ? `The draft asks for: ${draft}.` : "Reading the request.",
    prompt ? `The prompt it was rendered from: ${prompt}.` : "",
    "Listing each requirement, then checking the image against it at thumbnail size and at full size before scoring.",
  ]
    .filter(Boolean)
    .join(" ");
  return { type: "thinking" as const, thinking: thinking.display === "omitted" ? "" : summary, signature: randomBytes(48).toString("base64") };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
