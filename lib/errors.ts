import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";

/**
 * Typed error codes. `LoupeError` carries what the user may see; anything else that
 * reaches a boundary is logged in full on the server and shown as `internal`.
 */
export const errorMessages = {
  bad_request: "That request was not valid.",
  empty_prompt: "Write a prompt first.",
  prompt_too_long: `Prompts can be at most ${MAX_PROMPT_LENGTH.toLocaleString("en-US")} characters.`,
  not_found: "That was not found.",
  forbidden: "You do not have access to that.",
  conflict: "That request conflicts with one already made.",
  rate_limited: "Too many requests. Try again in a moment.",
  too_many_jobs: "You already have several renders or critiques running. Wait for one to finish, then try again.",
  budget_exhausted: "Today's AI budget for this studio is used up. Paid renders and Claude calls start again after midnight UTC.",
  visitor_budget_exhausted: "Your share of today's AI budget on this studio is used up. Paid renders and Claude calls start again after midnight UTC.",
  spend_limit: "The AI service's spending limit or credit balance has been reached. Retrying will not help until the operator raises it.",
  claude_overloaded: "Claude is overloaded right now.",
  claude_rate_limited: "Claude is rate limiting requests right now.",
  claude_timeout: "Claude took too long to answer.",
  claude_auth: "Claude rejected the API key.",
  claude_error: "Claude could not complete the request.",
  provider_error: "The image provider could not render this prompt.",
  provider_timeout: "The image provider took too long to answer.",
  provider_auth: "The image provider rejected the API key.",
  provider_unavailable: "That image provider is not configured.",
  deadline_exceeded: "This took longer than the server allows and was stopped. Nothing you made is lost: try again.",
  unsupported_media: "That file type is not supported.",
  too_large: "That file is too large.",
  gone: "This link has been revoked or has expired.",
  internal: "Something went wrong on our side. Your work is saved.",
} as const;

export type ErrorCode = keyof typeof errorMessages;

export class LoupeError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    options: { message?: string; cause?: unknown; retryable?: boolean; retryAfterSeconds?: number } = {},
  ) {
    super(options.message ?? errorMessages[code], { cause: options.cause });
    this.name = "LoupeError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** What may cross to the browser: a code and a sentence, never a stack or a key. */
export type PublicError = {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  retryAfterSeconds?: number;
};

export function toPublicError(error: unknown): PublicError {
  if (error instanceof LoupeError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  console.error("[loupe] unexpected error", error);
  return { code: "internal", message: errorMessages.internal, retryable: true };
}

/** Typed result for server actions: the browser never sees a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: PublicError };

/** Runs a server action body and turns any failure into a typed, browser-safe result. */
export async function toResult<T>(body: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    return { ok: false, error: toPublicError(error) };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorMessages, value);
}

/**
 * Zod failures become a `bad_request` whose message is the first issue, phrased for people. A
 * schema names a typed error by giving an error code as the issue's message (promptSchema's
 * `empty_prompt`), so the code is never recovered from a sentence.
 */
export function invalidInput(issues: ReadonlyArray<{ message: string }>): LoupeError {
  const first = issues[0]?.message;
  if (isErrorCode(first)) return new LoupeError(first);
  return new LoupeError("bad_request", { message: first ? `That request was not valid: ${first}` : undefined });
}
