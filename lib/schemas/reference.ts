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

/**
 * How a reference reached the provider ("reference sent as an image to …", "… as words to …",
 * written by lib/generation/reference.ts) is a fact about the render, not a warning like the
 * iteration's other notes; one left out for length is a warning and does not match.
 */
export function isReferenceRouteNote(note: string): boolean {
  return /^reference sent as (an image|words) to /.test(note);
}
