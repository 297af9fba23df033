import { randomUUID } from "node:crypto";
import { z } from "zod";
import { LoupeError, toPublicError } from "@/lib/errors";
import { referenceMayRetry } from "@/lib/jobs/retry-rules";
import { runAsJob } from "@/lib/jobs/run";
import { budgetSubjects } from "@/lib/limits/budget";
import { currentCaller } from "@/lib/limits/caller";
import { admitWork } from "@/lib/limits/work";
import { startDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { MAX_REFERENCE_BYTES, referenceJobKey, storeReference, type AddedReference } from "@/lib/workflows/reference";

/** Room for the multipart envelope around the file. */
const MAX_BODY_BYTES = MAX_REFERENCE_BYTES + 64 * 1024;

const fieldsSchema = z.object({ projectId: z.uuid().nullable() });

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const tooLarge = (bytes: number) =>
  new LoupeError("too_large", { message: `That file is ${megabytes(bytes)}; a reference can be at most 10 MB. Use a JPEG, PNG or WebP under 10 MB.` });

/**
 * POST /api/references (multipart: `file`, optional `projectId`) — a designer's reference
 * image. A route handler, not a server action, because actions take 1 MB bodies. The size is
 * refused from the header before the body is read; the limits come before the image is decoded.
 * The image is checked and stored here; its description (the paid call) is a job keyed by the
 * project and the image, which this request waits for: a closed tab or a restart does not stop
 * it, and a retried upload joins it instead of paying again (lib/workflows/reference.ts).
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
    const admitted = await admitWork({ kind: "work", ...limits });
    const input = await admitted.run(async () => storeReference({ ownerId, bytes: new Uint8Array(await file.arrayBuffer()), projectId: fields.data.projectId }));
    const added = await runAsJob<AddedReference>({
      kind: "reference-description",
      ownerId,
      subjects: budgetSubjects({ ownerKey: ownerId, ip: limits.ip, anonymous: limits.anonymous }),
      key: referenceJobKey({ ...input, upload: randomUUID() }),
      projectId: input.projectId,
      input,
      retryWhen: (outcome) => referenceMayRetry({ ownerId, outcome }),
    });
    return Response.json({ ok: true, value: added });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}
