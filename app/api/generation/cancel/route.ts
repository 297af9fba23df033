import { readOwnerId } from "@/lib/auth/owner";
import { toPublicError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { cancelRequestSchema } from "@/lib/schemas/studio-requests";
import { errorResponse } from "@/lib/server/error-response";
import { cancelGeneration } from "@/lib/workflows/cancel";

/**
 * POST /api/generation/cancel { idempotencyKey } — Cancel for the studio. A route handler, not
 * only a server action: the browser dispatches one page's server actions one at a time, so a
 * cancel sent as an action would wait behind the very render it means to stop.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const { idempotencyKey } = parseInput(cancelRequestSchema, await request.json().catch(() => null));
    return Response.json(await cancelGeneration({ ownerId: await readOwnerId(), idempotencyKey }));
  } catch (error) {
    return errorResponse(toPublicError(error));
  }
}
