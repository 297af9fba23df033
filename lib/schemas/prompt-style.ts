import { z } from "./zod";

/**
 * How an image or video model reads a prompt. The capability tables in lib/generation give each
 * model row one of these; refine and revise write for it (the style guides live in the
 * understanding pipeline's handbook). Browser-safe, so the UI can say which style a prompt took.
 *   - natural-paragraphs: full sentences, subject first, like a photographer's brief (GPT Image,
 *     Imagen, Gemini, Veo…);
 *   - quoted-text: layout first, every piece of copy in double quotes with its placement, for
 *     models that set type well (Ideogram, FLUX 1.1 Pro);
 *   - keywords: short comma-separated phrases, most important first (SDXL-family checkpoints,
 *     distilled few-step models, the Local renderers).
 */
export const promptStyles = ["natural-paragraphs", "quoted-text", "keywords"] as const;
export const promptStyleSchema = z.enum(promptStyles);
export type PromptStyle = z.infer<typeof promptStyleSchema>;

/** What the studio shows; the understanding pipeline has the full guide per style. */
export const promptStyleLabels: Record<PromptStyle, string> = {
  "natural-paragraphs": "Natural paragraphs",
  "quoted-text": "Quoted text",
  keywords: "Keywords",
};

/** A model the tables do not know is written for in sentences: every current model reads them. */
export const DEFAULT_PROMPT_STYLE: PromptStyle = "natural-paragraphs";
