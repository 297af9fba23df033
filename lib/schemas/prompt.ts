import type { ErrorCode } from "@/lib/errors";
import { MAX_PROMPT_LENGTH, normalisePrompt } from "./prompt-text";
import { z } from "./zod";

export { MAX_PROMPT_LENGTH, normalisePrompt } from "./prompt-text";

// The issues carry error codes, which invalidInput turns into typed errors with their sentences (lib/errors.ts).
const empty = { error: "empty_prompt" satisfies ErrorCode };
const tooLong = { error: "prompt_too_long" satisfies ErrorCode };

export const promptSchema = z
  .string(empty)
  // A multi-megabyte string is refused before any work is spent normalising it.
  .max(MAX_PROMPT_LENGTH * 4, tooLong)
  .transform(normalisePrompt)
  .pipe(z.string().min(1, empty).max(MAX_PROMPT_LENGTH, tooLong));
