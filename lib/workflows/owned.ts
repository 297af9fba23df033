import "server-only";
import { createProject, getProject, loadOwnedIteration as loadOwnedRow } from "@/lib/db/queries";
import type { Project } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import type { IterationView } from "@/lib/schemas/iteration";
import { toIterationView, type IterationRecord } from "./iteration-view";

/*
 * The owner-scoped loaders every workflow starts from. Another owner's row reads exactly like a
 * missing one, so a caller learns nothing about ids that are not theirs.
 */

/** The owner's iteration with its images and critiques, read once; `projectId` also requires it to be in that project. */
export async function loadOwnedIteration({ ownerId, iterationId, projectId }: { ownerId: string; iterationId: string; projectId?: string }): Promise<IterationRecord> {
  const record = await loadOwnedRow({ ownerId, iterationId });
  if (!record || (projectId && record.projectId !== projectId)) throw new LoupeError("not_found", { message: "That iteration was not found." });
  return record;
}

/** The owner's project; another owner's reads as missing. */
export async function ownedProject({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<Project> {
  const project = await getProject({ ownerId, projectId });
  if (!project) throw new LoupeError("not_found", { message: "That project was not found." });
  return project;
}

/** The owner's project, or a new one named `name` when there is none yet (the first render or reference starts it). */
export async function projectFor({ ownerId, projectId, name }: { ownerId: string; projectId: string | null; name: string }): Promise<Project> {
  return projectId ? ownedProject({ ownerId, projectId }) : createProject({ ownerId, name });
}

/** The iteration as the studio shows it, read again after a workflow changed it. */
export async function viewOf({ ownerId, iterationId }: { ownerId: string; iterationId: string }): Promise<IterationView> {
  return toIterationView(await loadOwnedIteration({ ownerId, iterationId }));
}
