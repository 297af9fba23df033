"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import {
  deleteProjectAction,
  listProjectsAction,
  renameProjectAction,
  type ProjectCard,
} from "@/app/(studio)/project-actions";
import { Button } from "@/components/ui/button";
import { useStudio } from "./studio-context";

/** Open, rename and delete projects, in a modal so the studio keeps its place behind it. */
export function ProjectsMenu() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [projects, setProjects] = useState<ProjectCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const currentId = useStudio((s) => s.projectId);
  const setProject = useStudio((s) => s.setProject);
  const router = useRouter();

  const open = () => {
    dialog.current?.showModal();
    startTransition(async () => {
      const result = await listProjectsAction();
      if (result.ok) setProjects(result.value);
      else setError(result.error.message);
    });
  };

  const rename = (project: ProjectCard, name: string) =>
    startTransition(async () => {
      const result = await renameProjectAction({ projectId: project.id, name });
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setProjects((list) => list?.map((p) => (p.id === project.id ? { ...p, name: result.value.name } : p)) ?? null);
      if (project.id === currentId) setProject(result.value);
    });

  const remove = (project: ProjectCard) => {
    if (!window.confirm(`Delete “${project.name}” and all its iterations? This cannot be undone.`)) return;
    startTransition(async () => {
      const result = await deleteProjectAction({ projectId: project.id });
      if (!result.ok) return setError(result.error.message);
      setProjects((list) => list?.filter((p) => p.id !== project.id) ?? null);
      if (project.id === currentId) router.push("/");
    });
  };

  return (
    <>
      <Button variant="ghost" onClick={open}>
        Projects
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="projects-title"
        className="m-auto w-[min(640px,calc(100vw-2rem))] rounded-card border border-line bg-surface p-0 text-ink shadow-card backdrop:bg-ink/40"
      >
        <div className="flex items-center justify-between border-b border-line px-5 py-3">
          <h2 id="projects-title" className="font-semibold">
            Projects
          </h2>
          <div className="flex gap-2">
            <Link href="/" className="inline-flex h-9 items-center rounded-lg bg-accent px-3 text-sm font-medium text-accent-ink" onClick={() => dialog.current?.close()}>
              New project
            </Link>
            <Button variant="ghost" onClick={() => dialog.current?.close()}>
              Close
            </Button>
          </div>
        </div>
        <div className="max-h-[60vh] overflow-y-auto p-3">
          {error ? (
            <p role="alert" className="px-2 py-1 text-sm text-bad">
              {error}
            </p>
          ) : null}
          {projects === null ? (
            <p className="px-2 py-4 text-sm text-muted">{pending ? "Loading…" : ""}</p>
          ) : projects.length === 0 ? (
            <p className="px-2 py-4 text-sm text-muted">No projects yet. Your first render starts one.</p>
          ) : (
            <ul className="flex flex-col gap-1">
              {projects.map((project) => (
                <ProjectRow key={project.id} project={project} current={project.id === currentId} onRename={rename} onDelete={remove} />
              ))}
            </ul>
          )}
        </div>
      </dialog>
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
            aria-label="Project name"
            defaultValue={project.name}
            autoFocus
            maxLength={120}
            className="h-9 flex-1 rounded-lg border border-line bg-surface px-2 text-sm focus:border-focus focus:outline-none"
          />
          <Button type="submit">Save</Button>
        </form>
      ) : (
        <a href={`/p/${project.id}`} className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{project.name}</span>
          <span className="text-xs text-muted">
            {project.iterationCount} {project.iterationCount === 1 ? "iteration" : "iterations"} ·{" "}
            {new Date(project.createdAt).toLocaleDateString()}
          </span>
        </a>
      )}
      {!editing ? (
        <>
          <Button variant="ghost" onClick={() => setEditing(true)} aria-label={`Rename ${project.name}`}>
            Rename
          </Button>
          <Button variant="ghost" onClick={() => onDelete(project)} aria-label={`Delete ${project.name}`}>
            Delete
          </Button>
        </>
      ) : null}
    </li>
  );
}
