import type { PublicError } from "@/lib/errors";
import type { Usage } from "./critique";
import type { EngineKind } from "./iteration";
import { MAX_QUESTION_LENGTH } from "./describe-limits";
import { z } from "./zod";

/*
 * The Describe dialog's conversations about an image, as the browser and the route handlers
 * see them. Plain data, safe for either side.
 */

export { DESCRIBE_MEDIA_TYPES, DESCRIBE_VIDEO_TYPES, MAX_DESCRIBE_BYTES, MAX_DESCRIBE_VIDEO_BYTES, MAX_QUESTION_LENGTH, questionProblem } from "./describe-limits";

export const questionSchema = z
  .string()
  .trim()
  .min(1, "Write a question first.")
  .max(MAX_QUESTION_LENGTH, `Questions can be at most ${MAX_QUESTION_LENGTH.toLocaleString("en-US")} characters.`);

/** POST /api/describe/<threadId>: null asks for the summary (again, after a failure), a string is a follow-up. */
export const turnRequestSchema = z.object({ question: questionSchema.nullable(), idempotencyKey: z.uuid() });
export type TurnRequest = z.infer<typeof turnRequestSchema>;

/** POST /api/describe as JSON: describe a render or a reference already in the project. */
export const pickRequestSchema = z.object({
  projectId: z.uuid(),
  source: z.discriminatedUnion("kind", [z.object({ kind: z.literal("render"), imageId: z.uuid() }), z.object({ kind: z.literal("reference"), referenceId: z.uuid() })]),
});
export type PickRequest = z.infer<typeof pickRequestSchema>;

export type ImageTurnView = {
  id: string;
  position: number;
  /** Null for the summary. */
  question: string | null;
  answer: string;
  engine: EngineKind;
  model: string;
  usage: Usage;
  costUsd: number;
  ms: number;
};

export type ImageThreadView = {
  id: string;
  projectId: string;
  source: "upload" | "render" | "reference";
  fileName: string | null;
  url: string;
  width: number;
  height: number;
  /** A clip: `url` is then its poster frame. */
  video?: { url: string; mediaType: string; durationSeconds: number };
  createdAt: string;
  turns: ImageTurnView[];
};

/** Server-sent events of POST /api/describe/<threadId>, in order: delta*, then done or error. */
export type TurnStreamEvent = { event: "delta"; data: { text: string } } | { event: "done"; data: ImageTurnView } | { event: "error"; data: PublicError };
