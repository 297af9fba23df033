import { z } from "./zod";

/**
 * What the loop has learned about one image or video model: how it treats kinds of instructions
 * ("sets quoted text too small", "over-saturates", "drops the second subject"). Notes are kept
 * per provider and model, shown to the designer, editable by them, and read before every prompt
 * written for that model. Browser-safe: the UI shows and edits these.
 */
export const modelNoteKinds = [
  "quoted-text",
  "counts",
  "multiple-subjects",
  "colour",
  "lighting",
  "composition",
  "negative-instructions",
  "style-words",
  "aspect",
  "detail",
  "other",
] as const;
export const modelNoteKindSchema = z.enum(modelNoteKinds);
export type ModelNoteKind = z.infer<typeof modelNoteKindSchema>;

export const noteConfidences = ["low", "medium", "high"] as const;
export const noteConfidenceSchema = z.enum(noteConfidences);
export type NoteConfidence = z.infer<typeof noteConfidenceSchema>;

export const noteEvidenceSchema = z.object({
  /** The auto-iterate round it was seen in, when it came from one. */
  round: z.number().int().min(0).max(1000).optional(),
  /** The part of the prompt that asked for it. */
  prompt: z.string().max(300),
  /** What the render did with it. */
  observed: z.string().min(1).max(300),
});
export type NoteEvidence = z.infer<typeof noteEvidenceSchema>;

export const modelNoteSchema = z.object({
  /** A short kebab-case slug, stable while the note is updated ("quoted-text-small"). */
  id: z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/),
  kind: modelNoteKindSchema,
  /** What the model does, in one line. */
  behaviour: z.string().min(1).max(300),
  /** How to write prompts for it, in one line. */
  advice: z.string().min(1).max(300),
  evidence: z.array(noteEvidenceSchema).max(8),
  confidence: noteConfidenceSchema,
  /** Who wrote it last: an engine, or the designer (whose notes the engines keep as written). */
  source: z.enum(["claude", "offline", "designer"]),
});
export type ModelNote = z.infer<typeof modelNoteSchema>;

export const MAX_MODEL_NOTES = 12;

/** All notes on one model, as stored and shown. */
export const modelNotesSchema = z.object({
  providerId: z.string().min(1).max(60),
  model: z.string().min(1).max(200),
  notes: z.array(modelNoteSchema).max(MAX_MODEL_NOTES),
});
export type ModelNotes = z.infer<typeof modelNotesSchema>;

export { modelTarget } from "./model-target";
