"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  deleteProjectAction,
  listProjectsAction,
  renameProjectAction,
  type ProjectCard,
} from "@/app/(studio)/project-actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { errorText, formatDate, plural } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { useStudio } from "./studio-context";

/** Open, rename and delete projects, in a modal so the studio keeps its place behind it. */
export function ProjectsMenu() {
  const [isOpen, setOpen] = useState(false);
  const t = useT();
  const locale = useLocale();
  const [projects, setProjects] = useState<ProjectCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const currentId = useStudio((s) => s.projectId);
  const setProject = useStudio((s) => s.setProject);
  const router = useRouter();

  const open = () => {
    setOpen(true);
    startTransition(async () => {
      const result = await listProjectsAction();
      if (result.ok) setProjects(result.value);
      else setError(errorText({ t, locale, error: result.error }));
    });
  };

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
    <>
      <Button variant="ghost" onClick={open} aria-haspopup="dialog">
        {t("projects.open")}
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={setOpen}
        title={t("projects.title")}
        bodyClassName="p-3"
        toolbar={
          <Link
            href="/"
            className="inline-flex h-9 items-center rounded-lg bg-accent px-3 text-sm font-medium text-accent-ink hover:brightness-110"
            onClick={() => setOpen(false)}
          >
            {t("app.newProject")}
          </Link>
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
    </>
  );
}

function ProjectRow({
  project,
  current,
  onRename,
  onDelete,
}: {
  project: ProjectCard;
  current: boolean;
  onRename: (project: ProjectCard, name: string) => void;
  onDelete: (project: ProjectCard) => void;
}) {
  const [editing, setEditing] = useState(false);
  const t = useT();
  const locale = useLocale();
  return (
    <li className={`flex items-center gap-3 rounded-lg p-2 ${current ? "bg-sunken" : "hover:bg-sunken/60"}`}>
      {project.thumbnailUrl ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`${project.thumbnailUrl}?w=96`} alt="" width={44} height={44} className="size-11 rounded-md object-cover" />
      ) : (
        <span aria-hidden="true" className="size-11 rounded-md bg-sunken" />
      )}
      {editing ? (
        <form
          className="flex flex-1 gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const name = new FormData(e.currentTarget).get("name");
            onRename(project, typeof name === "string" ? name : "");
            setEditing(false);
          }}
        >
          <input
            name="name"
            aria-label={t("projects.name")}
            defaultValue={project.name}
            autoFocus
            maxLength={120}
            className="h-9 flex-1 rounded-lg border border-line bg-surface px-2 text-sm focus:border-focus focus:outline-none"
          />
          <Button type="submit">{t("projects.save")}</Button>
        </form>
      ) : (
        <a href={`/p/${project.id}`} className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{project.name}</span>
          <span className="text-xs text-muted">
            {plural(t, "projects.iterations", project.iterationCount)} · {formatDate({ locale, iso: project.createdAt })}
          </span>
        </a>
      )}
      {!editing ? (
        <>
          <Button variant="ghost" onClick={() => setEditing(true)} aria-label={t("projects.renameNamed", { name: project.name })}>
            {t("projects.rename")}
          </Button>
          <Button variant="ghost" onClick={() => onDelete(project)} aria-label={t("projects.deleteNamed", { name: project.name })}>
            {t("projects.delete")}
          </Button>
        </>
      ) : null}
    </li>
  );
}
