import "server-only";
import type { ReferenceRole } from "@/lib/schemas/edit";
import type { ReferenceDescription } from "@/lib/schemas/reference";

/*
 * A moodboard in words, for image models that take no (or too few) input images: each
 * reference's description (engine.describe()) contributes only what its role names — a style
 * reference its style, a palette reference its colours — so a palette reference's subject does
 * not leak into the render. Pure; generation sends the result as `referenceWords`.
 */

const MAX_COLOURS = 8;

function join(parts: string[]): string {
  const unique = [...new Set(parts.map((p) => p.trim().replace(/[.;]+$/, "")).filter(Boolean))];
  return unique.join(" and ");
}

export function describeMoodboard({ references }: { references: Array<{ role: ReferenceRole; description: ReferenceDescription }> }): string {
  const of = (role: ReferenceRole) => references.filter((r) => r.role === role).map((r) => r.description);
  const colours = [...new Set(of("palette").flatMap((d) => d.palette.map((c) => c.trim().toLowerCase())))].slice(0, MAX_COLOURS);
  const parts = [
    ["subject", join(of("subject").map((d) => d.subject))],
    ["style", join(of("style").map((d) => d.style))],
    ["palette", colours.join(", ")],
    ["composition", join(of("composition").map((d) => d.composition))],
  ] as const;
  return parts
    .filter(([, text]) => text)
    .map(([role, text]) => `${role}: ${text}`)
    .join("; ");
}
