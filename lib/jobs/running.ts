import "server-only";
import { listJobsInFlight } from "@/lib/db/job-queries";
import { listProjects } from "@/lib/db/queries";
import type { RunningWork } from "@/lib/schemas/running-work";
import { allJobKinds, type JobKind } from "./kinds";

/** The owner's jobs not yet finished, each with its project's name, oldest first. */
export async function runningWork({ ownerId }: { ownerId: string }): Promise<RunningWork[]> {
  const jobs = (await listJobsInFlight({ ownerId })).filter((job) => (allJobKinds as string[]).includes(job.kind));
  if (jobs.length === 0) return [];
  const names = new Map((await listProjects(ownerId)).map((p) => [p.id, p.name]));
  return jobs.map((job) => ({
    id: job.id,
    kind: job.kind as JobKind,
    projectId: job.projectId,
    projectName: job.projectId ? (names.get(job.projectId) ?? null) : null,
    waiting: job.state !== "active",
    since: job.createdOn,
  }));
}
