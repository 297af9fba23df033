import "server-only";
export type Language = "en" | "zh";

/** A draft counts as Chinese when Han characters outnumber Latin letters. */
export function detectLanguage(text: string): Language {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return han > 0 && han * 2 >= latin ? "zh" : "en";
}

export const sectionKeys = ["subject", "style", "composition", "lighting", "palette", "typography", "aspect"] as const;
export type SectionKey = (typeof sectionKeys)[number];

export const sectionLabels: Record<Language, Record<SectionKey, string>> = {
  en: {
    subject: "Subject",
    style: "Style",
    composition: "Composition",
    lighting: "Lighting",
    palette: "Palette",
    typography: "Typography",
    aspect: "Aspect",
  },
  zh: {
    subject: "主体",
    style: "风格",
    composition: "构图",
    lighting: "光线",
    palette: "配色",
    typography: "文字",
    aspect: "画幅",
  },
};

export const noteLabel: Record<Language, string> = { en: "Note", zh: "备注" };

/** How list items are joined in each language. */
export function joinPhrases(language: Language, phrases: string[]): string {
  return phrases.filter(Boolean).join(language === "zh" ? "，" : ", ");
}

export function splitPhrases(text: string): string[] {
  return text
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Splits text into word-sized pieces (words for English, short words for Chinese) for streaming. */
export function wordChunks(text: string): string[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });
  const chunks: string[] = [];
  let current = "";
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    current += segment;
    if (isWordLike || /\n/.test(segment)) {
      chunks.push(current);
      current = "";
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
