import "server-only";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
} from "@anthropic-ai/sdk";
import { LoupeError } from "@/lib/errors";

/**
 * Turns whatever the SDK threw into a `LoupeError`. The user sees only the code's fixed
 * sentence; the SDK error stays as `cause` for the server log (it never contains the key).
 * A caller's own abort is passed through untouched: nothing failed, somebody changed their mind.
 */
export function toClaudeError(error: unknown): unknown {
  if (error instanceof LoupeError || error instanceof APIUserAbortError) return error;
  if (isAbort(error)) return error;
  if (error instanceof APIConnectionTimeoutError) return new LoupeError("claude_timeout", { cause: error, retryable: true });
  if (error instanceof APIConnectionError || isConnectionLost(error)) {
    return new LoupeError("claude_error", { message: "The connection to Claude was lost.", cause: error, retryable: true });
  }
  if (!(error instanceof APIError)) return new LoupeError("claude_error", { cause: error });

  // A spent budget is not a transient fault: no retry (the SDK does not retry a 402 either), and the operator must act.
  if (isSpendLimit(error)) return new LoupeError("spend_limit", { cause: error });
  // Errors that arrive inside an SSE stream have no status, only the body's type.
  if (error instanceof OverloadedError || error.type === "overloaded_error") {
    return new LoupeError("claude_overloaded", { cause: error, retryable: true });
  }
  if (error instanceof RateLimitError || error.type === "rate_limit_error") {
    return new LoupeError("claude_rate_limited", {
      cause: error,
      retryable: true,
      retryAfterSeconds: retryAfterSeconds(error.headers),
    });
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new LoupeError("claude_auth", { cause: error });
  }
  if (error.status === 408 || error.status === 504 || error.type === "timeout_error") {
    return new LoupeError("claude_timeout", { cause: error, retryable: true });
  }
  return new LoupeError("claude_error", { cause: error, retryable: error.status === undefined || error.status >= 500 });
}

/** Billing errors come as 402 `billing_error`, or as a 400 that says the credit balance is too low. */
function isSpendLimit(error: InstanceType<typeof APIError>): boolean {
  if (error.status === 402 || error.type === "billing_error") return true;
  return error.status === 400 && /credit balance|spend(ing)? limit|billing/i.test(error.message);
}

/**
 * A connection dropped after the answer began (mid-stream) is not wrapped by the SDK: the
 * runtime's fetch rejects the body with `TypeError: terminated` caused by ECONNRESET.
 */
function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return (error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message)) || (typeof code === "string" && /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNREFUSED)$/.test(code));
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** `retry-after` is either delta-seconds or an HTTP date. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
