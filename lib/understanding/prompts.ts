import "server-only";
import type { CritiqueIssue } from "@/lib/schemas/critique";
import type { PromptStyle } from "@/lib/schemas/prompt-style";
import type { ReferenceDescription } from "@/lib/schemas/reference";

/**
 * Everything Claude is told lives here and in the handbook (caching/handbook.ts), so a change of wording is one
 * reviewable diff. Each *_SYSTEM_PROMPT below is the task block a call sends after the handbook: the
 * handbook holds what every call shares (briefs, the prompt styles, the rubric, fixes, drafts,
 * comparing, model notes), the task block what this call must answer. Both are cached prefixes:
 * they never carry per-call values.
 */

export const REFINE_SYSTEM_PROMPT = `# Your job now: refine a draft into a prompt
A designer gives you a rough draft inside <draft> tags, the prompt style of the model that will
render it inside <style>, and sometimes model notes on that model. Rewrite the draft as one
production-ready prompt for that model, following the handbook's guide for that style.

Rules:
- Answer with the prompt text alone: no preamble, no quotes around it, no markdown, no notes.
- Write in the draft's language. A Chinese draft gets a Chinese prompt; an English draft an English prompt.
- Keep every concrete requirement of the draft: subject, text to render (copy quoted text exactly,
  character for character, keep the quotes), colours, format, mood, brand constraints.
- Make implicit choices explicit and concrete: subject and action, style or medium, composition and
  camera/framing, lighting, colour palette, typography (only if the draft asks for text), aspect ratio.
- Follow the advice of every model note unless the draft says otherwise.
- Do not invent logos, brand names or text the draft did not ask for.
- Keep to the length the style guide gives (without a style: under 120 words, or 200 Chinese characters).`;

export const CRITIQUE_SYSTEM_PROMPT = `# Your job now: critique one render
You receive one rendered image, the prompt it was rendered from (<prompt>), the designer's own draft
(<draft>), sometimes earlier prompts of the same line of work (<previous_attempts>), the prompt style
of the model that rendered it (<style>) and the notes on that model. Judge the image with the
handbook's rubric against what the designer asked for, and write advice that turns directly into the
next prompt. Answer only with the JSON object the output format describes; every field is required.

# Fields
- overall and aspects: scores by the handbook's anchors.
- issues: at most 6, most important first. Each names one concrete, visible problem in this image,
  in the language of the prompt.
  - id: a short kebab-case slug, unique within this critique, e.g. "headline-misspelled".
  - aspect: the aspect the issue lowers.
  - severity: high = blocks use, medium = clearly visible, low = polish.
  - problem: what is wrong and where.
  - fix: a prompt change the designer can apply with one click, quoting the words to add or remove
    (see "Writing fixes"); worded for the model's prompt style and its notes.
  Never invent problems to fill the list. A strong image may have one issue or none. When a model
  note explains a problem, say so in the problem and follow the note's advice in the fix.
- strengths: up to 4 short points worth keeping in the next iteration, each specific to this image.
- summary: two or three sentences a designer can act on: the verdict, the biggest problem, what to keep.
- revisedPrompt: the full next prompt, in the language of the prompt and in the model's prompt style,
  applying every fix while keeping everything that works. Keep the prompt's structure and length
  roughly the same. Copy requested text exactly, with its quotes. Do not add new requirements the
  designer did not ask for.

# Reference image
Sometimes a reference image comes before the render, labelled as the designer's reference, with its
description (<reference>). Then also judge how close the render comes to the reference in what the
description names (style, palette, composition), say so in the summary ("Against the reference: …"),
and turn the largest gap into an issue whose fix names the reference's quality to add. The draft
still wins where it asks for something the reference does not show.`;

export const REVISE_SYSTEM_PROMPT = `# Your job now: revise a prompt
You receive the current image prompt (<prompt>), the designer's original draft (<draft>), the fixes
the designer accepted (<accepted_fixes>), optionally a note from the designer (<note>), the prompt
style of the model that will render (<style>) and the notes on that model. Rewrite the prompt
applying exactly those fixes and the note, and nothing else; keep everything that was not
criticised. Write in the style's form and follow the model notes' advice. Answer with the full
revised prompt alone, in the prompt's language, with no preamble, quotes or markdown. Copy requested
text exactly.`;

/** The target model's prompt style, first in the user turn (it may change per call; the handbook holds the guides). */
export function styleLine(style: PromptStyle | undefined): string {
  return style ? `<style>${style}</style>\n` : "";
}

/** The tags that delimit what the designer wrote (and what earlier calls answered) in a user turn. */
const DELIMITERS = ["draft", "prompt", "previous_attempts", "attempt", "accepted_fixes", "note", "reference", "question", "transcript"] as const;
const DELIMITER_IN_TEXT = new RegExp(`<(\\s*/?\\s*)(${DELIMITERS.join("|")})(?=[\\s>/=]|$)`, "gi");

/**
 * Text placed between delimiters cannot open or close one: a draft containing `</draft>` would
 * otherwise end the draft early and have what follows read as Loupe's own instructions. The `<`
 * of any delimiter tag inside the text becomes `&lt;`, which the model reads as the same
 * character while no tag can start there.
 */
export function escapeDelimiters(text: string): string {
  return text.replace(DELIMITER_IN_TEXT, "&lt;$1$2");
}

export function tagged(tag: (typeof DELIMITERS)[number], text: string, attributes = ""): string {
  return `<${tag}${attributes}>\n${escapeDelimiters(text)}\n</${tag}>`;
}

export function refineUserMessage({ draft, style }: { draft: string; style?: PromptStyle }): string {
  return `${styleLine(style)}${tagged("draft", draft)}`;
}

export function critiqueUserMessage({
  prompt,
  draft,
  previousAttempts,
  language,
  style,
}: {
  prompt: string;
  draft: string;
  previousAttempts?: string[];
  language?: "en" | "zh";
  style?: PromptStyle;
}): string {
  const parts = [`${styleLine(style)}${tagged("prompt", prompt)}`, tagged("draft", draft)];
  if (previousAttempts && previousAttempts.length > 0) {
    const attempts = previousAttempts.map((p, i) => tagged("attempt", p, ` n="${i + 1}"`)).join("\n");
    // The attempts are escaped one by one; the wrapper holds only Loupe's own tags.
    parts.push(`<previous_attempts>\n${attempts}\n</previous_attempts>`);
  }
  parts.push("Critique the image above against the prompt and the draft.");
  // In the user turn, not the system prompt, so the cached rubric stays the same for every language.
  if (language) parts.push(languageLine[language]);
  return parts.join("\n\n");
}

const languageLine = {
  en: "Write summary, strengths, problem and fix in English, the designer's UI language. Keep revisedPrompt, and the words a fix quotes for the prompt, in the prompt's language.",
  zh: "Write summary, strengths, problem and fix in Simplified Chinese, the designer's UI language. Keep revisedPrompt, and the words a fix quotes for the prompt, in the prompt's language.",
} as const;

export function reviseUserMessage({
  prompt,
  draft,
  issues,
  note,
  style,
}: {
  prompt: string;
  draft: string;
  /** An image's issues, or a clip's (their aspect names differ). */
  issues: Array<Pick<CritiqueIssue, "problem" | "fix"> & { aspect: string }>;
  note?: string;
  style?: PromptStyle;
}): string {
  const fixes = issues.map((issue) => `- [${issue.aspect}] ${issue.problem} → ${issue.fix}`).join("\n");
  const parts = [`${styleLine(style)}${tagged("prompt", prompt)}`, tagged("draft", draft), tagged("accepted_fixes", fixes || "(none)")];
  if (note) parts.push(tagged("note", note));
  return parts.join("\n\n");
}

export const DESCRIBE_SYSTEM_PROMPT = `You are the art director inside Loupe. A designer uploaded a reference image
to steer the images they will render. Describe what a prompt writer needs to reproduce its look.
Answer only with the JSON object the output format describes; every field is required.
- subject: what is depicted, concretely (objects, people, setting), in one sentence.
- style: medium and style, e.g. "flat vector illustration", "35mm film photograph, shallow depth of field".
- palette: 2 to 6 dominant colours as plain colour words ("deep navy", "warm gold").
- composition: framing, where the subject sits, negative space, viewpoint.
- text: any legible text, quoted exactly; an empty string when there is none.
- summary: one sentence that could open an image prompt reproducing this look.
Describe only what is visible; do not guess brand names or people's identities.`;

export function referenceUserMessage(description: ReferenceDescription): string {
  return `${tagged("reference", JSON.stringify(description))}\nThe image above is the designer's reference; the render or renders to judge come after it.`;
}
