import type { ReferenceDescription } from "./reference";

/** Formats a description as prompt words: appended for providers without image input, and used to seed a draft. No zod: the reference panel needs it in the browser. */
export function referenceToPrompt(description: ReferenceDescription): string {
  const parts = [
    description.subject,
    description.style,
    `palette: ${description.palette.join(", ")}`,
    description.composition,
    description.text ? `text: ${description.text}` : "",
  ];
  return parts.filter(Boolean).join("; ");
}
