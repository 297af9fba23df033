import { z } from "zod";
import { readOwnerId } from "@/lib/auth/owner";
import { getProject } from "@/lib/db/queries";
import { listImageThreads } from "@/lib/db/thread-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { currentCaller } from "@/lib/limits/caller";
import { admitWork } from "@/lib/limits/work";
import { MAX_DESCRIBE_BYTES, pickRequestSchema } from "@/lib/schemas/image-thread";
import { parseInput } from "@/lib/schemas/parse";
import { startDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { startThreadFromProject, startThreadFromUpload, toImageThreadView } from "@/lib/workflows/describe";

/** Room for the multipart envelope around the file. */
const MAX_BODY_BYTES = MAX_DESCRIBE_BYTES + 64 * 1024;
const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const tooLarge = (bytes: number) =>
  new LoupeError("too_large", { message: `That file is ${megabytes(bytes)}; Describe reads images of at most 10 MB. Use a JPEG, PNG, WebP or GIF under 10 MB.` });

/**
 * GET /api/describe?projectId=… — the project's conversations about images, newest first.
 * POST /api/describe — a new one: multipart (`file`, optional `projectId`) for an image upload
 * (a clip goes to /api/describe/video), or
 * JSON ({ projectId, source }) for a render or reference of the project. A route handler, not
 * a server action, because actions take 1 MB bodies. The answer streams from
 * POST /api/describe/<threadId>.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const projectId = parseInput(z.uuid(), new URL(request.url).searchParams.get("projectId"));
    const ownerId = await readOwnerId();
    const project = ownerId ? await getProject({ ownerId, projectId }) : null;
    if (!ownerId || !project) throw new LoupeError("not_found", { message: "That project was not found." });
    const threads = await listImageThreads({ ownerId, projectId });
    return Response.json({ ok: true, value: { threads: threads.map(toImageThreadView) } }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(toPublicError(error));
  }
}

export async function POST(request: Request): Promise<Response> {
  const deadline = startDeadline();
  try {
    const json = request.headers.get("content-type")?.startsWith("application/json");
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (!json && declared > MAX_BODY_BYTES) throw tooLarge(declared);
    const start = json ? await pickedImage(request) : await uploadedImage(request);
    const { ownerId, limits } = await currentCaller();
    // Decoding and re-encoding an upload is CPU work: the rate limits and the job cap come first.
    const admitted = await admitWork({ kind: "work", ...limits });
    return Response.json({ ok: true, value: await admitted.run(() => start(ownerId)) });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}

async function pickedImage(request: Request) {
  const input = parseInput(pickRequestSchema, await request.json().catch(() => null));
  return (ownerId: string) => startThreadFromProject({ ownerId, ...input });
}

async function uploadedImage(request: Request) {
  const form = await request.formData().catch((cause: unknown) => {
    throw new LoupeError("bad_request", { message: "Send the image as a multipart form with a file.", cause });
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new LoupeError("bad_request", { message: "Choose an image file to describe." });
  if (file.size > MAX_DESCRIBE_BYTES) throw tooLarge(file.size);
  const projectId = parseInput(z.uuid().nullable(), form.get("projectId") || null);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return (ownerId: string) => startThreadFromUpload({ ownerId, projectId, bytes, fileName: file.name || null });
}
