import "server-only";
import { getDb } from "@/lib/db/client";
import { listPendingIterations, updateIteration } from "@/lib/db/queries";
import { LoupeError, toPublicError } from "@/lib/errors";

/**
 * Runs once when a server process starts: opens the database (applying migrations, and
 * paying PGlite's first-start cost before the first designer does) and settles work a
 * previous process left half-done, so no iteration stays "pending" forever.
 */
export async function startServer(): Promise<void> {
  await getDb();
  await settleInterruptedIterations();
}

async function settleInterruptedIterations(): Promise<void> {
  const interrupted = await listPendingIterations();
  for (const iteration of interrupted) {
    if (iteration.status === "critiquing") {
      // The image is stored; only the critique was cut off, and the studio offers Retry.
      const error = toPublicError(new LoupeError("internal", { message: "The critique was interrupted by a server restart.", retryable: true }));
      await updateIteration({ id: iteration.id, patch: { status: "done", error } });
    } else {
      const error = toPublicError(new LoupeError("internal", { message: "This render was interrupted by a server restart. Your prompt is kept: generate again.", retryable: true }));
      await updateIteration({ id: iteration.id, patch: { status: "failed", error } });
    }
  }
  if (interrupted.length > 0) console.info(`[loupe] settled ${interrupted.length} interrupted iteration(s)`);
}
