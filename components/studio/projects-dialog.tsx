"use client";

import { AppLink } from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { useEffect, useState, useTransition } from "react";
import {
  deleteProjectAction,
  listProjectsAction,
  renameProjectAction,
  type ProjectCard,
} from "@/app/(studio)/project-actions";
import { Dialog } from "@/components/ui/dialog";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { useStudio } from "./studio-context";

// Rows (rename form, thumbnails, dates) are drawn only inside the open dialog: their code waits for it.
const ProjectRow = dynamic(() => import("./project-row").then((m) => m.ProjectRow));

/** The projects list: opened, renamed and deleted here; (re)loaded each time the dialog opens. */
export function ProjectsDialog({ isOpen, setOpen }: { isOpen: boolean; setOpen: (open: boolean) => void }) {
  const t = useT();
  const locale = useLocale();
  const [projects, setProjects] = useState<ProjectCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const currentId = useStudio((s) => s.projectId);
  const setProject = useStudio((s) => s.setProject);
  const router = useRouter();

  useEffect(() => {
    if (!isOpen) return;
    startTransition(async () => {
      const result = await listProjectsAction();
      if (result.ok) setProjects(result.value);
      else setError(errorText({ t, locale, error: result.error }));
    });
  }, [isOpen, t, locale]);

  const rename = (project: ProjectCard, name: string) =>
    startTransition(async () => {
      const result = await renameProjectAction({ projectId: project.id, name });
      if (!result.ok) return setError(errorText({ t, locale, error: result.error }));
      setError(null);
      setProjects((list) => list?.map((p) => (p.id === project.id ? { ...p, name: result.value.name } : p)) ?? null);
      if (project.id === currentId) setProject(result.value);
    });

  const remove = (project: ProjectCard) => {
    if (!window.confirm(t("projects.confirmDelete", { name: project.name }))) return;
    startTransition(async () => {
      const result = await deleteProjectAction({ projectId: project.id });
      if (!result.ok) return setError(errorText({ t, locale, error: result.error }));
      setProjects((list) => list?.filter((p) => p.id !== project.id) ?? null);
      if (project.id === currentId) router.push("/");
    });
  };

  return (
    <Dialog
        open={isOpen}
        onOpenChange={setOpen}
        title={t("projects.title")}
        bodyClassName="p-3"
        toolbar={
          <AppLink
            href="/"
            className="inline-flex h-9 items-center rounded-lg bg-accent px-3 text-sm font-medium text-accent-ink hover:brightness-110"
            onClick={() => setOpen(false)}
          >
            {t("app.newProject")}
          </AppLink>
        }
      >
        {error ? (
          <p role="alert" className="px-2 py-1 text-sm text-bad">
            {error}
          </p>
        ) : null}
        {projects === null ? (
          <p className="px-2 py-4 text-sm text-muted">{pending ? t("projects.loading") : ""}</p>
        ) : projects.length === 0 ? (
          <p className="px-2 py-4 text-sm text-muted">{t("projects.empty")}</p>
        ) : (
          <ul className="flex max-h-[60vh] flex-col gap-1">
            {projects.map((project) => (
              <ProjectRow key={project.id} project={project} current={project.id === currentId} onRename={rename} onDelete={remove} />
            ))}
          </ul>
        )}
    </Dialog>
  );
}
