import "server-only";
import { MAX_PROMPT_LENGTH, normalisePrompt } from "@/lib/schemas/prompt";
import { patchFor, type EditableFix, type Patch } from "./fixes";
import { detectLanguage, joinPhrases, noteLabel, splitPhrases, type Language } from "./language";
import { parseStructured, renderStructured, type StructuredPrompt } from "./structure";

/**
 * Writes the accepted fixes (and the designer's note) into the prompt. A labelled prompt gets
 * each fix in its own section; free text gets the fixes appended, so nothing the designer wrote
 * is lost. Re-applying a fix that is already there changes nothing.
 */
export function applyFixes({ prompt, issues, note }: { prompt: string; issues: EditableFix[]; note?: string }): string {
  const language = detectLanguage(prompt);
  const patches = issues.map((issue) => patchFor(issue, language)).filter((p): p is Patch => p !== null);
  const structured = parseStructured(prompt, language);
  let revised = structured ? renderStructured(patchSections(structured, patches)) : appendPhrases(prompt, language, patches);
  const trimmedNote = note?.trim();
  if (trimmedNote) revised = `${revised}\n${noteLabel[language]}${language === "zh" ? "：" : ": "}${trimmedNote}`;
  return clamp(normalisePrompt(revised));
}

function patchSections(prompt: StructuredPrompt, patches: Patch[]): StructuredPrompt {
  const sections = { ...prompt.sections };
  for (const patch of patches) {
    const current = sections[patch.section] ?? "";
    if (patch.mode === "replace" || !current) {
      sections[patch.section] = patch.phrase;
    } else if (!contains(current, patch.phrase)) {
      sections[patch.section] = joinPhrases(prompt.language, [...splitPhrases(current), patch.phrase]);
    }
  }
  return { ...prompt, sections };
}

function appendPhrases(prompt: string, language: Language, patches: Patch[]): string {
  const additions = patches.map((p) => p.phrase).filter((phrase, i, all) => !contains(prompt, phrase) && all.indexOf(phrase) === i);
  if (additions.length === 0) return prompt;
  const base = prompt.replace(/[\s,，.。;；]+$/, "");
  return `${base}${language === "zh" ? "，" : ", "}${joinPhrases(language, additions)}`;
}

function contains(text: string, phrase: string): boolean {
  return text.toLowerCase().includes(phrase.toLowerCase());
}

/** Revisions only grow the prompt; keep it within what every other step accepts. */
function clamp(text: string): string {
  return text.length <= MAX_PROMPT_LENGTH ? text : text.slice(0, MAX_PROMPT_LENGTH);
}
