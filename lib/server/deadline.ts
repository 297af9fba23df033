import "server-only";
import { env } from "@/lib/env";
import { LoupeError, toResult, type Result } from "@/lib/errors";

/**
 * One deadline per action (LOUPE_ACTION_DEADLINE_MS) that bounds the whole of it: every Claude
 * and provider call made on the action's behalf listens to `signal` beside its own timeout, so
 * a hung upstream, a retry loop or a fallback chain cannot hold the designer past it.
 */
export type Deadline = {
  signal: AbortSignal;
  ms: number;
  /** The typed error the designer sees when the deadline cut the action off. */
  error(cause?: unknown): LoupeError;
  /**
   * What a failure means once the deadline has fired: the deadline, whatever the aborted call
   * threw on its way out (an AbortError, the SDK's user-abort error, a "cancelled" render).
   */
  explain(error: unknown): unknown;
};

export function startDeadline(ms: number = env().LOUPE_ACTION_DEADLINE_MS): Deadline {
  const signal = AbortSignal.timeout(ms);
  const error = (cause?: unknown) =>
    new LoupeError("deadline_exceeded", {
      message: `This took longer than the server allows (${formatSeconds(ms)}) and was stopped. Nothing you made is lost: try again.`,
      retryable: true,
      // Kept for the server log only: toPublicError sends the code and the sentence.
      cause,
    });
  return {
    signal,
    ms,
    error,
    explain: (cause) => (signal.aborted && !(cause instanceof LoupeError && cause.code === "deadline_exceeded") ? error(cause) : cause),
  };
}

/** `toResult` for an action that calls upstreams: the body gets the action's deadline, and a cut-off reads as one. */
export function toResultWithin<T>(body: (deadline: Deadline) => Promise<T>, options: { ms?: number } = {}): Promise<Result<T>> {
  const deadline = startDeadline(options.ms);
  return toResult(async () => {
    try {
      return await body(deadline);
    } catch (error) {
      throw deadline.explain(error);
    }
  });
}

/** The caller's own signal (a cancel, a closed connection) and the deadline, whichever comes first. */
export function withDeadline(deadline: Deadline, signal: AbortSignal | undefined): AbortSignal {
  return signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
