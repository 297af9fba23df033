"use client";

import { useState } from "react";
import type { ProjectCard } from "@/app/(studio)/project-actions";
import { Button } from "@/components/ui/button";
import { formatDate, plural } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";

/** One project in the Projects dialog: open it, rename it in place, or delete it. */
export function ProjectRow({
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
