import { z } from "zod";
import { createProject, getProject, insertReferenceImage } from "@/lib/db/queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { ingestImage } from "@/lib/images/ingest";
import { startDeadline, withDeadline } from "@/lib/server/deadline";
import { currentCaller } from "@/lib/limits/caller";
import { errorResponse } from "@/lib/server/error-response";
import { admitWork, recordSpend } from "@/lib/limits/work";
import { storeImage } from "@/lib/storage";
import { toReferenceView } from "@/lib/studio/reference-view";
import { costOfUsage, estimateUnderstandingUsd, getUnderstandingEngine } from "@/lib/understanding";

/** The brief's limit for a reference: plenty for a photo, small enough to describe quickly. */
const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;
const MAX_REFERENCE_PIXELS = 40_000_000;
/** Room for the multipart envelope around the file. */
const MAX_BODY_BYTES = MAX_REFERENCE_BYTES + 64 * 1024;

const fieldsSchema = z.object({ projectId: z.uuid().nullable() });

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const tooLarge = (bytes: number) =>
  new LoupeError("too_large", { message: `That file is ${megabytes(bytes)}; a reference can be at most 10 MB. Use a JPEG, PNG or WebP under 10 MB.` });

/**
 * POST /api/references (multipart: `file`, optional `projectId`) — a designer's reference
 * image. A route handler, not a server action, because actions take 1 MB bodies. The size is
 * refused from the header before the body is read; the type comes from the magic bytes; the
 * stored copy is a fresh encode without metadata. The engine then describes it.
 */
export async function POST(request: Request): Promise<Response> {
  const deadline = startDeadline();
  try {
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_BODY_BYTES) throw tooLarge(declared);
    const form = await request.formData().catch((cause: unknown) => {
      throw new LoupeError("bad_request", { message: "Send the reference as a multipart form with a file.", cause });
    });
    const file = form.get("file");
    if (!(file instanceof File)) throw new LoupeError("bad_request", { message: "Choose an image file to upload." });
    if (file.size > MAX_REFERENCE_BYTES) throw tooLarge(file.size);
    const fields = fieldsSchema.safeParse({ projectId: form.get("projectId") || null });
    if (!fields.success) throw new LoupeError("bad_request", { message: "That project is not valid." });

    const { ownerId, limits } = await currentCaller();
    const engine = getUnderstandingEngine();
    // Decoding, re-encoding and describing the image is the costly part: the limits come first.
    const estimateUsd = estimateUnderstandingUsd({ engine: engine.info, call: "describe", textChars: 0, images: 1 });
    const admitted = await admitWork({ kind: "work", ...limits, estimateUsd });
    return await admitted.run(() => describeReference({ ownerId, file, projectId: fields.data.projectId, signal: withDeadline(deadline, request.signal) }));
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}

async function describeReference({ ownerId, file, projectId, signal }: { ownerId: string; file: File; projectId: string | null; signal: AbortSignal }): Promise<Response> {
  const image = await ingestImage({ bytes: new Uint8Array(await file.arrayBuffer()), maxBytes: MAX_REFERENCE_BYTES, maxPixels: MAX_REFERENCE_PIXELS });
  // The project is checked first but made last: a refused or failed upload leaves no empty project behind.
  const existing = projectId ? await ownedProject({ ownerId, projectId }) : null;
  const stored = await storeImage(image);
  const engine = getUnderstandingEngine();
  const described = await engine.describe({ image, signal });
  // A reference may come before the first render; it then starts the project.
  const project = existing ?? (await createProject({ ownerId, name: "Untitled project" }));
  const costUsd = costOfUsage({ usage: described.usage, model: described.model, engine: engine.info.kind });
  recordSpend(costUsd);
  const row = await insertReferenceImage({
    projectId: project.id,
    ownerId,
    storageKey: stored.key,
    sha256: stored.sha256,
    width: image.width,
    height: image.height,
    mediaType: stored.mediaType,
    bytes: stored.size,
    description: described.description,
    engine: engine.info.kind,
    model: described.model,
    usage: described.usage,
    costUsd,
  });
  return Response.json({ ok: true, value: { reference: toReferenceView(row), project: { id: project.id, name: project.name } } });
}

async function ownedProject({ ownerId, projectId }: { ownerId: string; projectId: string }) {
  const project = await getProject({ ownerId, projectId });
  if (!project) throw new LoupeError("not_found", { message: "That project was not found." });
  return project;
}
