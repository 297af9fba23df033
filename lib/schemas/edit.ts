import { MAX_REFERENCES, referenceRoles, type ReferenceRole } from "./moodboard";
import { z } from "./zod";

/*
 * Editing what was made, as both pipelines and the browser share it: the moodboard's roles and
 * limits, and what the critique of an edit or of a render with a moodboard adds to a critique.
 * Browser-safe (no sharp, no server-only).
 */

export { referenceRoles, MAX_REFERENCES, type ReferenceRole } from "./moodboard";
export const referenceRoleSchema = z.enum(referenceRoles);

/** How a render continues from an earlier one: the whole image as input, or only a painted region changed. */
export const editKinds = ["input", "region"] as const;
export type EditKind = (typeof editKinds)[number];

/** One reference of a render's moodboard: a reference image of the same project and the role it plays. */
export const moodboardEntrySchema = z.object({ referenceId: z.uuid(), role: referenceRoleSchema });
export type MoodboardEntry = z.infer<typeof moodboardEntrySchema>;

export const referenceRoleLabels: Record<ReferenceRole, string> = {
  style: "Style",
  subject: "Subject",
  palette: "Palette",
  composition: "Composition",
};

/**
 * The critique of a region edit: whether the painted region now shows what was asked, and
 * whether anything outside it changed (it should not have).
 */
export const regionCritiqueSchema = z.object({
  /** The region shows what the edit asked for. */
  followed: z.boolean(),
  /** Something outside the painted region changed visibly. */
  outsideChanged: z.boolean(),
  /** What changed in the region against what was asked, and where outside it anything moved. */
  notes: z.string().min(1).max(600),
});
export type RegionCritique = z.infer<typeof regionCritiqueSchema>;

/** How close the render comes to one moodboard reference, judged by that reference's role only. */
export const referenceVerdictSchema = z.object({
  /** 1-based, in the moodboard's order. */
  index: z.number().int().min(1).max(MAX_REFERENCES),
  role: referenceRoleSchema,
  score: z.number().min(0).max(10),
  notes: z.string().min(1).max(400),
});
export type ReferenceVerdict = z.infer<typeof referenceVerdictSchema>;

/** "Reference 2 — palette: 6.5/10", for lists and labels. */
export function referenceVerdictLabel(verdict: Pick<ReferenceVerdict, "index" | "role" | "score">): string {
  return `Reference ${verdict.index} — ${verdict.role}: ${(Math.round(verdict.score * 10) / 10).toFixed(1)}/10`;
}

/**
 * What a render continues from, as the studio sends it: a render of the project used as input,
 * a region painted on it (stored first through /api/masks, which answers its key) and the
 * moodboard. The moodboard's limit is checked by the workflow, so too many references get the
 * sentence that says how many to remove rather than a generic refusal.
 */
export const editRequestSchema = z
  .object({
    inputImageId: z.uuid().optional(),
    maskKey: z.string().regex(/^[0-9a-f]{64}\.png$/).optional(),
    moodboard: z.array(moodboardEntrySchema).max(64).optional(),
  })
  .refine((edit) => !edit.maskKey || edit.inputImageId, { message: "A painted region needs the image it was painted on." });
export type EditRequest = z.input<typeof editRequestSchema>;

/** Whether a request carries anything an edit does. */
export function carriesEdit(edit: EditRequest | null | undefined): edit is EditRequest {
  return !!edit && (!!edit.inputImageId || !!edit.maskKey || (edit.moodboard?.length ?? 0) > 0);
}
