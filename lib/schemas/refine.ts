import type { PublicError } from "@/lib/errors";
import type { Usage } from "./critique";
import type { EngineKind } from "./iteration";
import { promptSchema } from "./prompt";
import { z } from "./zod";

export const refineRequestSchema = z.object({
  draft: promptSchema,
  /** The model that will render, so the prompt is written in its style and follows the project's notes on it. */
  providerId: z.string().min(1).max(60).optional(),
  model: z.string().max(200).optional(),
  projectId: z.uuid().nullable().optional(),
});

/** The refine's answer. `refineId` names the server's record of its cost; Generate sends it back. */
export type RefineDone = { prompt: string; usage: Usage; model: string; engine: EngineKind; ms: number; refineId: string };

/** Server-sent events of POST /api/refine, in order: delta*, then done or error. */
export type RefineStreamEvent = { event: "delta"; data: { text: string } } | { event: "done"; data: RefineDone } | { event: "error"; data: PublicError };
