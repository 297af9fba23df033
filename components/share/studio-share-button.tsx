"use client";

import { useStudio } from "@/components/studio/studio-context";
import { ShareButton } from "./share-button";

/** The Share button wired to the studio: it shares the iteration on screen. */
export function StudioShareButton() {
  const projectId = useStudio((s) => s.projectId);
  const iterationId = useStudio((s) => s.currentId);
  return <ShareButton projectId={projectId} iterationId={iterationId} />;
}
