import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Studio } from "@/components/studio/studio";
import { CjkFont } from "@/components/ui/cjk-font";
import { readOwnerId } from "@/lib/auth/owner";
import { listExploreRounds } from "@/lib/db/explore-queries";
import { getProject, listReferenceImages, loadProjectIterations } from "@/lib/db/queries";
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
  const [records, referenceRows, roundRows] = await Promise.all([
    loadProjectIterations({ projectId: project.id }),
    listReferenceImages({ projectId: project.id }),
    listExploreRounds({ ownerId: project.ownerId, projectId: project.id }),
  ]);
  const iterations = records.map(toIterationView);
  const latest = iterations.at(-1);
  return (
    <>
      <CjkFont text={JSON.stringify(iterations)} />
      <Studio
        config={loadStudioConfig()}
        autoIterate={lastRunOf(roundRows)}
        references={{ projectId: project.id, references: referenceRows.map(toReferenceView), activeId: activeReferenceId({ references: referenceRows, latest }) }}
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
