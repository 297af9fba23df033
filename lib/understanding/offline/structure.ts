import "server-only";
import { sectionKeys, sectionLabels, noteLabel, type Language, type SectionKey } from "./language";

/**
 * The Offline engine writes prompts as labelled lines ("Palette: …" / "配色：…") so that a
 * later revision can change one line and leave the rest alone. Anything else (a prompt the
 * designer typed or edited freely) is kept as free text, and revisions append to it.
 */
export type StructuredPrompt = {
  language: Language;
  sections: Partial<Record<SectionKey, string>>;
  /** Lines without a known label, kept in order. */
  extra: string[];
};

const labelToKey = new Map<string, SectionKey | "note">(
  (["en", "zh"] as const).flatMap((language) => [
    ...sectionKeys.map((key) => [sectionLabels[language][key].toLowerCase(), key] as const),
    [noteLabel[language].toLowerCase(), "note"] as const,
  ]),
);

const labelledLine = /^\s*([A-Za-z]+|[\p{Script=Han}]{2})\s*[:：]\s*(.*)$/u;

/** Returns null when the text is not (mostly) in the labelled form. */
export function parseStructured(text: string, language: Language): StructuredPrompt | null {
  const sections: StructuredPrompt["sections"] = {};
  const extra: string[] = [];
  let labelled = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const match = labelledLine.exec(line);
    const key = match ? labelToKey.get(match[1]!.toLowerCase()) : undefined;
    if (match && key && key !== "note") {
      sections[key] = match[2]!.trim();
      labelled++;
    } else {
      extra.push(line.trim());
    }
  }
  return labelled >= 3 ? { language, sections, extra } : null;
}

export function renderStructured(prompt: StructuredPrompt): string {
  const colon = prompt.language === "zh" ? "：" : ": ";
  const lines = sectionKeys
    .filter((key) => prompt.sections[key])
    .map((key) => `${sectionLabels[prompt.language][key]}${colon}${prompt.sections[key]}`);
  return [...lines, ...prompt.extra].join("\n");
}
