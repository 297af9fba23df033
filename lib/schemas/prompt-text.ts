/** Prompt text rules shared by the browser and the server. No zod here, so client bundles that only need them stay small. */
export const MAX_PROMPT_LENGTH = 4000;

/*
 * Invisible characters that carry no meaning in a prompt but can hide text from the designer
 * while a model still reads it (bidi overrides reorder what is shown; Unicode tag characters
 * and long runs of variation selectors smuggle whole sentences): C0/C1 controls except tab and
 * newline, zero-width space, word joiners and invisible operators, bidi embeddings, overrides
 * and isolates, byte-order marks, and lone surrogate halves. Kept on purpose: ZWJ and ZWNJ
 * (emoji sequences, Persian and Indic scripts), LRM/RLM and every letter of RTL and CJK text.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Tag characters survive only inside a flag such as England's (black flag + tags + cancel tag).
const TAGS = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u{E0000}-\u{E007F}]/gu;
// One variation selector picks a glyph (emoji vs text, CJK variants); a run of them is a payload.
const SELECTOR_RUNS = /([\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+/gu;

/**
 * Prompts are normalised before anything else sees them: Unicode NFC, line endings to \n,
 * invisible characters removed (newlines and tabs kept), whitespace runs folded.
 */
export function normalisePrompt(input: string): string {
  return input
    .replace(LONE_SURROGATE, "")
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(TAGS, (_match, flag: string | undefined) => flag ?? "")
    .replace(SELECTOR_RUNS, "$1")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
