"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/modal";
import { useT } from "@/lib/i18n/client";

// The list, its actions and its dialog load on the first open: most visits never open it.
const ProjectsDialog = dynamic(() => import("./projects-dialog").then((m) => m.ProjectsDialog));

/** Open, rename and delete projects, in a modal so the studio keeps its place behind it. */
export function ProjectsMenu() {
  const [isOpen, setOpen] = useState(false);
  const opened = useOpenedOnce(isOpen);
  const t = useT();
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t("projects.open")}
      </Button>
      {opened ? <ProjectsDialog isOpen={isOpen} setOpen={setOpen} /> : null}
    </>
  );
}
