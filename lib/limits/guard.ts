import "server-only";
import { LoupeError, type PublicError } from "@/lib/errors";
import { currentCaller } from "./caller";
import { admitWork, type WorkRequest } from "./work";

/**
 * Runs a server action's body under the caller's limits (see admitWork), as the owner the cookie
 * names (minted on a first visit); refusals become the action's typed error.
 */
export async function limited<T>(kind: WorkRequest["kind"], body: (caller: { ownerId: string }) => Promise<T>): Promise<T> {
  const { ownerId, limits } = await currentCaller();
  const admitted = await admitWork({ kind, ...limits });
  return admitted.run(() => body({ ownerId }));
}

const LIMIT_CODES: ReadonlySet<PublicError["code"]> = new Set(["rate_limited", "too_many_jobs", "budget_exhausted", "visitor_budget_exhausted"]);

/** A refusal by the rate limits, the job cap or the day's budget. */
export function isLimitRefusal(error: unknown): error is LoupeError {
  return error instanceof LoupeError && LIMIT_CODES.has(error.code);
}

/** A route handler's answer to a refused limit: 429 with Retry-After and the error as JSON. */
export function limitResponse(error: PublicError, body: unknown = { error }): Response | null {
  if (!LIMIT_CODES.has(error.code)) return null;
  const headers = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
  return Response.json(body, { status: 429, headers });
}
