import "server-only";
import { APICallError } from "@ai-sdk/provider";
import { NoImageGeneratedError, RetryError } from "ai";
import { LoupeError } from "@/lib/errors";

const MAX_DETAIL = 200;

/** The provider's own short message, safe to show: one line, bounded, with anything key-like masked. */
function shortDetail(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const line = message.split("\n")[0]!.replace(/\b(sk|key|rk|pk)-[A-Za-z0-9_\-]{6,}/g, "$1-…").trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

function retryAfterSeconds(headers: Record<string, string> | undefined): number | undefined {
  const ms = Number(headers?.["retry-after-ms"]);
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const seconds = Number(headers?.["retry-after"]);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

function fromApiCall(error: APICallError, label: string): LoupeError {
  const status = error.statusCode;
  const detail = shortDetail(error.message);
  // Google answers a wrong key with 400 INVALID_ARGUMENT rather than 401.
  if (status === 401 || status === 403 || (status === 400 && /API key not valid/i.test(error.message))) {
    return new LoupeError("provider_auth", { message: `${label} rejected the API key${detail ? `: ${detail}` : "."}`, cause: error });
  }
  if (status === 429) {
    return new LoupeError("provider_error", {
      message: `${label} is rate limiting requests${detail ? `: ${detail}` : "."}`,
      retryable: true,
      retryAfterSeconds: retryAfterSeconds(error.responseHeaders),
      cause: error,
    });
  }
  // Without a status the detail is the socket's ("read ECONNRESET"): for the log, not for the designer.
  if (!status) return new LoupeError("provider_error", { message: `${label} could not be reached (the connection failed).`, retryable: error.isRetryable, cause: error });
  return new LoupeError("provider_error", { message: `${label} answered ${status}${detail ? `: ${detail}` : "."}`, retryable: error.isRetryable, cause: error });
}

/**
 * Maps whatever `generateImage` threw to a LoupeError. `timedOut` and `cancelled` say which
 * of our signals fired, since the SDK surfaces both as a bare AbortError.
 */
export function toProviderError(error: unknown, context: { label: string; timedOut: boolean; cancelled: boolean }): LoupeError {
  if (error instanceof LoupeError) return error;
  if (context.timedOut) return new LoupeError("provider_timeout", { message: `${context.label} took too long to answer.`, retryable: true, cause: error });
  if (context.cancelled) return new LoupeError("provider_error", { message: "The render was cancelled.", retryable: true, cause: error });
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) return fromApiCall(cause, context.label);
  if (NoImageGeneratedError.isInstance(cause)) {
    return new LoupeError("provider_error", { message: `${context.label} returned no image.`, retryable: true, cause: error });
  }
  return new LoupeError("provider_error", { message: `${context.label} could not render this prompt.`, cause: error });
}

/** A few words for a fallback note ("fell back from X to Y: timeout"). */
export function failureReason(error: LoupeError): string {
  if (error.code === "provider_timeout") return "timeout";
  if (error.code === "provider_auth") return "API key rejected";
  const cause = RetryError.isInstance(error.cause) ? error.cause.lastError : error.cause;
  if (APICallError.isInstance(cause)) {
    if (cause.statusCode === 429) return "rate limited";
    return cause.statusCode ? `error ${cause.statusCode}` : "unreachable";
  }
  if (NoImageGeneratedError.isInstance(cause)) return "no image returned";
  return "error";
}
