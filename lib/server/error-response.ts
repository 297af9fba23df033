import "server-only";
import type { PublicError } from "@/lib/errors";
import { limitResponse } from "@/lib/limits/guard";

const statuses: Partial<Record<PublicError["code"], number>> = {
  too_large: 413,
  unsupported_media: 415,
  bad_request: 400,
  empty_prompt: 400,
  prompt_too_long: 400,
  not_found: 404,
  conflict: 409,
};

/** A route handler's JSON answer for a failure: 429 with Retry-After for a refused limit, else a status by code. */
export function errorResponse(error: PublicError): Response {
  const body = { ok: false, error };
  return limitResponse(error, body) ?? Response.json(body, { status: statuses[error.code] ?? (error.retryable ? 503 : 500) });
}
