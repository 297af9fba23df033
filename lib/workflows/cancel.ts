import "server-only";
import { recordCancel } from "@/lib/db/variant-queries";
import { cancelRender } from "@/lib/generation/cancellation";

/** How long Cancel waits for a render that has not reached the database yet (a click right after Generate). */
const CANCEL_WAIT_MS = 2_000;

/**
 * Stops the render started with this idempotency key. It aborts the render's controller when it
 * runs on this instance, and records the cancel on the row, which an instance elsewhere
 * (scale-out) polls. Finished variants are kept by the render itself.
 *
 * The key is the capability: a random UUID that only the browser which started the render knows
 * (no view or link carries it). The owner cookie cannot be required: a new designer's first render
 * mints it, and the browser only receives it when that render's action answers.
 */
export async function cancelGeneration({ ownerId, idempotencyKey }: { ownerId: string | null; idempotencyKey: string }): Promise<{ stopped: boolean }> {
  const deadline = Date.now() + CANCEL_WAIT_MS;
  for (;;) {
    // Record first: the row is what every instance (this one included, via its poll) trusts.
    const recorded = await recordCancel({ ownerId, idempotencyKey });
    const here = cancelRender(idempotencyKey);
    if (recorded || here) return { stopped: true };
    if (Date.now() >= deadline) return { stopped: false };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
