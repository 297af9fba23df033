import { hasVisibleText } from "@/lib/schemas/project-name";

/** A project is named after the start of its first draft until the designer renames it. */
export function projectNameFromDraft(draft: string): string {
  const firstLine = draft.split("\n")[0]!.replace(/["“”「」]/g, "").trim();
  if (!hasVisibleText(firstLine)) return "Untitled";
  if (firstLine.length <= 48) return firstLine;
  const cut = firstLine.slice(0, 48);
  const space = cut.lastIndexOf(" ");
  return `${space > 24 ? cut.slice(0, space) : cut}…`;
}
