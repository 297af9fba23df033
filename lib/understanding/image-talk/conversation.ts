import "server-only";
import type { ContentBlockParam, MessageParam } from "@anthropic-ai/sdk/resources/messages";
import type { ImageTurn } from "../types";
import { questionMessage, summaryRequest } from "./prompts";

export type ConversationImage = { base64: string; mediaType: "image/jpeg" | "image/png" | "image/webp" | "image/gif" };

const cacheBreakpoint = { type: "ephemeral" } as const;

/**
 * The Messages API conversation about one image: the image and the summary request first (the
 * same bytes every turn), then each earlier question and answer, then the new question.
 *
 * Two cache breakpoints besides the system prompt's: on the first user message, so every
 * follow-up reads the system prompt and the image (most of the input) from the cache the
 * summary wrote; and on the newest user message, so the next follow-up also reads the earlier
 * turns from the cache (the API looks back for the longest cached prefix).
 */
export function imageConversation({
  image,
  turns,
  question,
  language,
}: {
  image: ConversationImage;
  turns: ImageTurn[];
  question: string | null;
  /** The UI language of the new turn; earlier turns keep the one they were asked in. */
  language: "en" | "zh";
}): MessageParam[] {
  const [summary, ...followUps] = turns;
  if (summary && summary.question !== null) throw new Error("A conversation about an image starts with its summary.");
  if (!summary && question !== null) throw new Error("Ask a question only after the summary.");
  if (summary && question === null) throw new Error("The summary is already written.");

  const first: ContentBlockParam[] = [
    { type: "image", source: { type: "base64", media_type: image.mediaType, data: image.base64 } },
    { type: "text", text: summaryRequest(summary?.language ?? language), cache_control: cacheBreakpoint },
  ];
  const messages: MessageParam[] = [{ role: "user", content: first }];
  if (!summary) return messages;

  messages.push({ role: "assistant", content: summary.answer });
  for (const turn of followUps) {
    if (turn.question === null) throw new Error("Only the first turn is a summary.");
    // Earlier questions are sent as they were first sent, so the cached prefix stays byte-identical.
    messages.push({ role: "user", content: [{ type: "text", text: questionMessage({ question: turn.question, language: turn.language }) }] });
    messages.push({ role: "assistant", content: turn.answer });
  }
  messages.push({ role: "user", content: [{ type: "text", text: questionMessage({ question: question!, language }), cache_control: cacheBreakpoint }] });
  return messages;
}
