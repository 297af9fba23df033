import "server-only";
import { LoupeError } from "@/lib/errors";
import { MAX_PROMPT_LENGTH, normalisePrompt } from "@/lib/schemas/prompt";

/** Both engines refuse the same drafts with the same codes, whatever the caller checked before. */
export function validDraft(draft: string): string {
  const text = normalisePrompt(draft);
  if (!text) throw new LoupeError("empty_prompt");
  if (text.length > MAX_PROMPT_LENGTH) throw new LoupeError("prompt_too_long");
  return text;
}
