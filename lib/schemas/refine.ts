import { z } from "./zod";
import type { PublicError } from "@/lib/errors";
import type { Usage } from "./critique";
import { promptSchema } from "./prompt";

export const refineRequestSchema = z.object({ draft: promptSchema });

/** Server-sent events of POST /api/refine, in order: delta*, then done or error. */
export type RefineStreamEvent =
  | { event: "delta"; data: { text: string } }
  | { event: "done"; data: { prompt: string; usage: Usage; model: string; engine: "claude" | "offline"; ms: number } }
  | { event: "error"; data: PublicError };
