import "server-only";
import { getReferenceImage } from "@/lib/db/queries";
import type { ReferenceImage } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import type { RenderReference } from "@/lib/generation";
import { readImage } from "@/lib/storage";

/** The caller's reference, and only inside the project it belongs to. */
export async function ownReference({ ownerId, referenceId, projectId }: { ownerId: string; referenceId: string; projectId: string }) {
  const reference = await getReferenceImage({ ownerId, referenceId });
  if (!reference || reference.projectId !== projectId) throw new LoupeError("not_found", { message: "That reference image was not found." });
  return reference;
}

/**
 * The reference as the render takes it: its bytes for models that take image input, its
 * description for the rest (lib/generation decides per model). Missing bytes are an error the
 * designer sees, not a render that silently ignores the reference.
 */
export async function referenceForRender(reference: ReferenceImage | null): Promise<RenderReference | undefined> {
  if (!reference) return undefined;
  const image = await readImage(reference.storageKey);
  if (!image) throw new LoupeError("not_found", { message: "The reference image file is missing; upload it again or clear the reference." });
  return { bytes: image.bytes, description: reference.description };
}

/** The reference an iteration was rendered with, as the critique compares against it. */
export async function referenceForCritique({ ownerId, referenceId }: { ownerId: string; referenceId: string | null }) {
  if (!referenceId) return undefined;
  const reference = await getReferenceImage({ ownerId, referenceId });
  const image = reference ? await readImage(reference.storageKey) : null;
  return reference && image ? { image, description: reference.description } : undefined;
}
