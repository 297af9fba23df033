import "server-only";
import { createProject, getReferenceImage, insertReferenceImage } from "@/lib/db/queries";
import type { ReferenceImage } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import type { RenderReference } from "@/lib/generation";
import { ingestImage } from "@/lib/images/ingest";
import type { ReferenceView } from "@/lib/schemas/reference";
import { readImage, storeImage } from "@/lib/storage";
import { getUnderstandingEngine } from "@/lib/understanding";
import { ownedProject } from "./owned";
import { understandingCall } from "./paid-call";
import { toReferenceView } from "./reference-view";

/** The brief's limit for a reference: plenty for a photo, small enough to describe quickly. */
export const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;
const MAX_REFERENCE_PIXELS = 40_000_000;

/**
 * A designer's reference image, added to their project (a reference may come before the first
 * render; it then starts the project). The description is the paid call, and its price is
 * reserved first: decoding and re-encoding the image is costly too. The type comes from the
 * magic bytes; the stored copy is a fresh encode without metadata.
 */
export async function addReference({ ownerId, bytes, projectId, signal }: { ownerId: string; bytes: Uint8Array; projectId: string | null; signal: AbortSignal }): Promise<{ reference: ReferenceView; project: { id: string; name: string } }> {
  const engine = getUnderstandingEngine();
  const { value, costUsd } = await understandingCall({
    engine,
    call: "describe",
    texts: [],
    images: 1,
    run: async () => {
      const image = await ingestImage({ bytes, maxBytes: MAX_REFERENCE_BYTES, maxPixels: MAX_REFERENCE_PIXELS });
      // The project is checked first but made last: a refused or failed upload leaves no empty project behind.
      const existing = projectId ? await ownedProject({ ownerId, projectId }) : null;
      const stored = await storeImage(image);
      const described = await engine.describe({ image, signal });
      const project = existing ?? (await createProject({ ownerId, name: "Untitled project" }));
      return { ...described, image, project, stored };
    },
  });
  const { image, project, stored } = value;
  const row = await insertReferenceImage({
    projectId: project.id,
    ownerId,
    storageKey: stored.key,
    sha256: stored.sha256,
    width: image.width,
    height: image.height,
    mediaType: stored.mediaType,
    bytes: stored.size,
    description: value.description,
    engine: engine.info.kind,
    model: value.model,
    usage: value.usage,
    costUsd,
  });
  return { reference: toReferenceView(row), project: { id: project.id, name: project.name } };
}

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
