import { z } from "./zod";
import { modelNotesSchema } from "./model-notes";

/*
 * What the studio sends about auto-iterate's model notes (app/(studio)/explore-actions.ts). The
 * rounds themselves run on the server as jobs (lib/workflows/auto-iterate.ts).
 */

const id = z.uuid();

export const projectNotesRequestSchema = z.object({ projectId: id });

export const saveModelNotesRequestSchema = modelNotesSchema.extend({
  projectId: id,
  /** The ids of the notes the designer changed or wrote: these become theirs. */
  edited: z.array(z.string().max(60)).max(20),
});
export type SaveModelNotesRequest = z.input<typeof saveModelNotesRequestSchema>;
