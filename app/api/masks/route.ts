import { z } from "zod";
import { LoupeError, toPublicError } from "@/lib/errors";
import { currentCaller } from "@/lib/limits/caller";
import { admitWork } from "@/lib/limits/work";
import { startDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { storeMask } from "@/lib/workflows/edit/store-mask";

/** A mask is one channel of the image's size: a 4096² PNG of strokes stays far below this. */
const MAX_MASK_BYTES = 4 * 1024 * 1024;
const MAX_BODY_BYTES = MAX_MASK_BYTES + 64 * 1024;

const fieldsSchema = z.object({ imageId: z.uuid() });

const tooLarge = () => new LoupeError("too_large", { message: "That mask is larger than 4 MB; paint it again on the image." });

/**
 * POST /api/masks (multipart: `mask`, `imageId`) — a region painted on one of the caller's
 * renders, checked against it and stored (lib/workflows/edit/store-mask.ts). Answers the key a
 * Generate request names, or a sentence saying what is wrong with the mask (empty, everything,
 * another shape). A route handler because a painted PNG may outgrow an action's 1 MB body.
 */
export async function POST(request: Request): Promise<Response> {
  const deadline = startDeadline();
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
    const form = await request.formData().catch((cause: unknown) => {
      throw new LoupeError("bad_request", { message: "Send the mask as a multipart form with the image it was painted on.", cause });
    });
    const mask = form.get("mask");
    if (!(mask instanceof File)) throw new LoupeError("bad_request", { message: "Paint a region on the image first." });
    if (mask.size > MAX_MASK_BYTES) throw tooLarge();
    const fields = fieldsSchema.safeParse({ imageId: form.get("imageId") });
    if (!fields.success) throw new LoupeError("bad_request", { message: "That image is not valid." });
    const { ownerId, limits } = await currentCaller();
    const admitted = await admitWork({ kind: "work", ...limits });
    const stored = await admitted.run(async () => storeMask({ ownerId, imageId: fields.data.imageId, bytes: new Uint8Array(await mask.arrayBuffer()) }));
    return Response.json({ ok: true, value: stored });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}
