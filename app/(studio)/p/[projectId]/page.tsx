import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Studio } from "@/components/studio/studio";
import { CjkFont } from "@/components/ui/cjk-font";
import { readOwnerId } from "@/lib/auth/owner";
import { listExploreRounds } from "@/lib/db/explore-queries";
import { getProject, listReferenceImages, loadProjectIterations } from "@/lib/db/queries";
import { latestAutoRun } from "@/lib/db/auto-run-queries";
import { latestProjectEventId } from "@/lib/db/event-queries";
import type { IterationView } from "@/lib/schemas/iteration";
import { runView } from "@/lib/workflows/auto-iterate";
import { lastRunOf } from "@/lib/workflows/explore/round";
import { toIterationView } from "@/lib/workflows/iteration-view";
import { activeReferenceId, toReferenceView } from "@/lib/workflows/reference-view";
import { loadStudioConfig } from "@/lib/workflows/studio-config";

type Props = { params: Promise<{ projectId: string }> };

async function loadOwnedProject(projectId: string) {
  const ownerId = await readOwnerId();
  // Another browser's project is indistinguishable from one that does not exist.
  if (!ownerId || !z.uuid().safeParse(projectId).success) notFound();
  const project = await getProject({ ownerId, projectId });
  if (!project) notFound();
  return project;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const project = await loadOwnedProject((await params).projectId);
  return { title: project.name, robots: { index: false } };
}

export default async function ProjectPage({ params }: Props) {
  const project = await loadOwnedProject((await params).projectId);
  // The event position is read first: an event written while the rest loads is sent again, never missed.
  const eventsAfter = await latestProjectEventId({ projectId: project.id });
  const [records, referenceRows, run, roundRows] = await Promise.all([
    loadProjectIterations({ projectId: project.id }),
    listReferenceImages({ projectId: project.id }),
    latestAutoRun({ ownerId: project.ownerId, projectId: project.id }),
    listExploreRounds({ ownerId: project.ownerId, projectId: project.id }),
  ]);
  const iterations = records.map(toIterationView);
  const autoRun = run ? runView(run) : null;
  // A run that ended after the last iteration was made picked its best: the project opens on it.
  const picked = autoRun?.bestIterationId && run && !newerThan(iterations.at(-1), run.updatedAt) ? iterations.find((i) => i.id === autoRun.bestIterationId) : undefined;
  const latest = picked ?? iterations.at(-1);
  return (
    <>
      <CjkFont text={JSON.stringify(iterations)} />
      <Studio
        config={loadStudioConfig()}
        autoIterate={{ ...lastRunOf(roundRows), run: autoRun }}
        references={{ projectId: project.id, references: referenceRows.map(toReferenceView), activeId: activeReferenceId({ references: referenceRows, latest }) }}
        eventsAfter={eventsAfter}
        initial={{
          projectId: project.id,
          projectName: project.name,
          iterations,
          currentId: latest?.id ?? null,
          draft: latest?.draft ?? "",
          refinedPrompt: latest?.renderedPrompt ?? "",
          ...(latest ? { params: latest.params } : {}),
        }}
      />
    </>
  );
}

function newerThan(iteration: IterationView | undefined, when: Date): boolean {
  return !!iteration && new Date(iteration.createdAt).getTime() > when.getTime();
}
