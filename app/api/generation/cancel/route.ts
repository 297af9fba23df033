import { cancelGeneration } from "@/lib/workflows/cancel";
import { toPublicError } from "@/lib/errors";

/**
 * POST /api/generation/cancel { idempotencyKey } — Cancel for the studio. A route handler, not
 * only a server action: the browser dispatches one page's server actions one at a time, so a
 * cancel sent as an action would wait behind the very render it means to stop.
 */
export async function POST(request: Request): Promise<Response> {
  const body: unknown = await request.json().catch(() => null);
  try {
    return Response.json(await cancelGeneration(body));
  } catch (error) {
    const publicError = toPublicError(error);
    return Response.json({ error: publicError }, { status: publicError.code === "bad_request" ? 400 : 500 });
  }
}
