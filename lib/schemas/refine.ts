import { z } from "./zod";
import type { PublicError } from "@/lib/errors";
import type { Usage } from "./critique";
import { promptSchema } from "./prompt";

export const refineRequestSchema = z.object({
  draft: promptSchema,
  /** The model that will render, so the prompt is written in its style and follows the project's notes on it. */
  providerId: z.string().min(1).max(60).optional(),
  model: z.string().max(200).optional(),
  projectId: z.uuid().nullable().optional(),
});

/** Server-sent events of POST /api/refine, in order: delta*, then done or error. */
export type RefineStreamEvent =
  | { event: "delta"; data: { text: string } }
  | { event: "done"; data: { prompt: string; usage: Usage; model: string; engine: "claude" | "offline"; ms: number } }
  | { event: "error"; data: PublicError };
