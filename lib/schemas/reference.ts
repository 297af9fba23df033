import { z } from "./zod";

/** What the understanding engine reads from a reference image; both engines fill every field. */
export const referenceDescriptionSchema = z.object({
  subject: z.string().min(1).max(400),
  style: z.string().min(1).max(400),
  palette: z.array(z.string().min(1).max(60)).min(1).max(8),
  composition: z.string().min(1).max(400),
  text: z.string().max(400),
  summary: z.string().min(1).max(800),
});
export type ReferenceDescription = z.infer<typeof referenceDescriptionSchema>;

export { referenceToPrompt } from "./reference-prompt";

/** The reference as the browser sees it. */
export type ReferenceView = {
  id: string;
  url: string;
  width: number;
  height: number;
  description: ReferenceDescription;
  engine: "claude" | "offline";
  model: string;
  costUsd: number;
};

export { isReferenceRouteNote } from "./reference-note";
