import { z } from "zod";
import { toPublicError } from "@/lib/errors";
import { currentCaller } from "@/lib/limits/caller";
import { admitWork } from "@/lib/limits/work";
import { parseInput } from "@/lib/schemas/parse";
import { startDeadline, withDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { threadAsReference } from "@/lib/workflows/describe";

/** POST /api/describe/<threadId>/reference — "Use as reference": the described image joins the project's references. */
export async function POST(request: Request, { params }: { params: Promise<{ threadId: string }> }): Promise<Response> {
  const deadline = startDeadline();
  try {
    const threadId = parseInput(z.uuid(), (await params).threadId);
    const { ownerId, limits } = await currentCaller();
    const admitted = await admitWork({ kind: "work", ...limits });
    const reference = await admitted.run(() => threadAsReference({ ownerId, threadId, signal: withDeadline(deadline, request.signal) }));
    return Response.json({ ok: true, value: { reference } });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}
