import { z } from "./zod";
import { normalisePrompt } from "./prompt-text";

/*
 * A project name is shown in the header, the projects list and share pages. Invisible
 * characters are removed as in prompts; what is left must show something: a name made only of
 * joiners, direction marks, variation selectors or blank "letters" (Hangul fillers, the braille
 * blank) would be an empty-looking row that cannot be told apart or clicked with confidence.
 */
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0\u2800]/g;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text.replace(BLANK_LETTERS, ""));
}

const MAX_PROJECT_NAME_LENGTH = 120;

export const projectNameSchema = z
  .string()
  .max(MAX_PROJECT_NAME_LENGTH * 4, { error: `Names can be at most ${MAX_PROJECT_NAME_LENGTH} characters.` })
  // One line: a name has no newlines or tabs.
  .transform((s) => normalisePrompt(s.replace(/\s+/g, " ")))
  .pipe(
    z
      .string()
      .refine(hasVisibleText, { error: "Give the project a name." })
      .pipe(z.string().max(MAX_PROJECT_NAME_LENGTH, { error: `Names can be at most ${MAX_PROJECT_NAME_LENGTH} characters.` })),
  );
export type ProjectName = z.output<typeof projectNameSchema>;
