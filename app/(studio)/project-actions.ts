"use server";

import { z } from "zod";
import { ensureOwnerId, readOwnerId } from "@/lib/auth/owner";
import { deleteProject, listProjects, renameProject } from "@/lib/db/queries";
import { LoupeError, toResult, type Result } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { projectNameSchema } from "@/lib/schemas/project-name";
import { forgetImageAccess } from "@/lib/images/image-access";
import { forgetSharesOfProject } from "@/lib/share/share-cache";
import { deleteImage } from "@/lib/storage";
import { imageUrl } from "@/lib/workflows/iteration-view";

export type ProjectCard = { id: string; name: string; iterationCount: number; thumbnailUrl: string | null; createdAt: string };

export async function listProjectsAction(): Promise<Result<ProjectCard[]>> {
  return toResult(async () => {
    const ownerId = await readOwnerId();
    if (!ownerId) return [];
    const projects = await listProjects(ownerId);
    return projects.map((p) => ({
      id: p.id,
      name: p.name,
      iterationCount: p.iterationCount,
      thumbnailUrl: p.thumbnailKey ? imageUrl(p.thumbnailKey) : null,
      createdAt: p.createdAt.toISOString(),
    }));
  });
}

const renameSchema = z.object({
  projectId: z.uuid(),
  name: projectNameSchema,
});

export async function renameProjectAction(raw: z.input<typeof renameSchema>): Promise<Result<{ id: string; name: string }>> {
  return toResult(async () => {
    const input = parseInput(renameSchema, raw);
    const ownerId = await ensureOwnerId();
    const project = await renameProject({ ownerId, ...input });
    if (!project) throw new LoupeError("not_found", { message: "That project was not found." });
    return { id: project.id, name: project.name };
  });
}

const deleteSchema = z.object({ projectId: z.uuid() });

export async function deleteProjectAction(raw: z.input<typeof deleteSchema>): Promise<Result<{ id: string }>> {
  return toResult(async () => {
    const { projectId } = parseInput(deleteSchema, raw);
    const ownerId = await ensureOwnerId();
    const orphaned = await deleteProject({ ownerId, projectId });
    if (!orphaned) throw new LoupeError("not_found", { message: "That project was not found." });
    // Its share links went with the rows: stop serving them from this instance's cache at once.
    forgetSharesOfProject(projectId);
    forgetImageAccess(ownerId);
    // Rows are gone first; a file left behind by a failed delete is swept later, never the reverse.
    await Promise.allSettled(orphaned.map((key) => deleteImage(key)));
    return { id: projectId };
  });
}
