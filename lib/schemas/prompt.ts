import { z } from "zod";

export const MAX_PROMPT_LENGTH = 4000;

/**
 * Prompts are normalised before anything else sees them: Unicode NFC, control and
 * zero-width characters removed (newlines and tabs kept), whitespace runs folded.
 */
export function normalisePrompt(input: string): string {
  return input
    .normalize("NFC")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, "")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const promptSchema = z
  .string({ error: "Write a prompt first." })
  .transform(normalisePrompt)
  .pipe(
    z
      .string()
      .min(1, { error: "Write a prompt first." })
      .max(MAX_PROMPT_LENGTH, { error: `Prompts can be at most ${MAX_PROMPT_LENGTH.toLocaleString("en-US")} characters.` }),
  );
