import { z } from "zod";

// Zod compiles object parsers with Function() when it may; the studio's CSP forbids eval, so its
// probe would be reported as a violation in every browser. This module is on every page that parses.
z.config({ jitless: true });

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
