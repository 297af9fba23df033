import "server-only";
import { getReferenceImage } from "@/lib/db/queries";
import type { ReferenceImage } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt";
import { referenceToPrompt } from "@/lib/schemas/reference";
import { readImage } from "@/lib/storage";

/** The caller's reference, and only inside the project it belongs to. */
export async function ownReference({ ownerId, referenceId, projectId }: { ownerId: string; referenceId: string; projectId: string }) {
  const reference = await getReferenceImage({ ownerId, referenceId });
  if (!reference || reference.projectId !== projectId) throw new LoupeError("not_found", { message: "That reference image was not found." });
  return reference;
}

/**
 * The Local renderer and most providers take no image input, so they get the reference's
 * description as words after the prompt. The stored prompt stays the designer's own.
 */
export function withReferenceDescription({ prompt, reference }: { prompt: string; reference: ReferenceImage | null }): string {
  if (!reference) return prompt;
  const joined = `${prompt}\nIn the style of the reference: ${referenceToPrompt(reference.description)}`;
  return joined.length <= MAX_PROMPT_LENGTH ? joined : prompt;
}

/** The reference an iteration was rendered with, as the critique compares against it. */
export async function referenceForCritique({ ownerId, referenceId }: { ownerId: string; referenceId: string | null }) {
  if (!referenceId) return undefined;
  const reference = await getReferenceImage({ ownerId, referenceId });
  const image = reference ? await readImage(reference.storageKey) : null;
  return reference && image ? { image, description: reference.description } : undefined;
}
