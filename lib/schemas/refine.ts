import type { PublicError } from "@/lib/errors";
import type { Usage } from "./critique";
import type { EngineKind } from "./iteration";
import { promptSchema } from "./prompt";
import { z } from "./zod";

export const refineRequestSchema = z.object({ draft: promptSchema });

/** The refine's answer. `refineId` names the server's record of its cost; Generate sends it back. */
export type RefineDone = { prompt: string; usage: Usage; model: string; engine: EngineKind; ms: number; refineId: string };

/** Server-sent events of POST /api/refine, in order: delta*, then done or error. */
export type RefineStreamEvent = { event: "delta"; data: { text: string } } | { event: "done"; data: RefineDone } | { event: "error"; data: PublicError };
