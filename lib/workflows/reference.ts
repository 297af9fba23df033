import "server-only";
import { z } from "zod";
import { createProject, getProject, getReferenceImage, insertReferenceImage } from "@/lib/db/queries";
import type { Project, ReferenceImage } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import type { RenderReference } from "@/lib/generation";
import { ingestImage } from "@/lib/images/ingest";
import type { ReferenceView } from "@/lib/schemas/reference";
import { derivedUuid } from "@/lib/server/derived-id";
import { isValidImageKey, readImage, storeImage } from "@/lib/storage";
import { getUnderstandingEngine } from "@/lib/understanding";
import { ownedProject } from "./owned";
import { understandingCall } from "./paid-call";
import { toReferenceView } from "./reference-view";

/** The brief's limit for a reference: plenty for a photo, small enough to describe quickly. */
export const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;
const MAX_REFERENCE_PIXELS = 40_000_000;

/** What POST /api/references answers: the described reference and the project it is in. */
export type AddedReference = { reference: ReferenceView; project: { id: string; name: string } };

/** The description job's input: the uploaded image as stored, and the project it goes in (null: the reference starts one). */
export const referenceJobInputSchema = z.object({
  projectId: z.uuid().nullable(),
  storageKey: z.string().refine(isValidImageKey, "not an image key"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ReferenceJobInput = z.infer<typeof referenceJobInputSchema>;

/**
 * The description job's key: the project and the stored image's content address, so the same
 * image uploaded again to the same project names the same job and is described (and paid for)
 * once. A reference that starts a project is its own upload (`upload`, one per request): the
 * same image may start another project.
 */
export const referenceJobKey = ({ projectId, sha256, upload }: Pick<ReferenceJobInput, "projectId" | "sha256"> & { upload: string }): string =>
  projectId ? `${projectId}:${sha256}` : `new:${upload}:${sha256}`;

/**
 * The request's half of adding a reference: the image is checked and stored before anything is
 * described, so a closed tab or a restart loses nothing the designer uploaded. The type comes
 * from the magic bytes; the stored copy is a fresh encode without metadata. The project is
 * checked here and made by the job: a refused upload leaves no empty project behind.
 */
export async function storeReference({ ownerId, bytes, projectId }: { ownerId: string; bytes: Uint8Array; projectId: string | null }): Promise<ReferenceJobInput> {
  const image = await ingestImage({ bytes, maxBytes: MAX_REFERENCE_BYTES, maxPixels: MAX_REFERENCE_PIXELS });
  if (projectId) await ownedProject({ ownerId, projectId });
  const stored = await storeImage(image);
  return { projectId, storageKey: stored.key, sha256: stored.sha256, width: image.width, height: image.height };
}

/**
 * The job's half: describe the stored image (the paid call, its price reserved first) and add
 * the reference to the project. The reference's id, and a new project's, come from the job's
 * id: a retry after the row was written answers that row, and one after the project was made
 * finds it, so the reference is written once and no second project is left behind.
 */
export async function describeReference({ ownerId, jobId, input, signal }: { ownerId: string; jobId: string; input: ReferenceJobInput; signal: AbortSignal }): Promise<AddedReference> {
  const referenceId = derivedUuid(jobId, "reference");
  const written = await getReferenceImage({ ownerId, referenceId });
  if (written) return addedReference({ row: written, project: await ownedProject({ ownerId, projectId: written.projectId }) });
  const image = await readImage(input.storageKey);
  if (!image) throw new LoupeError("not_found", { message: "The uploaded image is no longer stored. Upload it again." });
  const engine = getUnderstandingEngine();
  const { value, costUsd } = await understandingCall({ engine, call: "describe", texts: [], images: 1, run: () => engine.describe({ image, signal }) });
  const project = await projectOfJob({ ownerId, jobId, projectId: input.projectId });
  const row = await insertReferenceImage({
    id: referenceId,
    projectId: project.id,
    ownerId,
    storageKey: input.storageKey,
    sha256: input.sha256,
    width: input.width,
    height: input.height,
    mediaType: image.mediaType,
    bytes: image.bytes.byteLength,
    description: value.description,
    engine: engine.info.kind,
    model: value.model,
    usage: value.usage,
    costUsd,
  });
  return addedReference({ row, project });
}

async function projectOfJob({ ownerId, jobId, projectId }: { ownerId: string; jobId: string; projectId: string | null }): Promise<Project> {
  if (projectId) return ownedProject({ ownerId, projectId });
  const id = derivedUuid(jobId, "project");
  return (await getProject({ ownerId, projectId: id })) ?? createProject({ ownerId, name: "Untitled project", id });
}

const addedReference = ({ row, project }: { row: ReferenceImage; project: Project }): AddedReference => ({ reference: toReferenceView(row), project: { id: project.id, name: project.name } });

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
