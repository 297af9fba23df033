import "server-only";
import { publishProjectEvent } from "@/lib/server/project-events";
import type { IterationView } from "@/lib/schemas/iteration";
import { viewOf } from "./owned";

/**
 * Tells the project's stream where an iteration stands (its stage, each image as it is stored,
 * its critiques and costs): the whole view, so a browser that missed an event loses nothing.
 * Progress never fails the work it reports on.
 */
export async function announceIteration({ ownerId, iterationId, view: known }: { ownerId: string; iterationId: string; view?: IterationView }): Promise<void> {
  try {
    // `view`: the caller's answer, already built, spares a read.
    const view = known ?? (await viewOf({ ownerId, iterationId }));
    await publishProjectEvent({ projectId: view.projectId, ownerId, type: "iteration", data: view });
  } catch (error) {
    console.error("[loupe] could not announce an iteration's progress", error);
  }
}
