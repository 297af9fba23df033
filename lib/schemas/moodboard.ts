/*
 * The moodboard's roles and limit, without zod: the studio's bundle imports them, and zod stays on
 * the server (lib/schemas/edit.ts holds the schemas and re-exports these).
 */

/** What a moodboard reference is for: the render borrows that quality from it and nothing else. */
export const referenceRoles = ["style", "subject", "palette", "composition"] as const;
export type ReferenceRole = (typeof referenceRoles)[number];

/** A moodboard holds at most this many references (as Midjourney's and Krea's do, give or take). */
export const MAX_REFERENCES = 8;
