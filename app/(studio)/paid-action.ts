import "server-only";
import type { Result } from "@/lib/errors";
import { limited } from "@/lib/limits/guard";
import { toResultWithin, type Deadline } from "@/lib/server/deadline";

/**
 * A studio action that spends money or CPU: run within the action's deadline and the caller's
 * limits, as the owner the cookie names (minted on a first visit), answering a typed Result.
 */
export function paidAction<T>(body: (context: { ownerId: string; deadline: Deadline }) => Promise<T>, options: { ms?: number } = {}): Promise<Result<T>> {
  return toResultWithin((deadline) => limited("work", ({ ownerId }) => body({ ownerId, deadline })), options);
}
