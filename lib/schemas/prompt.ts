import { z } from "./zod";

import { MAX_PROMPT_LENGTH, normalisePrompt } from "./prompt-text";

export { MAX_PROMPT_LENGTH, normalisePrompt } from "./prompt-text";

const tooLong = `Prompts can be at most ${MAX_PROMPT_LENGTH.toLocaleString("en-US")} characters.`;

export const promptSchema = z
  .string({ error: "Write a prompt first." })
  // A multi-megabyte string is refused before any work is spent normalising it.
  .max(MAX_PROMPT_LENGTH * 4, { error: tooLong })
  .transform(normalisePrompt)
  .pipe(
    z
      .string()
      .min(1, { error: "Write a prompt first." })
      .max(MAX_PROMPT_LENGTH, { error: tooLong }),
  );
